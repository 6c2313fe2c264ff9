import { afterAll, describe, expect, inject, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { orgLimits } from "@/lib/orgs/org-limits";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { changeMemberRole } from "@/lib/team/manage-members";

const kind = inject("dbKind");

afterAll(() => db.$disconnect());

describe(`the last owner on ${kind}`, () => {
  // Called in this process rather than over HTTP: two requests reach the server one after the
  // other too often for the race to show, while here both checks are under way together.
  it("stays when two owners demote each other at the same moment", async () => {
    for (let round = 0; round < 10; round++) {
      const org = await seedOrg(db);
      const [a, b] = [await seedMember(db, org.id, { role: "owner" }), await seedMember(db, org.id, { role: "owner" })];
      const ownerAuth = (user: { id: string; email: string; name: string }): AuthContext => ({
        org: { id: org.id, name: org.name, limits: orgLimits(org) },
        role: "owner",
        user,
        actor: { userId: user.id },
      });
      const outcomes = await Promise.allSettled([
        changeMemberRole(ownerAuth(a.user), b.membership.id, { role: "admin" }),
        changeMemberRole(ownerAuth(b.user), a.membership.id, { role: "admin" }),
      ]);
      expect(
        outcomes.filter((o) => o.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const loser = outcomes.find((o) => o.status === "rejected")?.reason;
      expect(loser).toBeInstanceOf(AppError);
      expect((loser as AppError).status).toBe(409);
      expect(await db.membership.count({ where: { orgId: org.id, role: "owner" } })).toBe(1);
    }
  });
});
