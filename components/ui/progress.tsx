import { cn } from "@/lib/utils";

/** A horizontal progress bar; without `max` (unknown total) it shows an indeterminate stripe. */
export function Progress({ value, max, label, className }: { value: number; max: number | null; label: string; className?: string }) {
  const percent = max ? Math.min(100, Math.round((value / max) * 100)) : max === 0 ? 100 : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max === null ? undefined : value}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-zinc-100", className)}
    >
      <div
        className={cn("h-full rounded-full bg-brand-600 transition-[width] duration-500", percent === null && "w-1/3 animate-pulse")}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
