"use client";

import { formatDistanceToNow } from "date-fns";
import { useState } from "react";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { QueryContent } from "@/components/ui/query-content";
import { Table, Td, Th } from "@/components/ui/table";
import { ROLES } from "@/lib/auth/roles";
import type { Role } from "@/lib/db";
import { useChangeRoleMutation, useRemoveMemberMutation, useRevokeInvitationMutation, useTeamQuery } from "@/lib/queries/team";
import { InviteDialog } from "./invite-dialog";

export function TeamPage() {
  const { can, user } = useConsole();
  const team = useTeamQuery();
  const changeRole = useChangeRoleMutation();
  const removeMember = useRemoveMemberMutation();
  const revoke = useRevokeInvitationMutation();
  const admin = can("admin");
  const [removing, setRemoving] = useState<{ id: string; email: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; email: string } | null>(null);

  const act = (promise: Promise<unknown>, success: string) =>
    promise.then(
      () => toast.success(success),
      (error: Error) => toast.error(error.message),
    );

  return (
    <>
      <PageHeader title="Team" description="Everyone in this organization and what they may do." actions={admin ? <InviteDialog /> : null} />
      <Card>
        <QueryContent query={team} loading="Loading members…">
          {(data) => (
            <Table>
              <thead>
                <tr>
                  <Th>Member</Th>
                  <Th>Role</Th>
                  <Th>Last sign-in</Th>
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((member) => (
                  <tr key={member.id}>
                    <Td>
                      <div className="font-medium">{member.user.name || member.user.email}</div>
                      <div className="text-zinc-500">{member.user.email}</div>
                    </Td>
                    <Td>
                      {admin && member.user.id !== user.id ? (
                        <Select
                          aria-label={`Role of ${member.user.email}`}
                          className="w-36"
                          value={member.role}
                          onChange={(e) =>
                            act(changeRole.mutateAsync({ id: member.id, role: e.target.value as Role }), `${member.user.email} is now ${e.target.value}`)
                          }
                        >
                          {ROLES.map((role) => (
                            <option key={role} value={role} disabled={!can(role)}>
                              {role}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Badge tone={member.role === "owner" ? "info" : "neutral"}>{member.role}</Badge>
                      )}
                    </Td>
                    <Td className="text-zinc-500">
                      {member.user.lastLoginAt ? formatDistanceToNow(new Date(member.user.lastLoginAt), { addSuffix: true }) : "never"}
                    </Td>
                    <Td className="text-right">
                      {admin && member.user.id !== user.id ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Remove ${member.user.email}`}
                          onClick={() => setRemoving({ id: member.id, email: member.user.email })}
                        >
                          Remove
                        </Button>
                      ) : null}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </QueryContent>
      </Card>

      <h2 className="mt-10 mb-3 text-lg font-semibold">Pending invitations</h2>
      <Card>
        {!team.data?.invitations.length ? (
          <EmptyState title="No pending invitations">
            {admin ? "Invite a teammate to share the work of watching your webhooks." : "Admins can invite teammates."}
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Expires</Th>
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {team.data.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <Td className="font-medium">{invitation.email}</Td>
                  <Td>
                    <Badge>{invitation.role}</Badge>
                  </Td>
                  <Td className="text-zinc-500">{formatDistanceToNow(new Date(invitation.expiresAt), { addSuffix: true })}</Td>
                  <Td className="text-right">
                    {admin ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Revoke the invitation of ${invitation.email}`}
                        onClick={() => setRevoking({ id: invitation.id, email: invitation.email })}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title="Remove member"
        description={
          <>
            <strong>{removing?.email}</strong> loses access to this organization at once: their sessions end and they no longer see its applications. They can
            be invited again.
          </>
        }
        confirmLabel="Remove member"
        pendingLabel="Removing…"
        onConfirm={async () => {
          await removeMember.mutateAsync(removing!.id);
          toast.success(`${removing!.email} removed`);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke invitation"
        description={
          <>
            The link sent to <strong>{revoking?.email}</strong> stops working at once. You can invite them again.
          </>
        }
        confirmLabel="Revoke invitation"
        pendingLabel="Revoking…"
        onConfirm={async () => {
          await revoke.mutateAsync(revoking!.id);
          toast.success("Invitation revoked");
        }}
      />
    </>
  );
}
