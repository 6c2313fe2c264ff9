// npm run db:migrate — applies the committed migrations to the database DATABASE_URL names.
import { describeDatabase, envOrExit, fail } from "./lib/cli";
import { runMigrations } from "./lib/run-migrations";

const env = envOrExit();
try {
  const result = await runMigrations(env.DATABASE_URL);
  console.log(`✓ ${describeDatabase(env.DATABASE_URL)}: ${result}`);
} catch (error) {
  fail(`${describeDatabase(env.DATABASE_URL)}: ${(error as Error).message}`);
}
