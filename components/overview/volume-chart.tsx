"use client";

import { format } from "date-fns";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip as ChartTooltip, XAxis, YAxis } from "recharts";
import { useChartColors } from "@/components/ui/theme";
import { FAIL_COLOR as FAIL, SUCCESS_COLOR as SUCCESS } from "@/components/common/chart-legend";
import type { Overview } from "@/lib/queries/overview";

/** Attempts per bucket (succeeded and failed, stacked) with the success rate as a line on its own axis. */
export function VolumeChart({ overview }: { overview: Overview }) {
  const daily = overview.range === "24h";
  const colors = useChartColors();
  const data = overview.buckets.map((b) => ({ ...b, rate: b.success + b.fail ? Math.round((b.success / (b.success + b.fail)) * 1000) / 10 : null }));
  return (
    <div className="h-52" role="img" aria-label={`Successful and failed attempts per ${daily ? "hour" : "6 hours"}, with the success rate`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: -16 }} barCategoryGap={daily ? 3 : 2}>
          <CartesianGrid vertical={false} stroke={colors.grid} />
          <XAxis
            dataKey="start"
            tickFormatter={(value: string) => format(new Date(value), daily ? "HH:mm" : "EEE HH:mm")}
            tick={{ fontSize: 11, fill: colors.tick }}
            tickLine={false}
            axisLine={{ stroke: colors.axis }}
            minTickGap={24}
          />
          <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 11, fill: colors.tick }} tickLine={false} axisLine={false} width={48} />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            ticks={[0, 50, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 11, fill: colors.tick }}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <ChartTooltip
            cursor={{ fill: colors.cursor }}
            labelFormatter={(value) => format(new Date(String(value)), "PP, HH:mm")}
            formatter={(value, name) => (name === "Success rate" ? [`${value}%`, name] : [value, name])}
            contentStyle={{ fontSize: 12, borderRadius: 6, ...colors.tooltip }}
          />
          <Bar yAxisId="count" dataKey="success" name="Succeeded" stackId="a" fill={SUCCESS} isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="fail" name="Failed" stackId="a" fill={FAIL} radius={[2, 2, 0, 0]} isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name="Success rate"
            stroke={colors.line}
            strokeWidth={1.5}
            dot={{ r: 2, fill: colors.line }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
