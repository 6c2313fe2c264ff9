"use client";

import { format } from "date-fns";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip as ChartTooltip, XAxis, YAxis } from "recharts";
import { History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useAppScope } from "@/components/common/app-scope";
import { ChartLegend, FAIL_COLOR as FAIL, SUCCESS_COLOR as SUCCESS } from "@/components/common/chart-legend";
import { DELIVERY_STATE_TEXT, LOG_STATUS_STATE } from "@/components/common/delivery-state";
import { Button } from "@/components/ui/button";
import { RangeToggle } from "@/components/ui/range-toggle";
import { Card } from "@/components/ui/card";
import { useChartColors } from "@/components/ui/theme";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { SHOWN_STATES, type ShownState } from "@/lib/delivery/shown-state";
import { type SeriesRange, useEndpointSeriesQuery, useEndpointStatesQuery } from "@/lib/queries/endpoint-activity";
import type { LogStatus } from "@/lib/queries/messages";
import { cn } from "@/lib/utils";

// The message log's filter that lists a state's messages, where it has one (Sending has none).
const logFilterOf = (state: ShownState) => (Object.keys(LOG_STATUS_STATE) as LogStatus[]).find((status) => LOG_STATUS_STATE[status] === state);

function Stat({ state, value, logHref }: { state: ShownState; value: number | undefined; logHref: string | null }) {
  const { label, dot, hint } = DELIVERY_STATE_TEXT[state];
  return (
    <div className="min-w-0 bg-surface px-5 py-4" title={hint}>
      <dt className="flex items-center gap-1.5 text-xs font-medium text-zinc-500">
        <span className={cn("size-2 rounded-full", dot)} aria-hidden />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900">
        {value === undefined ? (
          <span className="text-zinc-300">–</span>
        ) : logHref && value > 0 ? (
          <Link href={logHref} className="hover:underline" aria-label={`${value.toLocaleString()}: see these messages in the log`}>
            {value.toLocaleString()}
          </Link>
        ) : (
          value.toLocaleString()
        )}
      </dd>
    </div>
  );
}

/** The endpoint's deliveries in the message log's states and words, and its successful and failed attempts over time. */
export function DeliveryCard({ appId, endpointId, onRecover }: { appId: string; endpointId: string; onRecover: (() => void) | null }) {
  const [range, setRange] = useState<SeriesRange>("24h");
  const { appHref } = useAppScope();
  const stats = useEndpointStatesQuery(appId, endpointId);
  const series = useEndpointSeriesQuery(appId, endpointId, range);
  const colors = useChartColors();
  const buckets = series.data?.buckets ?? [];
  const totals = buckets.reduce((sum, b) => ({ success: sum.success + b.success, fail: sum.fail + b.fail }), { success: 0, fail: 0 });
  const attempts = totals.success + totals.fail;
  const tick = (value: string) => format(new Date(value), range === "24h" ? "HH:mm" : "EEE HH:mm");

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
        <h2 className="font-semibold">Delivery</h2>
        <div className="flex items-center gap-3">
          <UpdatedAgo updatedAt={stats.dataUpdatedAt} fetching={stats.isFetching} />
          {onRecover ? (
            <Button variant="secondary" size="sm" onClick={onRecover}>
              <History className="size-4" aria-hidden /> Recover failed…
            </Button>
          ) : null}
        </div>
      </div>
      {stats.isError ? (
        <p role="alert" className="px-5 pt-4 text-sm text-red-700">
          {stats.error.message}
        </p>
      ) : null}
      <dl aria-label="Deliveries by status" className="grid grid-cols-2 gap-px border-b border-zinc-100 bg-zinc-100 sm:grid-cols-3 xl:grid-cols-6">
        {SHOWN_STATES.map((state) => {
          const filter = logFilterOf(state);
          const logHref = filter ? `${appHref(appId)}/messages?status=${filter}&endpoint=${encodeURIComponent(endpointId)}` : null;
          return <Stat key={state} state={state} value={stats.data?.[state]} logHref={logHref} />;
        })}
      </dl>
      <div className="px-5 pt-4 pb-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-zinc-600">
            {series.data ? (
              attempts ? (
                <>
                  <span className="font-medium text-zinc-900">{attempts.toLocaleString()}</span> {attempts === 1 ? "attempt" : "attempts"},{" "}
                  <span className="font-medium text-zinc-900">{Math.round((totals.success / attempts) * 1000) / 10}%</span> succeeded
                </>
              ) : (
                "No attempts in this period"
              )
            ) : (
              " "
            )}
          </p>
          <RangeToggle label="Chart range" value={range} onChange={setRange} />
        </div>
        <div
          className={cn("mt-3 h-48 transition-opacity", series.isPlaceholderData && "opacity-60")}
          role="img"
          aria-label={`Successful and failed attempts per ${range === "24h" ? "hour" : "6 hours"}`}
        >
          {series.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {series.error.message}
            </p>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={buckets} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} barCategoryGap={range === "24h" ? 3 : 2}>
                <CartesianGrid vertical={false} stroke={colors.grid} />
                <XAxis
                  dataKey="start"
                  tickFormatter={tick}
                  tick={{ fontSize: 11, fill: colors.tick }}
                  tickLine={false}
                  axisLine={{ stroke: colors.axis }}
                  minTickGap={24}
                />
                <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: colors.tick }} tickLine={false} axisLine={false} width={48} />
                <ChartTooltip
                  cursor={{ fill: colors.cursor }}
                  labelFormatter={(value) => format(new Date(String(value)), "PP, HH:mm")}
                  contentStyle={{ fontSize: 12, borderRadius: 6, ...colors.tooltip }}
                />
                <Bar dataKey="success" name="Succeeded" stackId="a" fill={SUCCESS} isAnimationActive={false} />
                <Bar dataKey="fail" name="Failed" stackId="a" fill={FAIL} radius={[2, 2, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </div>
        <ChartLegend />
      </div>
    </Card>
  );
}
