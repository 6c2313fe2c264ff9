"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { listPortalSessions } from "@/lib/portal/list-portal-sessions";
import type { serializePortalSession } from "@/lib/portal/serialize-portal-session";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";

// The customer portal's sessions: the portal's own (its cookie, exchanged from a link's
// token) and, in the console, an application's active sessions and new links.
export const portalKeys = {
  all: ["portal"] as const,
  session: () => [...portalKeys.all, "session"] as const,
  appSessions: (appId: string) => [...portalKeys.all, "app", appId, "sessions"] as const,
};

/** The portal's session as the server answers it (PortalSessionOut). */
export type PortalSession = Jsonify<ReturnType<typeof serializePortalSession>>;
/** An active portal session of an application, as the console lists it. */
export type PortalSessionRow = Jsonify<Awaited<ReturnType<typeof listPortalSessions>>>["data"][number];

export interface PortalLink {
  url: string;
  token: string;
  expiresAt: string;
}

const SESSION_URL = "/api/portal/session";

/** The cookie's session, or null when there is none, or it expired or was revoked (401). */
async function readSession(): Promise<PortalSession | null> {
  const response = await fetch(SESSION_URL, { cache: "no-store" });
  if (response.status === 401) return null;
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error((body && typeof body.detail === "string" && body.detail) || `Request failed (${response.status})`);
  }
  return (await response.json()) as PortalSession;
}

/** The portal's session; `enabled` is off while a link's token is being exchanged for the cookie. */
export function usePortalSessionQuery(enabled: boolean) {
  return useQuery({ queryKey: portalKeys.session(), queryFn: readSession, enabled, retry: false, staleTime: 60_000 });
}

/** Trades a link's token for the http-only cookie; a refused token leaves no session (null). */
export function useExchangePortalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string): Promise<PortalSession | null> => {
      const response = await fetch(SESSION_URL, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
      if (response.status === 401 || response.status === 403 || response.status === 404 || response.status === 422) return null;
      if (!response.ok) throw new Error(`Could not open the portal (${response.status})`);
      return (await response.json()) as PortalSession;
    },
    onSuccess: (session) => queryClient.setQueryData(portalKeys.session(), session),
  });
}

export function usePortalLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<unknown>(SESSION_URL, { method: "DELETE" }),
    onSuccess: () => {
      // Everything the portal read belonged to that session.
      queryClient.clear();
      queryClient.setQueryData(portalKeys.session(), null);
    },
  });
}

const appPath = (appId: string) => `/api/console/apps/${encodeURIComponent(appId)}`;

/** Console: an application's active portal sessions. */
export function usePortalSessionsQuery(appId: string) {
  return useQuery({
    queryKey: portalKeys.appSessions(appId),
    queryFn: () => fetchJson<{ data: PortalSessionRow[] }>(`${appPath(appId)}/portal-sessions`).then((page) => page.data),
  });
}

/** Console: a short-lived link to the application's portal for the signed-in team member (audited). */
export function useCreatePortalLinkMutation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<PortalLink>(`${appPath(appId)}/portal-link`, { method: "POST", body: "{}" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portalKeys.appSessions(appId) }),
  });
}

export function useRevokePortalSessionMutation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<unknown>(`${appPath(appId)}/portal-sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portalKeys.appSessions(appId) }),
  });
}
