"use client";

import Link from "next/link";
import { useAppScope } from "@/components/common/app-scope";
import { Card } from "@/components/ui/card";
import { TimeText } from "@/components/ui/time-text";
import { usePendingRetriesQuery } from "@/lib/queries/endpoint-activity";

/** Deliveries to this endpoint that failed and wait for their next scheduled try; shown only when there are some. */
export function PendingRetries({ appId, endpointId }: { appId: string; endpointId: string }) {
  const { appHref } = useAppScope();
  const retries = usePendingRetriesQuery(appId, endpointId);
  const rows = retries.data?.rows ?? [];
  if (rows.length === 0) return null;
  return (
    <Card>
      <div className="border-b border-zinc-100 px-5 py-3">
        <h2 className="font-semibold">Retrying</h2>
        <p className="mt-0.5 text-sm text-zinc-600">These messages failed at least once and are tried again on the retry schedule.</p>
      </div>
      <ul className="divide-y divide-zinc-100" aria-label="Scheduled retries">
        {rows.map((row) => (
          <li key={row.messageId} className="flex flex-wrap items-center justify-between gap-3 px-5 py-2.5 text-sm">
            <Link
              href={`${appHref(appId)}/messages/${row.messageId}`}
              className="min-w-0 truncate font-mono text-[13px] font-medium hover:underline"
              title={row.messageId}
            >
              {row.eventType}
            </Link>
            <span className="flex items-center gap-3 text-xs whitespace-nowrap text-zinc-600">
              <span>
                {row.attempts} {row.attempts === 1 ? "attempt" : "attempts"}
                {row.lastStatusCode ? `, last HTTP ${row.lastStatusCode}` : ""}
              </span>
              <span className="font-medium text-amber-700">
                {row.nextAttemptAt ? (
                  <>
                    Next try <TimeText value={row.nextAttemptAt} show="until" />
                  </>
                ) : (
                  "Sending"
                )}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {retries.data?.more ? (
        <p className="border-t border-zinc-100 px-5 py-2.5 text-sm">
          <Link className="text-brand-700 hover:underline" href={`${appHref(appId)}/messages?status=failing&endpoint=${endpointId}`}>
            See all retrying messages
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
