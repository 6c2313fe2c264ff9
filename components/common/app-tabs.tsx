"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** The application's sections: its endpoints and its message log. */
export function AppTabs({ appId }: { appId: string }) {
  const pathname = usePathname();
  const base = `/apps/${appId}`;
  const tabs = [
    { href: base, label: "Endpoints", active: pathname === base },
    { href: `${base}/messages`, label: "Messages", active: pathname.startsWith(`${base}/messages`) },
  ];
  return (
    <nav aria-label="Application" className="mb-6 flex gap-1 border-b border-zinc-200">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.active ? "border-brand-600 text-zinc-900" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
