"use client";

import { Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { type PollConsumer, useEndpointConsumersQuery } from "@/lib/queries/endpoints";

function Lag({ consumer }: { consumer: PollConsumer }) {
  if (consumer.lag === 0) return <Badge tone="success">Up to date</Badge>;
  return (
    <Badge tone="warning" title={`${consumer.lag.toLocaleString()} messages sent since its position`}>
      {consumer.lag.toLocaleString()} behind
    </Badge>
  );
}

/** A polling endpoint's consumers (the readers whose position the server keeps), refreshed while the page is open. */
export function ConsumersCard({ appId, endpointId }: { appId: string; endpointId: string }) {
  const consumers = useEndpointConsumersQuery(appId, endpointId);
  const rows = consumers.data ?? [];
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
        <h2 className="font-semibold">Consumers</h2>
        <UpdatedAgo updatedAt={consumers.dataUpdatedAt} fetching={consumers.isFetching} />
      </div>
      {consumers.isError ? (
        <p role="alert" className="p-5 text-sm text-red-700">
          {consumers.error.message}
        </p>
      ) : !consumers.isPending && rows.length === 0 ? (
        <EmptyState icon={Users} title="No consumers yet">
          <p>
            A consumer appears here the first time it reads under its own id: <code className="font-mono break-all">GET …/consumer/&#123;id&#125;</code>, the
            SDK&apos;s <code className="font-mono">consumerPoll</code>, or the stream with <code className="font-mono">?consumer=&#123;id&#125;</code>. The
            server then keeps its position.
          </p>
          <p>Reads that pass back their own iterator keep no position here, so they are not listed.</p>
        </EmptyState>
      ) : (
        <Table aria-label="Consumers">
          <thead>
            <tr>
              <Th>Consumer</Th>
              <Th>Position</Th>
              <Th>Last poll</Th>
              <Th className="hidden sm:table-cell">First seen</Th>
            </tr>
          </thead>
          <tbody>
            {consumers.isPending ? (
              <SkeletonRows columns={3} rows={2} />
            ) : (
              rows.map((consumer) => (
                <tr key={consumer.consumerId}>
                  <Td className="max-w-48 sm:max-w-64">
                    <span className="block truncate font-mono text-[13px] font-medium" title={consumer.consumerId}>
                      {consumer.consumerId}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Lag consumer={consumer} />
                    <span className="mt-0.5 block font-mono text-xs text-zinc-500" title="Its iterator: where its next read starts">
                      {consumer.iterator}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600">
                    {consumer.lastPollAt ? <TimeText value={consumer.lastPollAt} show="ago" /> : <span className="text-zinc-500">Never read</span>}
                  </Td>
                  <Td className="hidden whitespace-nowrap text-zinc-600 sm:table-cell">
                    <TimeText value={consumer.createdAt} show="ago" />
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
