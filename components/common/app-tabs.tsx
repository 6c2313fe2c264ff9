"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { useAppScope } from "./app-scope";

/** The application's sections: its endpoints and its message log (and, in the portal, the event catalogue). */
export function AppTabs({ appId }: { appId: string }) {
  const pathname = usePathname();
  const scope = useAppScope();
  const base = scope.appHref(appId);
  const tabs = [
    { href: base, label: "Endpoints", active: pathname === base },
    { href: `${base}/messages`, label: "Messages", active: pathname.startsWith(`${base}/messages`) },
    ...(scope.kind === "portal" ? [{ href: scope.eventTypesHref, label: "Event catalogue", active: pathname.startsWith(scope.eventTypesHref) }] : []),
  ];
  return (
    <nav aria-label="Application" className="mb-6 flex gap-1 overflow-x-auto border-b border-zinc-200">
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
