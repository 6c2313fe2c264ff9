// How folded notices read: pure, shared by the inbox's serializer and the digest email.

export const HOUR_MS = 3600_000;

/** The start of the hour (UTC) that `ms` falls in: the bucket exhausted messages are folded by. */
export const hourBucket = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** "1,234 messages exhausted on https://… between 10:00 and 11:00 UTC" */
export function exhaustedTitle(count: number, url: string, bucket: number): string {
  const messages = count === 1 ? "1 message" : `${count.toLocaleString("en-US")} messages`;
  return `${messages} exhausted on ${url} between ${hhmm(bucket)} and ${hhmm(bucket + HOUR_MS)} UTC`;
}

/** What a folded notice's body says about the latest message it folded. */
export function exhaustedBody(latest: { messageId: string; eventType: string; attempts: number }): string {
  const tries = latest.attempts === 1 ? "1 attempt" : `${latest.attempts} attempts`;
  return `None of them will be retried. The latest: message ${latest.messageId} (${latest.eventType}), after ${tries}. Resend from the message page, or recover the endpoint's failed messages.`;
}

/** A notice as people read it: folded notices are titled by their count, others by what was stored. */
export function noticeTitle(notice: { kind: string; title: string; count: number; bucket: Date | null; data: unknown }): string {
  const url = (notice.data as { url?: unknown } | null)?.url;
  if (notice.kind !== "message.attempt.exhausted" || !notice.bucket || typeof url !== "string") return notice.title;
  return exhaustedTitle(notice.count, url, notice.bucket.getTime());
}

/** Where a notice points, as paths of the console: its endpoint, and for exhausted messages their filtered log. */
export function noticeLinks(notice: { kind: string; appId: string | null; endpointId: string | null }): { endpoint: string | null; log: string | null } {
  if (!notice.appId || !notice.endpointId) return { endpoint: null, log: null };
  return {
    endpoint: `/apps/${notice.appId}/endpoints/${notice.endpointId}`,
    log: notice.kind === "message.attempt.exhausted" ? `/apps/${notice.appId}/messages?status=exhausted&endpoint=${notice.endpointId}` : null,
  };
}
