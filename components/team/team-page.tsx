"use client";

import { formatDistanceToNow } from "date-fns";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
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
                          onClick={() =>
                            confirm(`Remove ${member.user.email} from this organization?`) &&
                            act(removeMember.mutateAsync(member.id), `${member.user.email} removed`)
                          }
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
                      <Button variant="ghost" size="sm" onClick={() => act(revoke.mutateAsync(invitation.id), "Invitation revoked")}>
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
    </>
  );
}
