import type { Db, Role } from "@/lib/db";
import { newId } from "@/lib/ids";

// Small factories for records; used by `npm run db:seed` and by the tests.

export async function seedOrg(db: Db, data: { name?: string } = {}) {
  return db.organization.create({ data: { id: newId("org"), name: data.name ?? `Org ${Math.random().toString(36).slice(2, 7)}` } });
}

/** A user who belongs to the organization with `role`; `passwordHash` lets them sign in. */
export async function seedMember(db: Db, orgId: string, data: { role?: Role; passwordHash?: string } = {}) {
  const id = newId("user");
  const user = await db.user.create({ data: { id, email: `${id.toLowerCase()}@example.com`, name: "Test member", passwordHash: data.passwordHash } });
  const membership = await db.membership.create({ data: { id: newId("membership"), orgId, userId: user.id, role: data.role ?? "developer" } });
  return { user, membership };
}

export async function seedApp(db: Db, orgId: string, data: { name?: string; uid?: string } = {}) {
  return db.application.create({
    data: { id: newId("app"), orgId, name: data.name ?? "Test app", uid: data.uid, metadata: {} },
  });
}

export async function seedEndpoint(db: Db, appId: string, data: { url?: string; filterTypes?: string[] } = {}) {
  return db.endpoint.create({
    data: {
      id: newId("endpoint"),
      appId,
      url: data.url ?? "https://example.com/webhook",
      filterTypes: data.filterTypes,
      headers: {},
      metadata: {},
    },
  });
}

export async function seedMessage(db: Db, appId: string, data: { eventType?: string; payload?: unknown; eventId?: string } = {}) {
  const payload = JSON.stringify(data.payload ?? { hello: "world" });
  return db.message.create({
    data: {
      id: newId("message"),
      appId,
      eventType: data.eventType ?? "test.event",
      eventId: data.eventId,
      payload,
      payloadSize: Buffer.byteLength(payload),
    },
  });
}
