import type { ReactNode } from "react";
import { ConsoleProvider, type ConsoleValue } from "@/components/common/console-context";
import { MobileNav } from "./mobile-nav";
import { SidebarContent } from "./sidebar-content";

export function ConsoleShell({ value, children }: { value: ConsoleValue; children: ReactNode }) {
  return (
    <ConsoleProvider value={value}>
      <div className="min-h-screen md:flex">
        <MobileNav />
        <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-4 border-r border-zinc-200 bg-surface px-3 py-4 md:flex">
          <SidebarContent />
        </aside>
        <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </ConsoleProvider>
  );
}
