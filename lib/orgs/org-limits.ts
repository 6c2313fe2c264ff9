import { z } from "zod";
import { env } from "@/lib/env";

// What an organization may send: API requests per second and the size of a message's
// payload. The installation's operator sets them per organization (npm run pigeon -- org
// limits); null stands for the install-wide default (PIGEON_API_RATE_LIMIT,
// PIGEON_MAX_PAYLOAD_BYTES).

export const MAX_PAYLOAD_CEILING = 16 * 1024 * 1024;

/** An operator's change; null returns a limit to the installation's default. */
export const ZOrgLimits = z.object({
  apiRateLimit: z.number().int("must be a whole number").min(0, "must be 0 (no limit) or more").max(1_000_000, "must be at most 1000000").nullish(),
  maxPayloadBytes: z
    .number()
    .int("must be a whole number")
    .min(1024, "must be at least 1024 bytes")
    .max(MAX_PAYLOAD_CEILING, "must be at most 16 MiB")
    .nullish(),
});
export type TOrgLimits = z.input<typeof ZOrgLimits>;
export type OrgLimitsChange = z.output<typeof ZOrgLimits>;

export interface StoredLimits {
  apiRateLimit: number | null;
  maxPayloadBytes: number | null;
}

/** The limits in force: `apiRateLimit` 0 means none. */
export interface OrgLimits {
  apiRateLimit: number;
  maxPayloadBytes: number;
}

export function orgLimits(stored: StoredLimits): OrgLimits {
  return {
    apiRateLimit: stored.apiRateLimit ?? env().PIGEON_API_RATE_LIMIT,
    maxPayloadBytes: stored.maxPayloadBytes ?? env().PIGEON_MAX_PAYLOAD_BYTES,
  };
}

/** The largest request body a message may come in: room for the other fields around the largest payload. */
export const messageBodyLimit = (limits: OrgLimits) => limits.maxPayloadBytes + 64 * 1024;

/** The largest body a batch of messages may come in: PIGEON_MAX_BATCH_BYTES, and at least room for one largest message. */
export const batchBodyLimit = (limits: OrgLimits) => Math.max(env().PIGEON_MAX_BATCH_BYTES, messageBodyLimit(limits));
