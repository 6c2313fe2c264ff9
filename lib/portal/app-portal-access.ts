import { createApplication } from "@/lib/apps/create-application";
import { ZUid } from "@/lib/apps/schemas";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { resolveCapabilities } from "./capabilities";
import { issuePortalSession } from "./issue-portal-session";
import { type AppPortalAccessIn, PORTAL_MAX_EXPIRY } from "./schemas";

/**
 * Svix's appPortalAccess: a magic link to one application's portal. With `application`,
 * an application that does not exist yet is created first (taking the path's uid unless it
 * names one of its own).
 */
export async function appPortalAccess(auth: AuthContext, appRef: string, input: AppPortalAccessIn) {
  let app = await db.application.findFirst({ where: { orgId: auth.org.id, operational: false, OR: [{ id: appRef }, { uid: appRef }] } });
  if (!app && input.application) {
    const uid = input.application.uid ?? (!isId("app", appRef) && ZUid.safeParse(appRef).success ? appRef : null);
    app = (await createApplication(auth, { ...input.application, uid }, { getIfExists: true })).app;
  }
  if (!app) throw notFound("Application");
  const readOnly = input.readOnly ?? false;
  const { url, token } = await issuePortalSession(auth, app, {
    capabilities: resolveCapabilities(input.capabilities, readOnly),
    readOnly,
    expirySeconds: input.expiry ?? PORTAL_MAX_EXPIRY,
    sessionId: input.sessionId,
    featureFlags: input.featureFlags,
  });
  return { url, token };
}
