import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, fromPath } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { createApplication } from "./create-application";
import { findApplication } from "./find-application";
import { type ApplicationIn, type ApplicationPatch, ZUid } from "./schemas";

async function assertUidFree(orgId: string, uid: string | null | undefined, appId: string) {
  if (!uid) return;
  const taken = await db.application.findFirst({ where: { orgId, uid, id: { not: appId } } });
  if (taken) throw new AppError("conflict", `An application with uid "${uid}" already exists`);
}

/** PATCH: changes only the fields given. */
export async function patchApplication(auth: AuthContext, ref: string, data: ApplicationPatch) {
  const app = await findApplication(auth, ref);
  await assertUidFree(auth.org.id, data.uid, app.id);
  const updated = await db.application.update({ where: { id: app.id }, data });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "application.updated",
    targetType: "application",
    targetId: app.id,
    data: { fields: Object.keys(data) },
  });
  return updated;
}

/** PUT: replaces the application, or creates it (with the path's value as uid) when none matches. */
export async function upsertApplication(auth: AuthContext, ref: string, data: ApplicationIn) {
  const existing = await findApplication(auth, ref).catch(() => null);
  if (!existing) {
    if (isId("app", ref)) throw new AppError("not_found", "Application not found");
    const { app } = await createApplication(auth, { ...data, uid: data.uid ?? fromPath(ZUid, ref, "uid") });
    return { app, created: true };
  }
  const app = await patchApplication(auth, existing.id, {
    name: data.name,
    uid: data.uid ?? (existing.uid === ref ? ref : null),
    throttleRate: data.throttleRate ?? null,
    metadata: data.metadata ?? {},
  });
  return { app, created: false };
}

export async function deleteApplication(auth: AuthContext, ref: string) {
  const app = await findApplication(auth, ref);
  await db.application.delete({ where: { id: app.id } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "application.deleted",
    targetType: "application",
    targetId: app.id,
    data: { name: app.name },
  });
}
