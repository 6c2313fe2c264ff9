// npm test — every suite: typecheck, lint, format, unit, integration on SQLite and on PostgreSQL,
// and the browser suite on Debian's Chromium. `npm test -- unit|integration|e2e` runs one.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./lib/build-if-needed";
import { postgresAdminUrl } from "../tests/support/test-database";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".test-reports");
const only = process.argv[2];
const ci = !!process.env.CI;

interface Result {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  /** The failed tests' names, repeated under the summary so a log's last lines say what failed. */
  failures?: string[];
}
const results: Result[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return result.status ?? 1;
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function step(suite: string, fn: () => Omit<Result, "suite" | "seconds">) {
  console.log(`\n━━━ ${suite} ━━━`);
  const started = Date.now();
  const result = { suite, ...fn(), seconds: Math.round((Date.now() - started) / 100) / 10 };
  results.push(result);
  console.log(`━━━ ${suite}: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ""} (${result.seconds} s)`);
}

function check(command: string, args: string[]) {
  return () => (run(command, args) === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
}

function vitest(project: string, name: string, env: Record<string, string> = {}) {
  return () => {
    const out = path.join(reports, `${name}.json`);
    rmSync(out, { force: true });
    const status = run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], env);
    if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0 };
    const report = JSON.parse(readFileSync(out, "utf8"));
    const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
    const failures = (report.testResults as { name: string; assertionResults: { status: string; fullName: string }[] }[]).flatMap((file) =>
      file.assertionResults.filter((t) => t.status === "failed").map((t) => `${path.relative(root, file.name)} › ${t.fullName}`),
    );
    return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests, failures };
  };
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensurePostgres(): Promise<boolean> {
  if (await postgresReachable()) return true;
  if (process.env.PIGEON_TEST_POSTGRES === "off" && !ci) {
    console.warn("\n⚠ PIGEON_TEST_POSTGRES=off: the PostgreSQL suite is SKIPPED on request.");
    return false;
  }
  // A local Debian cluster that is merely stopped can be started for the run.
  const clusters = existsSync("/etc/postgresql") ? spawnSync("ls", ["/etc/postgresql"], { encoding: "utf8" }).stdout.trim().split("\n")[0] : "";
  if (clusters) {
    console.log(`PostgreSQL is not answering; starting the local cluster ${clusters}/main …`);
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", clusters, "main", "start"], { stdio: "inherit" });
    if (await postgresReachable()) return true;
  }
  console.error(
    `\n✖ The PostgreSQL suite needs a PostgreSQL server at ${postgresAdminUrl()} (trust or password in the URL).\n` +
      "  Start one (Debian: apt-get install -y postgresql && pg_ctlcluster 15 main start), point\n" +
      "  PIGEON_TEST_POSTGRES_URL at yours, or skip it knowingly with PIGEON_TEST_POSTGRES=off.",
  );
  process.exit(1);
}

function ensureChromium(): string {
  const executable = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(executable)) return executable;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && spawnSync("which", ["apt-get"]).status === 0) {
    console.log("Chromium is missing; installing Debian's chromium package for the browser suite …");
    spawnSync("sh", ["-c", "apt-get update -qq && apt-get install -y -qq chromium"], { stdio: "inherit" });
    if (existsSync(executable)) return executable;
  }
  console.error(
    `\n✖ The browser suite needs Chromium at ${executable}. Install it with:\n` +
      "    sudo apt-get update && sudo apt-get install -y chromium\n" +
      "  or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}

function playwright() {
  const out = path.join(reports, "e2e.json");
  rmSync(out, { force: true });
  const status = run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: out, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(out, "utf8"));
  const { stats } = report;
  const failed = stats.unexpected + stats.flaky + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { passed: stats.expected, failed, skipped: stats.skipped, failures: failedSpecs(report.suites ?? []) };
}

interface PlaywrightSuite {
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; ok: boolean }[];
}
function failedSpecs(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => `e2e/${spec.file}:${spec.line} › ${spec.title}`),
    ...failedSpecs(suite.suites ?? []),
  ]);
}

mkdirSync(reports, { recursive: true });
const wants = (suite: string) => !only || only === suite;

if (!only) {
  step("typecheck", check(bin("tsc"), ["--noEmit"]));
  step("lint", check(bin("eslint"), ["--max-warnings", "0", "."]));
  step("format", check(bin("prettier"), ["--check", "--log-level", "warn", "**/*.{ts,tsx,js,mjs,json,css}"]));
}
if (wants("unit")) step("unit", vitest("unit", "unit"));
if (wants("integration") || wants("e2e")) {
  console.log("\n━━━ production build ━━━");
  buildIfNeeded(root);
}
if (wants("integration")) {
  step("integration · SQLite", vitest("integration", "integration-sqlite", { PIGEON_TEST_DB: "sqlite" }));
  if (await ensurePostgres()) step("integration · PostgreSQL", vitest("integration", "integration-postgres", { PIGEON_TEST_DB: "postgres" }));
}
if (wants("e2e")) {
  ensureChromium();
  step("browser (Playwright, Chromium)", playwright);
}

const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log("\nSuite                              passed  failed  skipped   time");
for (const r of results) {
  console.log(
    `${r.suite.padEnd(34)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${String(r.seconds).padStart(5)} s`,
  );
}
for (const r of results.filter((r) => r.failures?.length)) {
  console.log(`\nfailed in ${r.suite}:`);
  for (const name of r.failures!) console.log(`  ✘ ${name}`);
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
