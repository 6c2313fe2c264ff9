// npm run pigeon -- <command> — operator commands for automation and first set-up.
//
//   api-key create --org <name> [--name <key name>] [--role admin|developer|viewer]
//       Creates the organization when none has that name, then a new API key for it.
//       The key is printed alone on the last line.
import { parseArgs } from "node:util";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createDb } from "@/lib/db";
import { newId } from "@/lib/ids";
import { describeDatabase, envOrExit, fail } from "./lib/cli";
import { runMigrations } from "./lib/run-migrations";

const usage = "usage: npm run pigeon -- api-key create --org <name> [--name <key name>] [--role admin|developer|viewer]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { org: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
});

if (positionals.join(" ") !== "api-key create") fail(usage);
const orgName = values.org?.trim();
if (!orgName) fail(`--org is required\n${usage}`);
const role = (values.role ?? "admin") as "admin" | "developer" | "viewer";
if (!["admin", "developer", "viewer"].includes(role)) fail(`--role must be admin, developer or viewer\n${usage}`);

const env = envOrExit();
// Works on a fresh install too: the database is created and migrated first if needed.
try {
  await runMigrations(env.DATABASE_URL);
} catch (error) {
  fail(`${describeDatabase(env.DATABASE_URL)} could not be migrated: ${(error as Error).message}`);
}
const db = createDb(env.DATABASE_URL);
try {
  let org = await db.organization.findFirst({ where: { name: orgName }, orderBy: { createdAt: "asc" } });
  if (!org) {
    org = await db.organization.create({ data: { id: newId("org"), name: orgName } });
    console.log(`Created organization "${org.name}" (${org.id}) in ${describeDatabase(env.DATABASE_URL)}`);
  }
  const { row, key } = await insertApiKey(db, org.id, values.name ?? "Created from the command line", role);
  await recordAuditEvent({ orgId: org.id, actor: {}, action: "api_key.created", targetType: "api_key", targetId: row.id, data: { name: row.name, role, via: "cli" } }, db);
  console.log(`API key ${row.prefix}… (${role}) for "${org.name}" — shown once, store it now:`);
  console.log(key);
} catch (error) {
  fail(`Could not create the key in ${describeDatabase(env.DATABASE_URL)}: ${(error as Error).message}`);
} finally {
  await db.$disconnect();
}
