"use client";

import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type MessageLogFilters, useRetryFailedMutation, useRetryPreviewQuery } from "@/lib/queries/messages";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * "Retry failed…": sends the failed deliveries of the messages the log's filters show again,
 * after a confirmation that says how many. One Idempotency-Key per confirmation, so a
 * repeated submit (a double click, a retry after a lost answer) acts once.
 */
export function BulkRetry({ appId, filters }: { appId: string; filters: MessageLogFilters }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState("");
  const preview = useRetryPreviewQuery(appId, filters, open);
  const retry = useRetryFailedMutation(appId);
  const count = preview.data;
  const nothing = !!count && count.deliveries === 0;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setKey(crypto.randomUUID());
          setOpen(true);
        }}
      >
        <RotateCcw className="size-4" aria-hidden /> Retry failed…
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Retry failed deliveries"
        tone="primary"
        confirmLabel={count && !nothing ? `Retry ${plural(count.deliveries, "delivery", "deliveries")}` : "Retry"}
        pendingLabel="Retrying…"
        confirmDisabled={!count || nothing || retry.isPending}
        description={
          preview.isError ? (
            <span className="text-red-700">{preview.error.message}</span>
          ) : !count ? (
            "Counting the failed deliveries of the messages these filters show…"
          ) : nothing ? (
            "No failed delivery matches these filters: nothing to retry. Deliveries to disabled endpoints are recovered from the endpoint once it is enabled."
          ) : (
            <>
              This sends <strong>{plural(count.deliveries, "failed delivery", "failed deliveries")}</strong> of{" "}
              <strong>{plural(count.messages, "message")}</strong> that the filters show again, now
              {count.more ? " — the newest 1,000; retry again for the rest" : ""}. Deliveries to disabled endpoints are left out.
            </>
          )
        }
        onConfirm={async () => {
          const done = await retry.mutateAsync({ filters, idempotencyKey: key });
          toast.success(`${plural(done.deliveries, "delivery", "deliveries")} of ${plural(done.messages, "message")} sent again`);
        }}
      />
    </>
  );
}
