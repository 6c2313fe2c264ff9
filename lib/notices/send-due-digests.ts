import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { errorField, log } from "@/lib/ops/log";
import { sql } from "@/lib/sql/connection";
import { dbNow } from "@/lib/sql/db-clock";
import { composeDigest, DIGEST_INTERVAL_MS, DIGEST_MAX_ITEMS, digestDue, URGENT_INTERVAL_MS, URGENT_KINDS } from "./digest";
import { noticeLinks, noticeTitle } from "./notice-text";

// Sends each organization's notice email when digest.ts says it is due. Notices wait in
// the database (Notice.emailPending), so a restart loses none. A process claims an
// organization's NoticeDigest row before sending, the due rule checked in the same
// statement, so of several processes only one sends it. The claim outlasts nodemailer's
// longest timeout; if the process dies mid-send, the email goes after the claim runs out:
// at least once, and a duplicate only if it dies between the SMTP server's answer and the
// write after it.

const CLAIM_MS = 15 * 60_000;
// After a failed send (SMTP down), the organization's email is tried again this much later.
const RETRY_MS = 60_000;
// Notices one email clears; more stay for the next.
const MAX_NOTICES = 500;

// $1 org, $2 claimed until, $3 now, $4 an hour ago, $5 the urgent interval ago, $6 urgent (1/0).
const CLAIM = (ts: (p: string) => string, ms: (column: string) => string) => `UPDATE "NoticeDigest" SET "claimedUntil" = ${ts("$2")}
  WHERE "orgId" = $1 AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${ts("$3")})
    AND ("sentAt" IS NULL OR "sentAt" <= ${ts("$4")} OR ($6 = 1 AND ("urgentSentAt" IS NULL OR "urgentSentAt" <= ${ts("$5")})))
  RETURNING ${ms('"sentAt"')} AS "sentAt", ${ms('"urgentSentAt"')} AS "urgentSentAt"`;
const ENSURE = `INSERT INTO "NoticeDigest" ("orgId") VALUES ($1) ON CONFLICT ("orgId") DO NOTHING`;
const SQLITE_CLAIM = CLAIM(
  (p) => p,
  (c) => c,
);
const POSTGRES_CLAIM = CLAIM(
  (p) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`,
  (c) => `floor(extract(epoch from ${c}) * 1000)::float8`,
);

interface Claimed {
  sentAt: number | null;
  urgentSentAt: number | null;
}

/** Claims the organization's digest if it is due and no other process holds it; its state when claimed, or null. */
async function claim(orgId: string, urgent: boolean, now: number, until: number): Promise<Claimed | null> {
  const params = [orgId, until, now, now - DIGEST_INTERVAL_MS, now - URGENT_INTERVAL_MS, urgent ? 1 : 0];
  const connection = sql();
  const rows =
    connection.kind === "sqlite"
      ? await connection.write((q) => {
          q.run(ENSURE, orgId);
          return q.all<Claimed>(SQLITE_CLAIM, ...params);
        })
      : await connection.write(async (q) => {
          await q.query(ENSURE, [orgId]);
          return q.query<Claimed>(POSTGRES_CLAIM, params);
        });
  const row = rows[0];
  if (!row) return null;
  return { sentAt: row.sentAt === null ? null : Number(row.sentAt), urgentSentAt: row.urgentSentAt === null ? null : Number(row.urgentSentAt) };
}

/** Hands the claim back (only if it is still this process's); `retryAt` keeps others off until then. */
async function release(orgId: string, until: number, retryAt: number | null = null) {
  await db.noticeDigest.updateMany({ where: { orgId, claimedUntil: new Date(until) }, data: { claimedUntil: retryAt === null ? null : new Date(retryAt) } });
}

/** Emails the organization's owners and admins every notice still waiting, then marks them emailed. */
async function sendDigest(orgId: string, state: Claimed, until: number): Promise<boolean> {
  const notices = await db.notice.findMany({ where: { orgId, emailPending: { gt: 0 } }, orderBy: { id: "asc" }, take: MAX_NOTICES });
  const urgent = notices.some((n) => URGENT_KINDS.includes(n.kind));
  // The claim was taken on what was waiting a moment ago; another process may have emailed it since.
  if (notices.length === 0 || !digestDue(state, urgent, dbNow())) {
    await release(orgId, until);
    return false;
  }
  const people = await db.membership.findMany({
    where: { orgId, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
  });
  const { PUBLIC_URL } = env();
  if (people.length > 0) {
    const items = notices.map((n) => {
      const { endpoint, log } = noticeLinks(n);
      const links = [endpoint, log].filter((link) => link !== null).map((link) => `${PUBLIC_URL}${link}`);
      return { kind: n.kind, title: noticeTitle(n), body: n.body, count: n.count, pending: n.emailPending, links };
    });
    await sendEmail({ to: people.map((p) => p.user.email), ...composeDigest(items, `${PUBLIC_URL}/notices`) });
  }
  const sentAt = new Date(dbNow());
  // What was folded in while the email went out stays waiting for the next one.
  await db.$transaction([
    ...notices.map((n) => db.notice.update({ where: { id: n.id }, data: { emailPending: { decrement: n.emailPending } } })),
    db.noticeDigest.update({ where: { orgId }, data: { sentAt, ...(urgent && { urgentSentAt: sentAt }), claimedUntil: null } }),
  ]);
  log().info({ orgId, notices: notices.length, recipients: people.length, urgent, listed: Math.min(notices.length, DIGEST_MAX_ITEMS) }, "notice email sent");
  return true;
}

/**
 * Sends the notice email of every organization (or of those given) that has notices
 * waiting and is due one; answers how many were sent. Nothing happens while SMTP_URL is
 * unset. Failures are logged, never thrown: the notices keep waiting.
 */
export async function sendDueDigests(options: { orgIds?: string[] } = {}): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const waiting = await db.notice.groupBy({
    by: ["orgId", "kind"],
    where: { emailPending: { gt: 0 }, ...(options.orgIds && { orgId: { in: options.orgIds } }) },
  });
  if (waiting.length === 0) return 0;
  const urgentOrgs = new Set(waiting.filter((w) => URGENT_KINDS.includes(w.kind)).map((w) => w.orgId));
  const orgIds = [...new Set(waiting.map((w) => w.orgId))];
  const states = new Map((await db.noticeDigest.findMany({ where: { orgId: { in: orgIds } } })).map((d) => [d.orgId, d]));
  let sent = 0;
  for (const orgId of orgIds) {
    const now = dbNow();
    const state = states.get(orgId);
    const held = state?.claimedUntil && state.claimedUntil.getTime() > now;
    const known = { sentAt: state?.sentAt?.getTime() ?? null, urgentSentAt: state?.urgentSentAt?.getTime() ?? null };
    if (held || !digestDue(known, urgentOrgs.has(orgId), now)) continue;
    const until = now + CLAIM_MS;
    try {
      const claimed = await claim(orgId, urgentOrgs.has(orgId), now, until);
      if (claimed && (await sendDigest(orgId, claimed, until))) sent++;
    } catch (error) {
      log().error({ err: errorField(error), orgId }, "notice email failed");
      await release(orgId, until, dbNow() + RETRY_MS).catch(() => {});
    }
  }
  return sent;
}
