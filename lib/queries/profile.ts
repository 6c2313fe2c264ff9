"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { TChangePasswordInput, TUpdateProfileInput } from "@/lib/users/schemas";
import { fetchJson } from "./fetch-json";
import { teamKeys } from "./team";

// The signed-in user is read by the console's server layout (not a query), so a change
// re-renders it with router.refresh(); the team list shows names and emails too.

export interface ProfileUser {
  id: string;
  email: string;
  name: string;
}

export function useUpdateProfileMutation() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateProfileInput) => fetchJson<ProfileUser>("/api/console/profile", { method: "PATCH", body: JSON.stringify(input) }),
    onSuccess: () => {
      router.refresh();
      return queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
}

export function useChangePasswordMutation() {
  return useMutation({
    mutationFn: (input: TChangePasswordInput) => fetchJson<null>("/api/console/password", { method: "POST", body: JSON.stringify(input) }),
  });
}
