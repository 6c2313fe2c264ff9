"use client";

import { ExternalLink, UserRoundX } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { PORTAL_CAPABILITIES } from "@/lib/portal/capabilities";
import { type PortalSessionRow, useCreatePortalLinkMutation, usePortalSessionsQuery, useRevokePortalSessionMutation } from "@/lib/queries/portal-sessions";

const CAPABILITY_LABELS: Record<string, string> = {
  ViewEndpointSecret: "View secrets",
  ManageEndpointSecret: "Rotate secrets",
  ManageTransformations: "Transformations",
  CreateAttempts: "Resend",
  ManageEndpoint: "Manage endpoints",
};

/**
 * "Open customer portal": a one-hour link for the team member, opened in a new tab. The tab
 * is opened during the click (so no popup blocker objects) and sent to the link once it
 * exists; the button is disabled meanwhile, so a double click issues one link.
 */
export function OpenPortalButton({ appId }: { appId: string }) {
  const link = useCreatePortalLinkMutation(appId);
  return (
    <Button
      variant="secondary"
      disabled={link.isPending}
      onClick={() => {
        if (link.isPending) return;
        const tab = window.open("", "_blank");
        link.mutateAsync().then(
          ({ url }) => {
            if (tab) {
              tab.opener = null;
              tab.location.href = url;
            } else window.location.assign(url);
          },
          (error: Error) => {
            tab?.close();
            toast.error(error.message);
          },
        );
      }}
    >
      <ExternalLink className="size-4" aria-hidden /> {link.isPending ? "Opening…" : "Open customer portal"}
    </Button>
  );
}

function Capabilities({ session }: { session: PortalSessionRow }) {
  const extra = session.capabilities.filter((c) => c !== "ViewBase");
  if (session.readOnly && extra.length === 0) return <Badge>Read-only</Badge>;
  if (!session.readOnly && extra.length === PORTAL_CAPABILITIES.length - 1) return <span className="text-zinc-600">Everything</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {session.readOnly ? <Badge>Read-only</Badge> : null}
      {extra.length === 0 ? <span className="text-zinc-600">View only</span> : extra.map((c) => <Badge key={c}>{CAPABILITY_LABELS[c] ?? c}</Badge>)}
    </span>
  );
}

/** The application's customer-portal sessions that still work, each revocable. */
export function CustomerPortalCard({ appId }: { appId: string }) {
  const sessions = usePortalSessionsQuery(appId);
  const revoke = useRevokePortalSessionMutation(appId);
  const [revoking, setRevoking] = useState<PortalSessionRow | null>(null);
  const rows = sessions.data ?? [];
  return (
    <Card role="region" aria-labelledby="customer-portal-title">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div>
          <h2 id="customer-portal-title" className="font-semibold">
            Customer portal
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600">
            Your customer manages their own endpoints and sees their deliveries through a link made by your backend (
            <code className="font-mono text-[13px]">POST /api/v1/auth/app-portal-access/{"{app_id}"}</code>). These are the links that still work.
          </p>
        </div>
        <OpenPortalButton appId={appId} />
      </div>
      {sessions.isError ? (
        <p role="alert" className="p-5 text-sm text-red-700">
          {sessions.error.message}
        </p>
      ) : sessions.isPending ? (
        <p className="p-5 text-sm text-zinc-500">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="p-5 text-sm text-zinc-500">No active portal sessions. Links that expire or are revoked drop off this list.</p>
      ) : (
        <Table aria-label="Active portal sessions">
          <thead>
            <tr>
              <Th>Issued</Th>
              <Th>By</Th>
              <Th>Can</Th>
              <Th>Expires</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((session) => (
              <tr key={session.id} aria-label={`Portal session ${session.id}`}>
                <Td className="whitespace-nowrap text-zinc-600">
                  <TimeText value={session.createdAt} show="ago" />
                  {session.sessionId ? <p className="font-mono text-xs text-zinc-500">{session.sessionId}</p> : null}
                </Td>
                <Td className="text-zinc-700">
                  {session.issuedBy ? `${session.issuedBy.name}${session.issuedBy.kind === "apiKey" ? " (API key)" : ""}` : "—"}
                </Td>
                <Td>
                  <Capabilities session={session} />
                </Td>
                <Td className="whitespace-nowrap text-zinc-600">
                  <TimeText value={session.expiresAt} show="until" />
                </Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRevoking(session)}>
                    <UserRoundX className="size-4" aria-hidden /> Revoke
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? null : setRevoking(null))}
        title="Revoke portal session"
        description="Whoever holds this link loses access to the portal at once, on their next click. Your backend can issue them a new link."
        confirmLabel="Revoke session"
        pendingLabel="Revoking…"
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync(revoking.id);
          toast.success("Portal session revoked");
        }}
      />
    </Card>
  );
}
