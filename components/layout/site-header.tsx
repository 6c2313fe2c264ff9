import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Logo } from "./logo";

const links = [
  { href: "/#features", label: "Features" },
  { href: "/#api", label: "API" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-surface/80 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-6">
        <Logo />
        <ul className="flex items-center gap-4 text-sm text-zinc-600">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="hover:text-zinc-900">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-2">
          <Button asChild variant="ghost" size="sm">
            <Link href="/login">Sign in</Link>
          </Button>
          <Button asChild size="sm">
            <Link href="/signup">Get started</Link>
          </Button>
        </div>
      </nav>
    </header>
  );
}
