"use client";

import { RotateCw } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { endpointName, isPolling } from "@/components/common/endpoint-name";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { type MessageDestination, useResendMutation } from "@/lib/queries/messages";
import { DeliveryStateBadge } from "@/components/common/delivery-state";

function ResendButton({ appId, msgId, endpoint, onResent }: { appId: string; msgId: string; endpoint: MessageDestination; onResent: () => void }) {
  const resend = useResendMutation(appId, msgId);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={resend.isPending}
      aria-label={`Resend to ${endpointName(endpoint)}`}
      onClick={() =>
        resend.mutateAsync(endpoint.id).then(
          () => {
            onResent();
            toast.success("Resending now", { description: "The new attempt appears in the timeline in a moment." });
          },
          (error: Error) => toast.error(error.message),
        )
      }
    >
      <RotateCw className="size-4" aria-hidden /> {resend.isPending ? "Resending…" : "Resend"}
    </Button>
  );
}

/** Every endpoint the message goes to, the state of its delivery there, and (developers) a resend. */
export function MessageDestinations({
  appId,
  msgId,
  destinations,
  onResent,
}: {
  appId: string;
  msgId: string;
  destinations: MessageDestination[];
  onResent: () => void;
}) {
  const { access, appHref } = useAppScope();
  const developer = access.createAttempts;
  if (destinations.length === 0) {
    return (
      <EmptyState title="Not sent to any endpoint">
        No enabled endpoint subscribed to this event type when the message arrived. Add an endpoint, or widen an endpoint&apos;s event-type filter, for the next
        messages.
      </EmptyState>
    );
  }
  return (
    <Table>
      <thead>
        <tr>
          <Th>Endpoint</Th>
          <Th>Status</Th>
          <Th className="text-right">Attempts</Th>
          <Th>Last try</Th>
          <Th>Next try</Th>
          {developer ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {destinations.map((d) => (
          <tr key={d.id} aria-label={endpointName(d)}>
            <Td className="max-w-xs">
              <Link
                href={`${appHref(appId)}/endpoints/${d.id}`}
                className="block truncate font-mono text-[13px] font-medium hover:underline"
                title={endpointName(d)}
              >
                {endpointName(d)}
              </Link>
              {d.description ? <p className="truncate text-xs text-zinc-500">{d.description}</p> : null}
            </Td>
            <Td className="whitespace-nowrap">
              <DeliveryStateBadge status={d.deliveryStatus} attempts={d.attempts} />
            </Td>
            <Td className="text-right tabular-nums">{d.attempts}</Td>
            <Td className="whitespace-nowrap text-zinc-600">
              {d.lastAttemptAt ? (
                <>
                  {d.lastStatusCode ? <span className="font-mono text-xs">HTTP {d.lastStatusCode}</span> : <span className="text-xs">No response</span>}
                  <span className="text-zinc-400"> · </span>
                  <TimeText value={d.lastAttemptAt} show="ago" className="text-xs" />
                </>
              ) : (
                <span className="text-zinc-400">—</span>
              )}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">
              <TimeText value={d.nextAttempt} show="until" />
            </Td>
            {developer ? (
              <Td className="text-right">
                {/* A polling endpoint's consumers read the message again themselves; nothing can be resent to it. */}
                {isPolling(d) ? null : <ResendButton appId={appId} msgId={msgId} endpoint={d} onResent={onResent} />}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
