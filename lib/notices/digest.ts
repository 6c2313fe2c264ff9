import { HOUR_MS } from "./notice-text";

// The notice email's rules, pure. An organization's owners and admins get at most one
// notice email an hour: the first notice after a quiet hour goes at once, later ones wait
// for the next email, which carries everything not yet emailed (folded notices with what
// they counted since). An endpoint disabled is urgent: it goes within seconds even inside
// the hour, yet at most one such email every URGENT_INTERVAL_MS, so an outage that disables
// hundreds of endpoints sends a handful of emails, each listing them all.

export const DIGEST_INTERVAL_MS = HOUR_MS;
export const URGENT_INTERVAL_MS = 5 * 60_000;
export const URGENT_KINDS: readonly string[] = ["endpoint.disabled"];

export interface DigestState {
  /** The organization's last notice email (epoch ms), and its last that carried an urgent notice. */
  sentAt: number | null;
  urgentSentAt: number | null;
}

/** Whether an organization with notices waiting may be emailed now. */
export function digestDue(state: DigestState, urgent: boolean, now: number): boolean {
  if (state.sentAt === null || now - state.sentAt >= DIGEST_INTERVAL_MS) return true;
  return urgent && (state.urgentSentAt === null || now - state.urgentSentAt >= URGENT_INTERVAL_MS);
}

export interface DigestItem {
  kind: string;
  title: string;
  body: string;
  /** How many occurrences the notice counts, and how many of them were not emailed yet. */
  count: number;
  pending: number;
  /** Absolute addresses: the endpoint, and for exhausted messages their filtered log. */
  links: string[];
}

/** Items listed in one email; the rest are counted and left to the inbox. */
export const DIGEST_MAX_ITEMS = 50;

/** The email: urgent notices first, each with its link; subject from the first. */
export function composeDigest(items: readonly DigestItem[], inboxUrl: string): { subject: string; text: string } {
  const sorted = [...items].sort((a, b) => Number(URGENT_KINDS.includes(b.kind)) - Number(URGENT_KINDS.includes(a.kind)));
  const shown = sorted.slice(0, DIGEST_MAX_ITEMS);
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : "";
  const lines = shown.map((item) => {
    const since = item.pending < item.count ? ` (${item.pending.toLocaleString("en-US")} since the last email)` : "";
    return [`* ${item.title}${since}`, item.body && `  ${item.body}`, ...item.links.map((link) => `  ${link}`)].filter(Boolean).join("\n");
  });
  if (sorted.length > shown.length) lines.push(`… and ${sorted.length - shown.length} more notices.`);
  return { subject: `[Pigeon] ${sorted[0]!.title}${more}`, text: `${lines.join("\n\n")}\n\nAll notices: ${inboxUrl}\n` };
}
