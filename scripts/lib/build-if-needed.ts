import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// What a production build is made from; a change to any of these needs a new build.
const SOURCES = ["app", "components", "lib", "public", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
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

// Two builds can live side by side: `.next` for `next start`, and `.next-standalone` (the
// container's traced server, `output: "standalone"`, see next.config.ts).
const distDir = (standalone: boolean) => (standalone ? STANDALONE_DIST : ".next");
export const STANDALONE_DIST = ".next-standalone";
const marker = (cwd: string, standalone: boolean) => path.join(cwd, distDir(standalone), "pigeon-source-hash");

export function isBuildCurrent(cwd: string, standalone = false): boolean {
  const file = marker(cwd, standalone);
  return existsSync(path.join(cwd, distDir(standalone), "BUILD_ID")) && existsSync(file) && readFileSync(file, "utf8") === sourceHash(cwd);
}

/** Runs `next build` and remembers which sources it was made from. */
export function build(cwd: string, standalone = false): void {
  const next = path.join(cwd, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(standalone ? { PIGEON_STANDALONE: "1" } : {}) },
  });
  if (result.status !== 0) throw new Error("next build failed");
  if (standalone) {
    // The traced server does not carry the static files; they go beside it, as in the image.
    cpSync(path.join(cwd, STANDALONE_DIST, "static"), path.join(cwd, STANDALONE_DIST, "standalone", STANDALONE_DIST, "static"), { recursive: true });
  }
  writeFileSync(marker(cwd, standalone), sourceHash(cwd));
}

export function buildIfNeeded(cwd: string, standalone = false): boolean {
  if (isBuildCurrent(cwd, standalone)) return false;
  build(cwd, standalone);
  return true;
}
