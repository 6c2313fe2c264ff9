import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { portalSettings, portalSettingsData } from "@/lib/portal/portal-settings";
import { installSettings } from "./install-settings";
import { type TConsoleSettings, type TDeliverySettings, type TOrgSettings, ZDeliverySettings, ZOrgSettings } from "./schemas";

interface Stored {
  retrySchedule: unknown;
  disableWindowSeconds: number | null;
  disableMinAttempts: number | null;
  disableFailureRate: number | null;
  disableMinDurationSeconds: number | null;
}

const pick = (row: Stored) => ({
  retrySchedule: (row.retrySchedule as number[] | null) ?? null,
  disableWindowSeconds: row.disableWindowSeconds,
  disableMinAttempts: row.disableMinAttempts,
  disableFailureRate: row.disableFailureRate,
  disableMinDurationSeconds: row.disableMinDurationSeconds,
});

function toData(input: TDeliverySettings | TOrgSettings, schema: typeof ZDeliverySettings | typeof ZOrgSettings = ZDeliverySettings) {
  const data = schema.parse(input);
  return {
    ...data,
    retrySchedule: data.retrySchedule === undefined ? undefined : data.retrySchedule === null ? Prisma.DbNull : data.retrySchedule,
  };
}

/** What applies, layer by layer: the install's defaults, the organization's, the application's. */
export async function getDeliverySettings(auth: AuthContext, appRef?: string) {
  const org = await db.organization.findUniqueOrThrow({ where: { id: auth.org.id } });
  const app = appRef ? await findApplication(auth, appRef) : null;
  return {
    // The installation's defaults, resolved by the same resolveSettings as the engine's.
    defaults: { ...installSettings(), retentionDays: env().PIGEON_RETENTION_DAYS },
    organization: { ...pick(org), retentionDays: org.retentionDays },
    application: app ? pick(app) : null,
    // The customer portal's branding and framing (an organization's only).
    portal: portalSettings(org),
  };
}

export async function updateOrgDeliverySettings(auth: AuthContext, input: TConsoleSettings) {
  const { portal, ...delivery } = input;
  await db.organization.update({ where: { id: auth.org.id }, data: { ...toData(delivery, ZOrgSettings), ...portalSettingsData(portal) } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "settings.updated",
    targetType: "organization",
    targetId: auth.org.id,
    data: { fields: [...Object.keys(delivery), ...Object.keys(portal ?? {}).map((key) => `portal.${key}`)] },
  });
  return getDeliverySettings(auth);
}

export async function updateAppDeliverySettings(auth: AuthContext, appRef: string, input: TDeliverySettings) {
  const app = await findApplication(auth, appRef);
  await db.application.update({ where: { id: app.id }, data: toData(input) });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "settings.updated",
    targetType: "application",
    targetId: app.id,
    data: { fields: Object.keys(input ?? {}) },
  });
  return getDeliverySettings(auth, app.id);
}
