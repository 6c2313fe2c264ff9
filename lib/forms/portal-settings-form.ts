import { z } from "zod";
import { type TPortalSettings, ZPortalSettings } from "@/lib/portal/schemas";

// Settings → Customer portal: text fields in the form, the API's ZPortalSettings underneath
// (an empty field clears the setting; frame origins are one per line).

export const PORTAL_FORM_FIELDS = ["displayName", "logoUrl", "primaryColor", "frameAncestors"] as const;

export interface PortalSettingsFormValues {
  displayName: string;
  logoUrl: string;
  primaryColor: string;
  frameAncestors: string;
}

/** The API's body for the form's values. */
export function toPortalSettings(values: PortalSettingsFormValues): TPortalSettings {
  const text = (value: string) => value.trim() || null;
  return {
    displayName: text(values.displayName),
    logoUrl: text(values.logoUrl),
    primaryColor: text(values.primaryColor),
    frameAncestors: values.frameAncestors
      .split(/[\s,]+/)
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

export function portalSettingsFormValues(settings: {
  displayName: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  frameAncestors: string[];
}): PortalSettingsFormValues {
  return {
    displayName: settings.displayName ?? "",
    logoUrl: settings.logoUrl ?? "",
    primaryColor: settings.primaryColor ?? "",
    frameAncestors: settings.frameAncestors.join("\n"),
  };
}

/** The form's resolver: the API's own checks, each message under its field. */
export const ZPortalSettingsForm = z
  .object({ displayName: z.string(), logoUrl: z.string(), primaryColor: z.string(), frameAncestors: z.string() })
  .superRefine((values, ctx) => {
    const parsed = ZPortalSettings.safeParse(toPortalSettings(values));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [String(issue.path[0] ?? "displayName")] });
  });
