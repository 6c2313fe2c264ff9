import { z } from "zod";

// Svix's app portal capabilities (AppPortalCapability). ViewBase is always held; a session
// made without a list holds all of them; a read-only one holds only the reading ones.
export const PORTAL_CAPABILITIES = [
  "ViewBase",
  "ViewEndpointSecret",
  "ManageEndpointSecret",
  "ManageTransformations",
  "CreateAttempts",
  "ManageEndpoint",
] as const;
export type PortalCapability = (typeof PORTAL_CAPABILITIES)[number];
export const ZPortalCapability = z.enum(PORTAL_CAPABILITIES);

const READING: readonly PortalCapability[] = ["ViewBase", "ViewEndpointSecret"];

/** The capabilities a session is given, in Svix's order. */
export function resolveCapabilities(given: readonly PortalCapability[] | null | undefined, readOnly: boolean): PortalCapability[] {
  // A read-only session asked for nothing in particular can see, not reveal.
  const wanted = new Set<PortalCapability>(given?.length ? given : readOnly ? ["ViewBase"] : PORTAL_CAPABILITIES);
  wanted.add("ViewBase");
  return PORTAL_CAPABILITIES.filter((c) => wanted.has(c) && (!readOnly || READING.includes(c)));
}

/** Capabilities as stored (Json): unknown names are dropped, never trusted. */
export function storedCapabilities(value: unknown): PortalCapability[] {
  return Array.isArray(value) ? PORTAL_CAPABILITIES.filter((c) => value.includes(c)) : ["ViewBase"];
}
