import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { NOTICE_KINDS } from "./schemas";
import { sendDueDigests } from "./send-due-digests";

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NewNotice {
  orgId: string;
  kind: Exclude<NoticeKind, "message.attempt.exhausted">;
  appId: string;
  endpointId: string;
  messageId?: string;
  title: string;
  body: string;
  data?: Prisma.InputJsonObject;
}

/**
 * Tells the team: a notice in the console inbox, and by email to owners and admins (when
 * SMTP is configured) within the hourly cap (send-due-digests.ts). Exhausted messages are
 * folded instead (fold-exhausted.ts).
 */
export async function createNotice(notice: NewNotice): Promise<void> {
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
      data: notice.data ?? {},
      emailPending: env().SMTP_URL ? 1 : 0,
    },
  });
  await sendDueDigests({ orgIds: [notice.orgId] });
}
