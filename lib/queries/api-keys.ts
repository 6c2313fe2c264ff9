"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { createApiKey } from "@/lib/api-keys/create-api-key";
import type { TCreateApiKeyInput } from "@/lib/api-keys/schemas";
import type { serializeApiKey } from "@/lib/api-keys/serialize-api-key";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";

export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => [...apiKeyKeys.all, "list"] as const,
};

export type ApiKeyRow = Jsonify<ReturnType<typeof serializeApiKey>>;
/** A new key: the only answer that holds the key itself. */
export type CreatedApiKey = Jsonify<Awaited<ReturnType<typeof createApiKey>>>;

export function useApiKeysQuery() {
  return useQuery({ queryKey: apiKeyKeys.list(), queryFn: () => fetchJson<{ data: ApiKeyRow[] }>("/api/console/api-keys").then((r) => r.data) });
}

export function useCreateApiKeyMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateApiKeyInput) => fetchJson<CreatedApiKey>("/api/console/api-keys", { method: "POST", body: JSON.stringify(input) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}

export function useRevokeApiKeyMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<ApiKeyRow>(`/api/console/api-keys/${id}`, { method: "DELETE" }),
    // Optimistic: the row shows as revoked at once.
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: apiKeyKeys.list() });
      queryClient.setQueryData<ApiKeyRow[]>(apiKeyKeys.list(), (rows) => rows?.map((r) => (r.id === id ? { ...r, revokedAt: new Date().toISOString() } : r)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
