"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

// Tabs over Radix: the roles (tablist, tab, tabpanel), aria-selected and aria-controls, and
// the arrow keys, Home and End move between tabs (a tab is shown as it gets focus). The
// caller holds the value (e.g. in the address) through `value` and `onValueChange`.

export const Tabs = TabsPrimitive.Root;

/** The row of tabs. On a narrow screen it scrolls sideways inside itself, never the page. */
export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      className={cn(
        // The rule under the tabs is a shadow, so the active tab's border sits on it without a negative margin the scroller would clip.
        "mb-6 flex max-w-full gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-zinc-200)] [scrollbar-width:none]",
        className,
      )}
      {...props}
    />
  );
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        "shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-zinc-500 outline-none",
        "hover:border-zinc-300 hover:text-zinc-800 focus-visible:rounded-t focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500",
        "data-[state=active]:border-brand-600 data-[state=active]:text-zinc-900",
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return (
    <TabsPrimitive.Content
      className={cn("rounded-lg outline-none focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-500", className)}
      {...props}
    />
  );
}
