"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole } from "@/lib/auth/roles";
import { useOptionalConsole } from "./console-context";

/** What the person looking at an application's pages may change there. */
export interface AppAccess {
  /** Rename or delete the application itself (the console only). */
  manageApp: boolean;
  /** Add, edit, disable, enable and delete endpoints, and their headers. */
  manageEndpoint: boolean;
  viewSecret: boolean;
  rotateSecret: boolean;
  /** Resend, recover, send a test event. */
  createAttempts: boolean;
  /** Create, edit and archive event types (the console only). */
  manageEventTypes: boolean;
}

/**
 * Where an application's pages are shown: the console (`/apps/{app}`, signed-in team
 * members with a role) or the customer portal (`/portal/{app}`, a link's capabilities).
 * The endpoint, message and event-type components read their links and what to show from
 * here, so both places share one set of components.
 */
export interface AppScope {
  kind: "console" | "portal";
  /** The application's home: its endpoints. */
  appHref: (appId: string) => string;
  /** The breadcrumbs above an application's pages, ending with the application. */
  appCrumbs: (appId: string, appName: string | undefined) => { label: string; href?: string }[];
  /** The event-type catalogue. */
  eventTypesHref: string;
  access: AppAccess;
  /** Why a hidden control is hidden, for the places that say so. */
  deniedText: string;
}

const PortalScope = createContext<AppScope | null>(null);

/** Sets the scope of the pages below it (the customer portal's layout). */
export function AppScopeProvider({ value, children }: { value: AppScope; children: ReactNode }) {
  return <PortalScope.Provider value={value}>{children}</PortalScope.Provider>;
}

const consoleScope = (developer: boolean): AppScope => ({
  kind: "console",
  appHref: (appId) => `/apps/${appId}`,
  appCrumbs: (appId, appName) => [
    { label: "Applications", href: "/apps" },
    { label: appName ?? "Application", href: `/apps/${appId}` },
  ],
  eventTypesHref: "/event-types",
  access: {
    manageApp: developer,
    manageEndpoint: developer,
    viewSecret: developer,
    rotateSecret: developer,
    createAttempts: developer,
    manageEventTypes: developer,
  },
  deniedText: "This needs the developer role.",
});

const CONSOLE_DEVELOPER = consoleScope(true);
const CONSOLE_VIEWER = consoleScope(false);

/** The scope of the current page: the portal's when inside it, else the console's for the signed-in role. */
export function useAppScope(): AppScope {
  const portal = useContext(PortalScope);
  const consoleValue = useOptionalConsole();
  if (portal) return portal;
  if (!consoleValue) throw new Error("useAppScope outside the console and the portal");
  return hasRole(consoleValue.role, "developer") ? CONSOLE_DEVELOPER : CONSOLE_VIEWER;
}
