"use client";

import { Activity, Boxes, FileClock, KeyRound, LayoutDashboard, Settings2, Tags, UserRound, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import type { Role } from "@/lib/db";
import { useConsole } from "./console-context";

const items: { href: string; label: string; icon: typeof Activity; role?: Role }[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/apps", label: "Applications", icon: Boxes },
  { href: "/event-types", label: "Event types", icon: Tags },
  { href: "/team", label: "Team", icon: Users },
  { href: "/api-keys", label: "API keys", icon: KeyRound, role: "admin" },
  { href: "/settings", label: "Settings", icon: Settings2 },
  { href: "/audit", label: "Audit log", icon: FileClock, role: "admin" },
  { href: "/profile", label: "Profile", icon: UserRound },
];

export function ConsoleNav() {
  const pathname = usePathname();
  const { can } = useConsole();
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
            </Link>
          );
        })}
    </nav>
  );
}
