import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { NOTICE_KINDS } from "./schemas";
import { errorField, log } from "@/lib/ops/log";

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NewNotice {
  orgId: string;
  kind: NoticeKind;
  appId: string;
  endpointId: string;
  messageId?: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

// Exhausted messages can come by the thousand from one dead receiver: while an unread
// notice for the endpoint is younger than this, it counts them instead of adding more.
const EXHAUSTED_GROUPING_MS = 3600_000;

export const endpointLink = (appId: string, endpointId: string) => `${env().PUBLIC_URL}/apps/${appId}/endpoints/${endpointId}`;

/** Emails the organization's owners and admins (when SMTP is configured); failures are logged, never thrown. */
async function emailAdmins(notice: NewNotice): Promise<void> {
  const people = await db.membership.findMany({
    where: { orgId: notice.orgId, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
  });
  if (people.length === 0) return;
  try {
    await sendEmail({
      to: people.map((p) => p.user.email),
      subject: `[Pigeon] ${notice.title}`,
      text: `${notice.body}\n\nOpen the endpoint: ${endpointLink(notice.appId, notice.endpointId)}\n`,
    });
  } catch (error) {
    log().error({ err: errorField(error), kind: notice.kind, orgId: notice.orgId }, "notice email failed");
  }
}

/**
 * Tells the team: a notice in the console inbox and an email to owners and admins.
 * Repeated exhausted-message notices for one endpoint are folded into the unread one.
 */
export async function createNotice(notice: NewNotice): Promise<void> {
  if (notice.kind === "message.attempt.exhausted") {
    const open = await db.notice.findFirst({
      where: {
        orgId: notice.orgId,
        kind: notice.kind,
        endpointId: notice.endpointId,
        readAt: null,
        createdAt: { gt: new Date(Date.now() - EXHAUSTED_GROUPING_MS) },
      },
      orderBy: { id: "desc" },
    });
    if (open) {
      const count = Number((open.data as { count?: number }).count ?? 1) + 1;
      await db.notice.update({
        where: { id: open.id },
        data: { title: `${count} messages ran out of retries`, data: { ...(open.data as object), count, lastMessageId: notice.messageId } },
      });
      return;
    }
  }
  await db.notice.create({
    data: {
      id: newId("notice"),
      orgId: notice.orgId,
      kind: notice.kind,
      appId: notice.appId,
      endpointId: notice.endpointId,
      messageId: notice.messageId ?? null,
      title: notice.title,
      body: notice.body,
      data: { count: 1, ...notice.data },
    },
  });
  await emailAdmins(notice);
}
