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

/** A lasting time as people say it, to the precision that matters: "40 s", "12 min", "3 h", "3 h 20 min", "2 days 5 h". */
export function spokenDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} days` : `${days} days ${hours % 24} h`;
}

const dayAndTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The endpoint.recovered notice of an endpoint that was disabled, enabled again, and has just had its first success. */
export function receivingAgainText(about: { url: string; disabledAt: number; enabledAt: number; succeededAt: number }): { title: string; body: string } {
  return {
    title: `Endpoint receiving again: ${about.url}`,
    body: `${about.url} is receiving again: first success at ${dayAndTime(about.succeededAt)}, after being disabled for ${spokenDuration(about.enabledAt - about.disabledAt)} (enabled ${spokenDuration(about.succeededAt - about.enabledAt)} before).`,
  };
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
