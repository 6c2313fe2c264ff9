// npm run pigeon -- <command> — operator commands for automation and first set-up.
//
//   api-key create --org <name> [--name <key name>] [--role admin|developer|viewer]
//       Creates the organization when none has that name, then a new API key for it.
//       The key is printed alone on the last line.
//
//   org limits --org <name or id> [--api-rate <requests/s>|none|default] [--max-payload <bytes>|default]
//       Shows an organization's limits, or sets them: API requests per second (none = no
//       limit) and the largest message payload (bytes, or e.g. 256KiB, 4MiB); "default"
//       returns a limit to the installation's (PIGEON_API_RATE_LIMIT, PIGEON_MAX_PAYLOAD_BYTES).
import { parseArgs } from "node:util";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createDb, type Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { fromZodError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { orgLimits, type StoredLimits, ZOrgLimits } from "@/lib/orgs/org-limits";
import { formatBytes } from "@/lib/utils";
import { setOrgLimits } from "@/lib/orgs/set-org-limits";
import { describeDatabase, envOrExit, fail } from "./lib/cli";
import { runMigrations } from "./lib/run-migrations";

const usage = `usage: npm run pigeon -- api-key create --org <name> [--name <key name>] [--role admin|developer|viewer]
       npm run pigeon -- org limits --org <name or id> [--api-rate <requests/s>|none|default] [--max-payload <bytes>|default]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    "api-rate": { type: "string" },
    "max-payload": { type: "string" },
  },
});

const command = positionals.join(" ");
if (command !== "api-key create" && command !== "org limits") fail(usage);
const orgRef = values.org?.trim();
if (!orgRef) fail(`--org is required\n${usage}`);

async function createApiKey(db: Db, env: Env, orgName: string) {
  const role = (values.role ?? "admin") as "admin" | "developer" | "viewer";
  if (!["admin", "developer", "viewer"].includes(role)) fail(`--role must be admin, developer or viewer\n${usage}`);
  let org = await db.organization.findFirst({ where: { name: orgName }, orderBy: { createdAt: "asc" } });
  if (!org) {
    org = await db.organization.create({ data: { id: newId("org"), name: orgName } });
    console.log(`Created organization "${org.name}" (${org.id}) in ${describeDatabase(env.DATABASE_URL)}`);
  }
  const { row, key } = await insertApiKey(db, org.id, values.name ?? "Created from the command line", role);
  await recordAuditEvent(
    { orgId: org.id, actor: {}, action: "api_key.created", targetType: "api_key", targetId: row.id, data: { name: row.name, role, via: "cli" } },
    db,
  );
  console.log(`API key ${row.prefix}… (${role}) for "${org.name}" — shown once, store it now:`);
  console.log(key);
}

/** "none" → 0, "default" → null, else a whole number. */
function rateOption(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "default") return null;
  if (value === "none") return 0;
  if (!/^\d+$/.test(value)) fail(`--api-rate must be a whole number of requests per second, "none" or "default" (got "${value}")`);
  return Number(value);
}

/** "default" → null; "2048", "256KiB", "4MiB" (also k, KB, M, MB: binary units) → bytes. */
function bytesOption(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "default") return null;
  const match = value.match(/^(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib)?$/i);
  if (!match) fail(`--max-payload must be a number of bytes such as 1048576, 256KiB or 4MiB, or "default" (got "${value}")`);
  const unit = match[2]?.toLowerCase().charAt(0);
  return Math.round(Number(match[1]) * (unit === "m" ? 1024 * 1024 : unit === "k" ? 1024 : 1));
}

function describeLimits(stored: StoredLimits): string {
  const { apiRateLimit, maxPayloadBytes } = orgLimits(stored);
  const origin = (value: number | null) => (value === null ? " (installation default)" : "");
  const rate = apiRateLimit === 0 ? "no limit" : `${apiRateLimit.toLocaleString("en-US")} requests/s`;
  return `  API rate:     ${rate}${origin(stored.apiRateLimit)}\n  max payload:  ${maxPayloadBytes.toLocaleString("en-US")} bytes (${formatBytes(maxPayloadBytes)})${origin(stored.maxPayloadBytes)}`;
}

async function orgLimitsCommand(db: Db, ref: string) {
  const matches = await db.organization.findMany({ where: { OR: [{ id: ref }, { name: ref }] }, orderBy: { createdAt: "asc" }, take: 3 });
  if (matches.length === 0) fail(`No organization has the id or name "${ref}"`);
  if (matches.length > 1) fail(`Several organizations are named "${ref}"; give its id: ${matches.map((o) => o.id).join(", ")}`);
  const org = matches[0]!;
  const change = { apiRateLimit: rateOption(values["api-rate"]), maxPayloadBytes: bytesOption(values["max-payload"]) };
  if (change.apiRateLimit === undefined && change.maxPayloadBytes === undefined) {
    console.log(`Limits of "${org.name}" (${org.id}):\n${describeLimits(org)}`);
    return;
  }
  const parsed = ZOrgLimits.safeParse(change);
  if (!parsed.success) fail(fromZodError(parsed.error).message);
  const updated = await setOrgLimits(db, org.id, parsed.data);
  console.log(
    `Limits of "${updated.name}" (${updated.id}) are now:\n${describeLimits(updated)}\nRunning processes apply them from the organization's next API request.`,
  );
}

const env = envOrExit();
// Works on a fresh install too: the database is created and migrated first if needed.
try {
  await runMigrations(env.DATABASE_URL);
} catch (error) {
  fail(`${describeDatabase(env.DATABASE_URL)} could not be migrated: ${(error as Error).message}`);
}
const db = createDb(env.DATABASE_URL);
try {
  if (command === "api-key create") await createApiKey(db, env, orgRef);
  else await orgLimitsCommand(db, orgRef);
} catch (error) {
  fail(`${command} failed in ${describeDatabase(env.DATABASE_URL)}: ${(error as Error).message}`);
} finally {
  await db.$disconnect();
}
