"use client";

import { Menu } from "lucide-react";
import { type MouseEvent, useState } from "react";
import { Logo } from "@/components/layout/logo";
import { Sheet, SheetContent, SheetTrigger } from "@/components/ui/sheet";
import { SidebarContent } from "./sidebar-content";

/**
 * Below the `md` breakpoint the sidebar would leave the page a third of a phone's width:
 * a top bar instead, whose menu opens the same navigation in a sheet.
 */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  // A link followed inside the sheet closes it; the page it opens is what the person wants to see.
  const closeOnLink = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("a")) setOpen(false);
  };
  return (
    <header className="sticky top-0 z-30 flex items-center justify-between border-b border-zinc-200 bg-surface px-4 py-3 md:hidden">
      <Logo />
      <Sheet open={open} onOpenChange={setOpen}>
        <SheetTrigger aria-label="Open the menu" className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100">
          <Menu className="size-5" aria-hidden />
        </SheetTrigger>
        <SheetContent title="Menu" onClick={closeOnLink}>
          <SidebarContent />
        </SheetContent>
      </Sheet>
    </header>
  );
}
