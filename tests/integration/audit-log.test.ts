import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { signedInOwner, uniqueEmail } from "../support/accounts";
import { apiClient, type Browser, createApp, createEndpoint, json } from "../support/http";

const kind = inject("dbKind");

afterAll(() => db.$disconnect());

interface Row {
  id: string;
  action: string;
  actorDetail: { kind: string; id: string | null };
  description: { parts: (string | { ref: { kind: string; label: string; href: string | null } } | { time: string })[]; facts: unknown[] };
  createdAt: string;
}
interface Page {
  data: Row[];
  nextBefore: string | null;
}

const text = (row: Row) => row.description.parts.map((p) => (typeof p === "string" ? p : "ref" in p ? p.ref.label : p.time)).join("");

describe(`the audit log's filters on ${kind}`, () => {
  let owner: Browser;
  let userId: string;
  let orgId: string;
  let keyId: string;
  let endpointId: string;
  const hour = 3_600_000;
  const now = Date.now();

  const list = (query = "", as = owner) => json<Page>(as.fetch(`/api/console/audit${query}`));

  beforeAll(async () => {
    ({ browser: owner, userId, orgId } = await signedInOwner());
    const created = await json<{ id: string; key: string }>(owner.json("/api/console/api-keys", "POST", { name: "CI deploy", role: "admin" }), 201);
    keyId = created.id;
    const api = apiClient(created.key);
    const app = await createApp(api, "Billing");
    endpointId = (await createEndpoint(api, app.id, "http://127.0.0.1:9/hooks/a-rather-long-path/that-goes-on")).id;
    await json(owner.json("/api/console/team/invitations", "POST", { email: uniqueEmail("mate"), role: "developer" }), 201);
    // What the operator's command line records has no actor: "system".
    await recordAuditEvent({
      orgId,
      actor: {},
      action: "organization.limits_changed",
      targetType: "organization",
      targetId: orgId,
      data: { apiRateLimit: 5, via: "cli" },
    });
    // Older entries, dated in the past as their ids are: five renames, one an hour apart.
    for (let i = 5; i >= 1; i--) {
      const at = now - i * hour;
      await db.auditEvent.create({
        data: {
          id: newId("audit", at),
          orgId,
          actorUserId: userId,
          action: "organization.renamed",
          targetType: "organization",
          targetId: orgId,
          data: { from: `Name ${i + 1}`, to: `Name ${i}` },
          createdAt: new Date(at),
        },
      });
    }
  });

  it("filters by action, one or a few, with readable sentences that link to what still exists", async () => {
    const keys = await list("?action=api_key.created");
    expect(keys.data.map((r) => r.action)).toEqual(["api_key.created"]);
    expect(text(keys.data[0]!)).toBe("Created API key “CI deploy” with the admin role");
    expect(keys.data[0]!.description.parts).toContainEqual({ ref: expect.objectContaining({ kind: "api_key", href: "/api-keys" }) });

    const made = await list("?action=application.created,endpoint.created");
    expect(made.data.map((r) => r.action).sort()).toEqual(["application.created", "endpoint.created"]);
    const endpoint = made.data.find((r) => r.action === "endpoint.created")!;
    expect(text(endpoint)).toBe("Created endpoint http://127.0.0.1:9/hooks/a-rather-long-path/that-goes-on in application Billing");
    expect(JSON.stringify(endpoint.description)).toContain(`/endpoints/${endpointId}`);
  });

  it("filters by actor: a member, an API key, any API key, the system", async () => {
    const mine = await list(`?actor=${userId}`);
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((r) => r.actorDetail.id === userId)).toBe(true);
    expect(mine.data.map((r) => r.action)).toEqual(expect.arrayContaining(["signup", "api_key.created", "invitation.created", "organization.renamed"]));

    const byKey = await list(`?actor=${keyId}`);
    // createEndpoint also reads the new endpoint's secret.
    expect(byKey.data.map((r) => r.action).sort()).toEqual(["application.created", "endpoint.created", "endpoint.secret_revealed"]);
    expect((await list("?actor=api_key")).data.map((r) => r.id)).toEqual(byKey.data.map((r) => r.id));

    const system = await list("?actor=system");
    expect(system.data.map((r) => [r.action, r.actorDetail.kind])).toEqual([["organization.limits_changed", "system"]]);
    expect(text(system.data[0]!)).toBe("Set the limits of the organization: API rate 5 requests a second (from the command line)");

    expect((await list(`?actor=${userId}&action=application.created`)).data).toEqual([]);
  });

  it("filters by time, alone and with an action", async () => {
    const window = `since=${new Date(now - 3.5 * hour).toISOString()}&until=${new Date(now - 1.5 * hour).toISOString()}`;
    const renames = await list(`?action=organization.renamed&${window}`);
    expect(renames.data.map(text)).toEqual(["Renamed the organization from “Name 3” to “Name 2”", "Renamed the organization from “Name 4” to “Name 3”"]);
    expect((await list(`?${window}`)).data.map((r) => r.action)).toEqual(["organization.renamed", "organization.renamed"]);
    const recent = await list(`?since=${new Date(now - 0.5 * hour).toISOString()}`);
    expect(recent.data.map((r) => r.action)).not.toContain("organization.renamed");
    expect(recent.data.map((r) => r.action)).toContain("api_key.created");
  });

  it("pages through filtered entries, newest first, without gaps or repeats", async () => {
    const seen: Row[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`?action=organization.renamed&actor=${userId}&limit=2${before ? `&before=${before}` : ""}`);
      seen.push(...page.data);
      before = page.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map(text)).toEqual([1, 2, 3, 4, 5].map((i) => `Renamed the organization from “Name ${i + 1}” to “Name ${i}”`));
    expect(new Set(seen.map((r) => r.id)).size).toBe(5);
  });

  it("answers bad filters with 422 JSON naming the parameter", async () => {
    const cases: [string, string][] = [
      ["actor=bob", "actor"],
      ["actor=user_123", "actor"],
      ["action=nope", "action"],
      [
        "action=login,login.failed,signup,password.changed,organization.created,organization.renamed,organization.limits_changed,settings.updated,invitation.created,invitation.accepted,member.removed",
        "action",
      ],
      ["action=login%2C%7B%7D", "action"],
      ["since=yesterday", "since"],
      ["until=2026-13-45T00:00:00Z", "until"],
      [`since=${new Date(now).toISOString()}&until=${new Date(now - hour).toISOString()}`, "since"],
      ["limit=0", "limit"],
      ["before=aud_nope", "before"],
    ];
    for (const [query, field] of cases) {
      const response = await owner.fetch(`/api/console/audit?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.headers.get("content-type")).toMatch(/json/);
      const body = await response.json();
      expect(body, query).toMatchObject({ code: "validation", detail: [{ loc: ["query", field] }] });
    }
  });

  it("never shows another organization's entries, whatever the filter", async () => {
    const { browser: other, userId: otherUser } = await signedInOwner();
    const theirs = await list("", other);
    expect(theirs.data.every((r) => r.actorDetail.id === otherUser)).toBe(true);
    expect((await list(`?actor=${userId}`, other)).data).toEqual([]);
    expect((await list(`?actor=${keyId}`, other)).data).toEqual([]);
    expect((await list("?action=api_key.created", other)).data).toEqual([]);
    expect((await list("?action=organization.renamed", other)).data).toEqual([]);
    // Nor may another organization page into this one's entries with a cursor.
    const ours = await list("?limit=1");
    expect((await list(`?before=${ours.data[0]!.id}&actor=${userId}`, other)).data).toEqual([]);
  });
});
