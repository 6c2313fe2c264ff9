"use client";

import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** An on/off toggle (role="switch"); label it with aria-label or a <label htmlFor>. */
export function Switch({
  checked,
  onCheckedChange,
  className,
  ...props
}: Omit<ComponentProps<"button">, "onChange" | "role"> & { checked: boolean; onCheckedChange: (checked: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onCheckedChange(!checked)}
      className={cn(
        "relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-brand-600" : "bg-zinc-300",
        className,
      )}
      {...props}
    >
      <span className={cn("inline-block size-4 rounded-full bg-surface shadow-sm transition-transform", checked ? "translate-x-4.5" : "translate-x-0.5")} />
    </button>
  );
}
