import { Loader2, Link2Off } from "lucide-react";
import type { ReactNode } from "react";

/** A whole-page message of the portal: opening, or why it cannot open. */
export function PortalMessage({ title, busy = false, children }: { title: string; busy?: boolean; children: ReactNode }) {
  const Icon = busy ? Loader2 : Link2Off;
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12 text-zinc-900">
      <div className="w-full max-w-md rounded-lg border border-zinc-200 bg-surface p-8 text-center shadow-sm" role={busy ? "status" : undefined}>
        <Icon className={busy ? "mx-auto size-6 animate-spin text-zinc-400" : "mx-auto size-8 text-zinc-400"} aria-hidden />
        <h1 className="mt-4 text-lg font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-zinc-600">{children}</p>
      </div>
    </main>
  );
}
