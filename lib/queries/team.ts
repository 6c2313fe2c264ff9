"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/db";
import type { TInviteMemberInput } from "@/lib/team/schemas";
import { fetchJson } from "./fetch-json";

export const teamKeys = {
  all: ["team"] as const,
  list: () => [...teamKeys.all, "list"] as const,
};

export interface TeamData {
  members: { id: string; role: Role; createdAt: string; user: { id: string; email: string; name: string; lastLoginAt: string | null } }[];
  invitations: { id: string; email: string; role: Role; expiresAt: string; createdAt: string }[];
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  link: string;
  emailed: boolean;
}

export function useTeamQuery() {
  return useQuery({ queryKey: teamKeys.list(), queryFn: () => fetchJson<TeamData>("/api/console/team") });
}

function useTeamMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }) });
}

export const useInviteMutation = () =>
  useTeamMutation((input: TInviteMemberInput) => fetchJson<CreatedInvitation>("/api/console/team/invitations", { method: "POST", body: JSON.stringify(input) }));

export const useRevokeInvitationMutation = () =>
  useTeamMutation((id: string) => fetchJson<null>(`/api/console/team/invitations/${id}`, { method: "DELETE" }));

export const useChangeRoleMutation = () =>
  useTeamMutation(({ id, role }: { id: string; role: Role }) => fetchJson(`/api/console/team/members/${id}`, { method: "PATCH", body: JSON.stringify({ role }) }));

export const useRemoveMemberMutation = () =>
  useTeamMutation((id: string) => fetchJson<null>(`/api/console/team/members/${id}`, { method: "DELETE" }));
