import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseProvider, parseEnv } from "./lib/env";

// Prisma runs with its JavaScript engine (no native binaries to download); the provider
// and its migrations folder follow DATABASE_URL, the same way lib/db picks its client.
const { DATABASE_URL } = parseEnv();
const provider = databaseProvider(DATABASE_URL);

// prisma/orm#27403: adapter-pg cannot decode PostgreSQL's `name` (OID 19) and `"char"`
// (OID 18) columns, which the schema engine reads from the catalog. Report them as text.
class CatalogSafeClient extends pg.Client {
  // @ts-expect-error -- pg's overloads; we pass every form through unchanged.
  override query(...args: unknown[]) {
    const callback = typeof args.at(-1) === "function" ? (args.pop() as (e: unknown, r?: unknown) => void) : undefined;
    const result = (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args).then((res) => {
      for (const field of res.fields ?? []) if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
      return res;
    });
    if (!callback) return result;
    result.then(
      (r) => callback(null, r),
      (e) => callback(e),
    );
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "sqlite") {
      return new PrismaBetterSQLite3({ url: DATABASE_URL }, { timestampFormat: "unixepoch-ms" });
    }
    return new PrismaPg(new pg.Pool({ connectionString: DATABASE_URL, Client: CatalogSafeClient as typeof pg.Client }));
  },
});
