import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// What a production build is made from; a change to any of these needs a new build.
const SOURCES = ["app", "components", "lib", "public", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules"]);

function hashTree(hash: ReturnType<typeof createHash>, file: string): void {
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) {
    for (const entry of readdirSync(file).sort()) if (!SKIP.has(entry)) hashTree(hash, path.join(file, entry));
    return;
  }
  if (/\.test\.tsx?$/.test(file)) return;
  hash.update(file).update(readFileSync(file));
}

export function sourceHash(cwd: string): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) hashTree(hash, path.join(cwd, source));
  return hash.digest("hex");
}

const marker = (cwd: string) => path.join(cwd, ".next", "pigeon-source-hash");

export function isBuildCurrent(cwd: string): boolean {
  return existsSync(path.join(cwd, ".next", "BUILD_ID")) && existsSync(marker(cwd)) && readFileSync(marker(cwd), "utf8") === sourceHash(cwd);
}

/** Runs `next build` and remembers which sources it was made from. */
export function build(cwd: string): void {
  const next = path.join(cwd, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(marker(cwd), sourceHash(cwd));
}

export function buildIfNeeded(cwd: string): boolean {
  if (isBuildCurrent(cwd)) return false;
  build(cwd);
  return true;
}
