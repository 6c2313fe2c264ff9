"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/db";
import type { inviteMember } from "@/lib/team/invite-member";
import type { listTeam } from "@/lib/team/list-team";
import type { TInviteMemberInput } from "@/lib/team/schemas";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";

export const teamKeys = {
  all: ["team"] as const,
  list: () => [...teamKeys.all, "list"] as const,
};

export type TeamData = Jsonify<Awaited<ReturnType<typeof listTeam>>>;
/** A new invitation with its link, shown to the admin (and emailed when SMTP is set). */
export type CreatedInvitation = Jsonify<Awaited<ReturnType<typeof inviteMember>>>;

export function useTeamQuery() {
  return useQuery({ queryKey: teamKeys.list(), queryFn: () => fetchJson<TeamData>("/api/console/team") });
}

function useTeamMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }) });
}

export const useInviteMutation = () =>
  useTeamMutation((input: TInviteMemberInput) =>
    fetchJson<CreatedInvitation>("/api/console/team/invitations", { method: "POST", body: JSON.stringify(input) }),
  );

export const useRevokeInvitationMutation = () => useTeamMutation((id: string) => fetchJson<null>(`/api/console/team/invitations/${id}`, { method: "DELETE" }));

export const useChangeRoleMutation = () =>
  useTeamMutation(({ id, role }: { id: string; role: Role }) =>
    fetchJson(`/api/console/team/members/${id}`, { method: "PATCH", body: JSON.stringify({ role }) }),
  );

export const useRemoveMemberMutation = () => useTeamMutation((id: string) => fetchJson<null>(`/api/console/team/members/${id}`, { method: "DELETE" }));
