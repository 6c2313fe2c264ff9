import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

// An organization's operational webhooks are endpoints of a hidden application of its own
// (operational = true): Pigeon's engine delivers, signs, retries and logs them like any other.
const UID = "pigeon-operational-webhooks";

/** The organization's operational application, made on first use. */
export async function operationalApp(orgId: string) {
  const found = await db.application.findFirst({ where: { orgId, operational: true } });
  if (found) return found;
  try {
    return await db.application.create({ data: { id: newId("app"), orgId, uid: UID, name: "Operational webhooks", operational: true, metadata: {} } });
  } catch (error) {
    if (toAppError(error).code !== "conflict") throw error;
    return db.application.findFirstOrThrow({ where: { orgId, operational: true } });
  }
}

/** The caller's context for the operational-webhook routes, and the application they address. */
export async function operationalScope(auth: AuthContext): Promise<{ auth: AuthContext; appId: string }> {
  const app = await operationalApp(auth.org.id);
  return { auth: { ...auth, operational: true }, appId: app.id };
}
