import { Prisma } from "@/lib/db";
import type { TPortalSettings } from "./schemas";
import { ZPortalSettings } from "./schemas";

interface Stored {
  portalDisplayName: string | null;
  portalLogoUrl: string | null;
  portalPrimaryColor: string | null;
  portalFrameAncestors: unknown;
}

/** The origins an organization lets frame its portal, as stored (anything else is dropped). */
export const frameAncestorsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** An organization's portal settings, as Settings shows them. */
export function portalSettings(org: Stored) {
  return {
    displayName: org.portalDisplayName,
    logoUrl: org.portalLogoUrl,
    primaryColor: org.portalPrimaryColor,
    frameAncestors: frameAncestorsOf(org.portalFrameAncestors),
  };
}

/** The organization's columns to write for a change of its portal settings (null clears a field). */
export function portalSettingsData(input: TPortalSettings | undefined) {
  if (!input) return {};
  const data = ZPortalSettings.parse(input);
  return {
    portalDisplayName: data.displayName,
    portalLogoUrl: data.logoUrl,
    portalPrimaryColor: data.primaryColor,
    portalFrameAncestors: data.frameAncestors === undefined ? undefined : data.frameAncestors === null ? Prisma.DbNull : [...new Set(data.frameAncestors)],
  };
}
