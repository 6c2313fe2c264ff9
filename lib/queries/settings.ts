"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { getDeliverySettings } from "@/lib/settings/delivery-settings";
import type { TConsoleSettings } from "@/lib/settings/schemas";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";

/** The installation's defaults, the organization's settings and (for one application) its own; null = inherit. */
export type DeliverySettings = Jsonify<Awaited<ReturnType<typeof getDeliverySettings>>>;

export const settingsKeys = {
  all: ["settings"] as const,
  scope: (appId: string | null) => [...settingsKeys.all, appId ?? "organization"] as const,
};

const urlOf = (appId: string | null) => (appId ? `/api/console/settings/apps/${appId}` : "/api/console/settings");

/** The delivery settings of the organization, or of one application (with the layers it inherits). */
export function useDeliverySettingsQuery(appId: string | null) {
  return useQuery({ queryKey: settingsKeys.scope(appId), queryFn: () => fetchJson<DeliverySettings>(urlOf(appId)) });
}

export function useUpdateDeliverySettingsMutation(appId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TConsoleSettings) => fetchJson<DeliverySettings>(urlOf(appId), { method: "PATCH", body: JSON.stringify(input) }),
    onSuccess: (data) => queryClient.setQueryData(settingsKeys.scope(appId), data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
