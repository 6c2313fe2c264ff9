"use client";

import { KeyRound, RefreshCw } from "lucide-react";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { useOrigin } from "@/components/common/use-origin";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { type Endpoint, useRotateTokenMutation } from "@/lib/queries/endpoints";
import { OneTimeToken } from "./one-time-token";
import { pollerUrl, PollingSamples } from "./polling-samples";

function Value({ label, children, action }: { label: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm break-all text-zinc-800">{children}</code>
        {action}
      </div>
    </div>
  );
}

/**
 * How consumers reach a polling endpoint: its poller URL, which token it takes (the prefix;
 * the token itself was shown once), rotating that token, and code for each way of reading.
 */
export function PollingCard({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const developer = useAppScope().access.manageEndpoint;
  const origin = useOrigin();
  const rotate = useRotateTokenMutation(appId, endpoint.id);
  const [confirming, setConfirming] = useState(false);
  const url = pollerUrl(origin, appId, endpoint.id);
  const token = rotate.data?.token;

  return (
    <Card>
      <div className="border-b border-zinc-100 px-5 py-4">
        <h2 className="font-semibold">Read this endpoint</h2>
        <p className="mt-1 max-w-xl text-sm text-zinc-600">
          Nothing is sent to a URL: your consumers read the messages from here, by polling or streaming, with the endpoint&apos;s token.
        </p>
      </div>
      <div className="space-y-4 px-5 py-4">
        <Value label="Poller URL" action={<CopyButton value={url} />}>
          {url}
        </Value>
        <Value
          label="Token"
          action={
            developer ? (
              <Button variant="secondary" size="sm" disabled={rotate.isPending} onClick={() => setConfirming(true)}>
                <RefreshCw className="size-4" aria-hidden /> {rotate.isPending ? "Rotating…" : "Rotate token"}
              </Button>
            ) : null
          }
        >
          <span aria-label="Token prefix">{endpoint.tokenPrefix ? `${endpoint.tokenPrefix}…` : "—"}</span>
        </Value>
        <p className="flex items-start gap-2 text-sm text-zinc-500">
          <KeyRound className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            The token was shown once, when it was made. Send it as <code className="font-mono">Authorization: Bearer</code> (or{" "}
            <code className="font-mono">?token=</code> on the stream); it reads this endpoint and nothing else.
          </span>
        </p>
      </div>
      <div className="border-t border-zinc-100 px-5 py-4">
        <PollingSamples appId={appId} endpointId={endpoint.id} />
      </div>

      {developer ? (
        <>
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            tone="primary"
            title="Rotate token"
            description="A new token is made and shown once."
            confirmLabel="Rotate token"
            pendingLabel="Rotating…"
            onConfirm={async () => {
              await rotate.mutateAsync();
              toast.success("Token rotated. Give the new one to your consumers.");
            }}
          >
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              The current token stops working <strong>at once</strong>: every consumer using it is refused until it is given the new one.
            </p>
          </ConfirmDialog>
          <Dialog
            open={!!token}
            onOpenChange={(open) => {
              if (!open) rotate.reset();
            }}
          >
            <DialogContent title="New token" description="Consumers need this token from now on; the old one no longer works.">
              {token ? <OneTimeToken token={token} /> : null}
              <div className="mt-4 flex justify-end">
                <Button onClick={() => rotate.reset()}>Done</Button>
              </div>
            </DialogContent>
          </Dialog>
        </>
      ) : null}
    </Card>
  );
}
