// npm start — migrate the database, build if the sources changed, serve the console and
// its worker. `npm run dev` does the same with the development server.
import { spawn } from "node:child_process";
import path from "node:path";
import { createDb } from "@/lib/db";
import { buildIfNeeded } from "./lib/build-if-needed";
import { describeDatabase, envOrExit, fail } from "./lib/cli";
import { runMigrations } from "./lib/run-migrations";

const dev = process.argv.includes("--dev");
const env = envOrExit();
const cwd = process.cwd();

try {
  const result = await runMigrations(env.DATABASE_URL);
  console.log(`✓ Database: ${describeDatabase(env.DATABASE_URL)}, ${result}`);
} catch (error) {
  fail(`Database ${describeDatabase(env.DATABASE_URL)} could not be migrated: ${(error as Error).message}`);
}

if (!dev) {
  try {
    if (buildIfNeeded(cwd)) console.log("✓ Production build ready");
  } catch (error) {
    fail((error as Error).message);
  }
}

// How to get in: the first visitor creates the owner account; later ones sign in.
const db = createDb(env.DATABASE_URL);
const firstRun = (await db.user.count()) === 0;
await db.$disconnect();
const howToLogIn = firstRun ? `First run: create the owner account at ${env.PUBLIC_URL}/signup` : `Sign in at ${env.PUBLIC_URL}/login`;

const next = path.join(cwd, "node_modules", "next", "dist", "bin", "next");
const server = spawn(process.execPath, [next, dev ? "dev" : "start", "--port", String(env.PORT)], {
  cwd,
  stdio: ["inherit", "pipe", "inherit"],
  // The server finishes its in-flight webhook attempts before it exits (instrumentation.ts).
  env: { ...process.env, DATABASE_URL: env.DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" },
});

let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|✓ Ready/.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Pigeon is running at ${env.PUBLIC_URL}\n  ${howToLogIn}\n  Health: ${env.PUBLIC_URL}/api/health · Ready: ${env.PUBLIC_URL}/api/ready\n`);
  }
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
