"use client";

import { Activity, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ChartLegend } from "@/components/common/chart-legend";
import { Card } from "@/components/ui/card";
import { RangeToggle } from "@/components/ui/range-toggle";
import { RefreshError } from "@/components/ui/refresh-error";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeText } from "@/components/ui/time-text";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import type { SeriesRange } from "@/lib/queries/endpoint-activity";
import { type Overview, useOverviewQuery } from "@/lib/queries/overview";
import { cn } from "@/lib/utils";
import { TroubleList } from "./trouble-list";
import { VolumeChart } from "./volume-chart";

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatAge(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

const formatMs = (ms: number | null) => (ms === null ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function Stat({ label, value, detail, tone }: { label: string; value: string; detail: string; tone?: "bad" | "warn" }) {
  return (
    <div className="min-w-0 px-4 py-4 sm:px-5">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd
        className={cn(
          "mt-1 text-xl font-semibold tabular-nums sm:text-2xl",
          tone === "bad" ? "text-red-700" : tone === "warn" ? "text-amber-700" : "text-zinc-900",
        )}
      >
        {value}
      </dd>
      <dd className="mt-0.5 truncate text-xs text-zinc-500" title={detail}>
        {detail}
      </dd>
    </div>
  );
}

function Stats({ overview }: { overview: Overview }) {
  const period = overview.range === "24h" ? "last 24 hours" : "last 7 days";
  const rate = overview.successRate;
  const { queue, durations } = overview;
  return (
    <dl aria-label="Delivery figures" className="grid grid-cols-2 divide-zinc-100 lg:grid-cols-4 lg:divide-x">
      <Stat label="Attempts" value={overview.attempts.toLocaleString()} detail={`in the ${period}`} />
      <Stat
        label="Success rate"
        value={rate === null ? "—" : `${Math.floor(rate * 1000) / 10}%`}
        detail={rate === null ? "no attempts yet" : `of attempts, ${period}`}
        tone={rate === null ? undefined : rate < 0.9 ? "bad" : rate < 0.99 ? "warn" : undefined}
      />
      <Stat
        label="Waiting deliveries"
        value={`${queue.pending.toLocaleString()}${queue.capped ? "+" : ""}`}
        detail={queue.oldest ? `oldest waiting ${formatAge(queue.oldest.ageSeconds)}` : "nothing waiting"}
        tone={queue.oldest && queue.oldest.ageSeconds > 3600 ? "warn" : undefined}
      />
      <Stat
        label="Attempt time p50 / p95"
        value={durations.p50 === null ? "—" : `${formatMs(durations.p50)} / ${formatMs(durations.p95)}`}
        detail={durations.sampled ? `${durations.sampled.toLocaleString()} recent attempts, 24 h` : "no attempts in 24 h"}
      />
    </dl>
  );
}

function ExhaustedList({ overview, showApp }: { overview: Overview; showApp: boolean }) {
  if (overview.exhausted.length === 0) {
    return <p className="px-5 py-4 text-sm text-zinc-600">No message has run out of retries. When one does, it is listed here with a link to its attempts.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100" aria-label="Messages that ran out of retries">
      {overview.exhausted.map((m) => (
        <li key={`${m.messageId}-${m.endpointId}`}>
          <Link href={`/apps/${m.appId}/messages/${m.messageId}`} className="flex items-center gap-3 px-5 py-3 hover:bg-zinc-50">
            <div className="min-w-0 flex-1">
              <p className="truncate font-mono text-[13px] font-medium text-zinc-900">{m.eventType ?? "message"}</p>
              <p className="truncate font-mono text-xs text-zinc-500" title={m.messageId}>
                {m.messageId}
              </p>
            </div>
            <div className="shrink-0 text-right text-xs text-zinc-500">
              <TimeText value={m.at} show="ago" />
              <p>
                {showApp && m.count > 1
                  ? `+${m.count - 1} more that hour`
                  : m.lastStatusCode
                    ? `last answer ${m.lastStatusCode}`
                    : m.attempts
                      ? `${m.attempts} ${m.attempts === 1 ? "attempt" : "attempts"}`
                      : null}
              </p>
            </div>
            <ChevronRight className="size-4 shrink-0 text-zinc-400" aria-hidden />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * The overview of the organization (no appId) or of one application: trouble first
 * (endpoints disabled or failing, messages out of retries), then volume and success over
 * time, the queue and attempt times. Refreshes itself.
 */
export function OverviewPanel({ appId = null, emptyHint }: { appId?: string | null; emptyHint: React.ReactNode }) {
  const [range, setRange] = useState<SeriesRange>("24h");
  const overview = useOverviewQuery(appId, range);
  const data = overview.data;
  const showApp = appId === null;
  return (
    <section aria-label="Overview" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Overview</h2>
        <div className="flex flex-wrap items-center gap-3">
          <UpdatedAgo updatedAt={overview.dataUpdatedAt} fetching={overview.isFetching} />
          <RangeToggle label="Overview range" value={range} onChange={setRange} />
        </div>
      </div>
      <RefreshError query={overview} />
      {overview.isError && overview.data === undefined ? (
        <p role="alert" className="text-sm text-red-700">
          {overview.error.message}
        </p>
      ) : null}
      <Card>
        <div className="border-b border-zinc-100 px-5 py-3">
          <h3 className="font-semibold">Needs attention</h3>
        </div>
        {data ? <TroubleList endpoints={data.troubledEndpoints} showApp={showApp} /> : <div className="h-14 animate-pulse bg-zinc-50" aria-label="Loading" />}
      </Card>
      <Card>
        {data ? <Stats overview={data} /> : <div className="h-24 animate-pulse bg-zinc-50" aria-label="Loading" />}
        <div className="border-t border-zinc-100 px-3 pt-4 pb-3 sm:px-5">
          {data && data.attempts === 0 ? (
            <EmptyState icon={Activity} title={`No attempts in the ${range === "24h" ? "last 24 hours" : "last 7 days"}`}>
              {emptyHint}
            </EmptyState>
          ) : data ? (
            <div className={cn("transition-opacity", overview.isPlaceholderData && "opacity-60")}>
              <VolumeChart overview={data} />
              <ChartLegend rate />
            </div>
          ) : (
            <div className="h-52" />
          )}
        </div>
      </Card>
      <Card>
        <div className="border-b border-zinc-100 px-5 py-3">
          <h3 className="font-semibold">Recently out of retries</h3>
        </div>
        {data ? <ExhaustedList overview={data} showApp={showApp} /> : <div className="h-14 animate-pulse bg-zinc-50" aria-label="Loading" />}
      </Card>
    </section>
  );
}
