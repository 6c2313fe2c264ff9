"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Eye, EyeOff, KeyRound, RefreshCw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { endpointKeys, useEndpointSecretQuery, useRotateSecretMutation } from "@/lib/queries/endpoints";

/**
 * The signing secret: hidden until someone allowed to reveals it (each reveal is audited),
 * and rotatable by those allowed to. Others see that there is a secret, never a way to show it.
 */
export function SecretCard({ appId, endpointId, polling = false }: { appId: string; endpointId: string; polling?: boolean }) {
  const scope = useAppScope();
  const queryClient = useQueryClient();
  const { viewSecret, rotateSecret } = scope.access;
  const [revealed, setRevealed] = useState(false);
  const [rotating, setRotating] = useState(false);
  const secret = useEndpointSecretQuery(appId, endpointId, viewSecret && revealed);
  const rotate = useRotateSecretMutation(appId, endpointId);

  const hide = () => {
    setRevealed(false);
    // Forget it too: showing it again asks the server (and is audited) again.
    queryClient.removeQueries({ queryKey: endpointKeys.secret(appId, endpointId) });
  };

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div>
          <h2 className="flex items-center gap-2 font-semibold">
            <KeyRound className="size-4 text-zinc-500" aria-hidden /> Signing secret
          </h2>
          <p className="mt-1 max-w-xl text-sm text-zinc-600">
            {polling
              ? "Every message a consumer reads carries Standard Webhooks headers signed with this secret, so it can check that the message really came from you."
              : scope.kind === "portal"
                ? "Every webhook is signed with this secret (Standard Webhooks). Use it to check that a request really came from the sender."
                : "Every webhook is signed with this secret (Standard Webhooks). Your customer uses it to check that a request really came from you."}
          </p>
        </div>
        {rotateSecret ? (
          <Button variant="secondary" size="sm" onClick={() => setRotating(true)}>
            <RefreshCw className="size-4" aria-hidden /> Rotate secret
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 px-5 py-4">
        <div
          className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm break-all text-zinc-800"
          aria-label="Signing secret"
          aria-live="polite"
        >
          {revealed && secret.data ? (
            secret.data
          ) : revealed && secret.isFetching ? (
            <span className="text-zinc-400">Loading…</span>
          ) : (
            "whsec_••••••••••••••••••••••••"
          )}
        </div>
        {viewSecret ? (
          revealed ? (
            <>
              {secret.data ? <CopyButton value={secret.data} /> : null}
              <Button variant="ghost" size="sm" onClick={hide}>
                <EyeOff className="size-4" aria-hidden /> Hide
              </Button>
            </>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setRevealed(true)}>
              <Eye className="size-4" aria-hidden /> Reveal
            </Button>
          )
        ) : null}
      </div>
      {secret.isError ? (
        <p className="px-5 pb-4 text-sm text-red-700" role="alert">
          {secret.error.message}
        </p>
      ) : null}
      {viewSecret ? null : (
        <p className="px-5 pb-4 text-sm text-zinc-500">
          {scope.kind === "portal" ? "This link does not allow revealing the secret." : "Only developers, admins and owners can reveal the secret."}
        </p>
      )}

      {rotateSecret ? (
        <ConfirmDialog
          open={rotating}
          onOpenChange={setRotating}
          tone="primary"
          title="Rotate signing secret"
          description="A new secret is created and used for signing from now on."
          confirmLabel="Rotate secret"
          pendingLabel="Rotating…"
          onConfirm={async () => {
            await rotate.mutateAsync();
            // Show the new secret: it is what the receiver needs next.
            if (viewSecret) setRevealed(true);
            toast.success(
              scope.kind === "portal" ? "Secret rotated. Use the new one to verify webhooks." : "Secret rotated. Share the new one with your customer.",
            );
          }}
        >
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The old secret keeps working for <strong>24 hours</strong>: during that time every webhook carries a signature from both secrets, so{" "}
            {scope.kind === "portal" ? "you" : "your customer"} can switch to the new one without missing any. After that, only the new secret signs.
          </p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
