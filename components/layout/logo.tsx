import { Bird } from "lucide-react";
import Link from "next/link";

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
      <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-white">
        <Bird className="size-4" aria-hidden />
      </span>
      Pigeon
    </Link>
  );
}
