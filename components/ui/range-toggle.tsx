import { cn } from "@/lib/utils";

export type TimeRange = "24h" | "7d";

/** The last 24 hours or 7 days, for a chart: a two-button radio group. */
export function RangeToggle({ label, value, onChange }: { label: string; value: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-md border border-zinc-200 bg-zinc-50 p-0.5">
      {(["24h", "7d"] as const).map((range) => (
        <button
          key={range}
          type="button"
          role="radio"
          aria-checked={value === range}
          onClick={() => onChange(range)}
          className={cn(
            "rounded px-2.5 py-1 text-xs font-medium",
            value === range ? "bg-surface text-zinc-900 shadow-sm" : "text-zinc-500 hover:text-zinc-800",
          )}
        >
          {range === "24h" ? "24 hours" : "7 days"}
        </button>
      ))}
    </div>
  );
}
