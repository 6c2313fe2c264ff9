import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { ApplicationIn } from "./schemas";

/** Creates an application; with `getIfExists` an existing one with the same uid is returned instead. */
export async function createApplication(auth: AuthContext, data: ApplicationIn, { getIfExists = false } = {}) {
  if (data.uid) {
    const existing = await db.application.findFirst({ where: { orgId: auth.org.id, uid: data.uid } });
    if (existing && getIfExists) return { app: existing, created: false };
    if (existing) throw new AppError("conflict", `An application with uid "${data.uid}" already exists`);
  }
  const app = await db.application.create({
    data: {
      id: newId("app"),
      orgId: auth.org.id,
      name: data.name,
      uid: data.uid ?? null,
      throttleRate: data.throttleRate ?? null,
      metadata: data.metadata ?? {},
    },
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "application.created",
    targetType: "application",
    targetId: app.id,
    data: { name: app.name },
  });
  return { app, created: true };
}
