import { z } from "zod";
import { ZApplicationIn } from "@/lib/apps/schemas";
import { ZPortalCapability } from "./capabilities";

export const PORTAL_MIN_EXPIRY = 3600;
export const PORTAL_MAX_EXPIRY = 7 * 24 * 3600;

// POST /api/v1/auth/app-portal-access/{app_id}: Svix's AppPortalAccessIn.
export const ZAppPortalAccessIn = z.object({
  application: ZApplicationIn.nullish(),
  expiry: z
    .number()
    .int("must be a whole number of seconds")
    .min(PORTAL_MIN_EXPIRY, "must be at least 3600 seconds (1 hour)")
    .max(PORTAL_MAX_EXPIRY, "must be at most 604800 seconds (7 days)")
    .nullish(),
  capabilities: z.array(ZPortalCapability).max(16, "at most 16 capabilities").nullish(),
  readOnly: z.boolean().nullish(),
  sessionId: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters").nullish(),
  featureFlags: z.array(z.string().min(1, "must not be empty").max(64, "must be at most 64 characters")).max(32, "at most 32 feature flags").nullish(),
});
export type TAppPortalAccessIn = z.input<typeof ZAppPortalAccessIn>;
export type AppPortalAccessIn = z.output<typeof ZAppPortalAccessIn>;

// POST /api/v1/auth/app/{app_id}/expire-all: Svix's ApplicationTokenExpireIn.
export const ZExpireAllIn = z.object({
  expiry: z
    .number()
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (at once) or more")
    .max(PORTAL_MAX_EXPIRY, "must be at most 604800 seconds (7 days)")
    .nullish(),
  sessionIds: z.array(z.string().min(1).max(256)).max(100, "at most 100 session ids").nullish(),
});
export type ExpireAllIn = z.output<typeof ZExpireAllIn>;

// POST /api/portal/session: the token from the link's fragment.
export const ZPortalSessionIn = z.object({ token: z.string().min(1, "is required").max(256, "is not a portal token") });

// A logo inlined as a data: URL stays well under the default request body limit (64 KiB).
const MAX_LOGO_URL = 48_000;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** An origin a portal may be framed by: scheme, host and port only, as a browser spells it. */
export const ZFrameAncestor = z
  .string()
  .max(256, "must be at most 256 characters")
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    const bare = url && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    if (!url || !["https:", "http:"].includes(url.protocol) || !bare || url.origin === "null") {
      ctx.addIssue({ code: "custom", message: `must be an origin such as https://app.example.com (got "${value.slice(0, 80)}")` });
      return z.NEVER;
    }
    return url.origin;
  });

// The organization's portal settings (Settings → Customer portal); null clears a field.
export const ZPortalSettings = z.object({
  displayName: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").nullish(),
  logoUrl: z
    .string()
    .max(MAX_LOGO_URL, `must be at most ${MAX_LOGO_URL} characters`)
    .refine((value) => DATA_IMAGE.test(value) || (URL.canParse(value) && new URL(value).protocol === "https:"), {
      message: "must be an https:// URL or a data:image/…;base64 URL",
    })
    .nullish(),
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a color such as #4f46e5")
    .transform((value) => value.toLowerCase())
    .nullish(),
  frameAncestors: z.array(ZFrameAncestor).max(20, "at most 20 origins").nullish(),
});
export type TPortalSettings = z.input<typeof ZPortalSettings>;
