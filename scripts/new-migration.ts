// npm run db:new-migration -- <name> — writes one migration per provider from the change
// of prisma/models since the last commit (Prisma's `migrate dev` needs a shadow database,
// which the JavaScript engine cannot provide).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fail } from "./lib/cli";
import { syncSchemaFolders } from "./lib/schema-folders";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) fail("usage: npm run db:new-migration -- <snake_case_name>");

const root = path.resolve(import.meta.dirname, "..");
syncSchemaFolders(root);
const old = mkdtempSync(path.join(os.tmpdir(), "pigeon-old-schema-"));
mkdirSync(path.join(old, "models"));
const files = execFileSync("git", ["ls-tree", "--name-only", "HEAD", "prisma/models/"], { cwd: root, encoding: "utf8" }).trim().split("\n");
for (const file of files) {
  writeFileSync(path.join(old, "models", path.basename(file)), execFileSync("git", ["show", `HEAD:${file}`], { cwd: root }));
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const urls = { sqlite: "file:" + path.join(old, "diff.db"), postgres: "postgresql://postgres@127.0.0.1:5432/postgres" };
for (const provider of ["sqlite", "postgres"] as const) {
  const from = path.join(old, provider);
  mkdirSync(from);
  cpSync(path.join(root, "prisma", provider, "schema.prisma"), path.join(from, "schema.prisma"));
  cpSync(path.join(old, "models"), path.join(from, "models"), { recursive: true });
  const sql = execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-schema-datamodel",
      from,
      "--to-schema-datamodel",
      path.join(root, "prisma", provider),
      "--script",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: urls[provider] }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`✓ ${path.relative(root, dir)}/migration.sql`);
}
