"use client";

import { Layers } from "lucide-react";
import { Button } from "@/components/ui/button";
import { RefreshError } from "@/components/ui/refresh-error";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { type Batch, useEndpointBatchesQuery } from "@/lib/queries/batches";
import { BatchStatusBadge } from "./batch-status";

/**
 * A batching endpoint's batches, newest first, live; older ones a page at a time. A row
 * opens the batch (`onOpen`): its POSTs and the messages it carried.
 */
export function BatchesCard({ appId, endpointId, onOpen }: { appId: string; endpointId: string; onOpen: (batchId: string) => void }) {
  const batches = useEndpointBatchesQuery(appId, endpointId);
  const rows: Batch[] = batches.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
        <div className="min-w-0">
          <h2 className="font-semibold">Batches</h2>
          <p className="mt-0.5 text-sm text-zinc-600">Each batch is one signed POST carrying several messages; a failed batch is retried whole.</p>
        </div>
        <UpdatedAgo updatedAt={batches.dataUpdatedAt} fetching={batches.isFetching} />
      </div>
      <RefreshError query={batches} />
      {batches.isError && batches.data === undefined ? (
        <p role="alert" className="p-5 text-sm text-red-700">
          {batches.error.message}
        </p>
      ) : !batches.isPending && rows.length === 0 ? (
        <EmptyState icon={Layers} title="No batches yet">
          Messages for this endpoint are gathered into batches as they arrive; each batch shows up here once it is sent.
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Batches">
            <thead>
              <tr>
                <Th>Sent</Th>
                <Th className="text-right">Size</Th>
                <Th className="hidden text-right sm:table-cell">Attempts</Th>
                <Th>Last status</Th>
                <Th className="text-right">Duration</Th>
              </tr>
            </thead>
            <tbody>
              {batches.isPending ? (
                <SkeletonRows columns={5} rows={3} />
              ) : (
                rows.map((batch) => (
                  <tr key={batch.id} {...rowLink(() => onOpen(batch.id))}>
                    <Td className="whitespace-nowrap">
                      <button
                        type="button"
                        className="font-medium text-zinc-900 hover:underline"
                        aria-label={`Open batch ${batch.id}`}
                        title={batch.id}
                        onClick={() => onOpen(batch.id)}
                      >
                        <TimeText value={batch.lastAttempt?.timestamp ?? batch.createdAt} show="ago" />
                      </button>
                    </Td>
                    <Td className="text-right tabular-nums">{batch.size.toLocaleString()}</Td>
                    <Td className="hidden text-right tabular-nums sm:table-cell">{batch.attempts}</Td>
                    <Td className="whitespace-nowrap">
                      <BatchStatusBadge post={batch.lastAttempt} />
                      {/* A phone has no room for the Attempts column: a retried batch says so here. */}
                      {batch.attempts > 1 ? <span className="ml-1.5 text-xs text-zinc-500 sm:hidden">{batch.attempts} tries</span> : null}
                    </Td>
                    <Td className="text-right whitespace-nowrap tabular-nums text-zinc-600">
                      {batch.lastAttempt ? `${batch.lastAttempt.responseDurationMs.toLocaleString()} ms` : "—"}
                    </Td>
                  </tr>
                ))
              )}
            </tbody>
          </Table>
          {batches.hasNextPage ? (
            <div className="flex justify-center border-t border-zinc-100 p-3">
              <Button variant="secondary" size="sm" onClick={() => batches.fetchNextPage()} disabled={batches.isFetchingNextPage}>
                {batches.isFetchingNextPage ? "Loading…" : "Older batches"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
