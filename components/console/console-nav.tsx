"use client";

import { Activity, Bell, Boxes, FileClock, KeyRound, LayoutDashboard, Settings2, Tags, UserRound, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useConsole } from "@/components/common/console-context";
import type { Role } from "@/lib/db";
import { useUnreadNoticesQuery } from "@/lib/queries/notices";
import { cn } from "@/lib/utils";

const items: { href: string; label: string; icon: typeof Activity; role?: Role }[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/apps", label: "Applications", icon: Boxes },
  { href: "/event-types", label: "Event types", icon: Tags },
  { href: "/notices", label: "Notices", icon: Bell },
  { href: "/team", label: "Team", icon: Users },
  { href: "/api-keys", label: "API keys", icon: KeyRound, role: "admin" },
  { href: "/settings", label: "Settings", icon: Settings2 },
  { href: "/audit", label: "Audit log", icon: FileClock, role: "admin" },
  { href: "/profile", label: "Profile", icon: UserRound },
];

export function ConsoleNav() {
  const pathname = usePathname();
  const { can } = useConsole();
  const unread = useUnreadNoticesQuery().data ?? 0;
  return (
    <nav aria-label="Console" className="flex flex-col gap-0.5">
      {items
        .filter((item) => !item.role || can(item.role))
        .map(({ href, label, icon: Icon }) => {
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <Link
              key={href}
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
                active && "bg-zinc-100 text-zinc-900",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
              {href === "/notices" && unread > 0 ? (
                <span className="ml-auto rounded-full bg-red-600 px-1.5 py-px text-xs font-semibold text-white tabular-nums">
                  {unread > 99 ? "99+" : unread}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </Link>
          );
        })}
    </nav>
  );
}
