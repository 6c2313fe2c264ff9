"use client";

import { useChartColors } from "@/components/ui/theme";

/** The bars' colours in every delivery chart (the same in light and dark). */
export const SUCCESS_COLOR = "#10b981";
export const FAIL_COLOR = "#ef4444";

/** The legend under a delivery chart: succeeded and failed bars, and the success-rate line where the chart has one. */
export function ChartLegend({ rate = false }: { rate?: boolean }) {
  const colors = useChartColors();
  return (
    <div className="mt-2 flex flex-wrap items-center justify-end gap-x-4 gap-y-1 text-xs text-zinc-500">
      <span className="inline-flex items-center gap-1.5">
        <span className="size-2 rounded-sm" style={{ background: SUCCESS_COLOR }} aria-hidden /> Succeeded
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="size-2 rounded-sm" style={{ background: FAIL_COLOR }} aria-hidden /> Failed
      </span>
      {rate ? (
        <span className="inline-flex items-center gap-1.5">
          <span className="h-0.5 w-3" style={{ background: colors.line }} aria-hidden /> Success rate
        </span>
      ) : null}
    </div>
  );
}
