import type { Db } from "@/lib/db";
import { LEGACY_VERSION } from "./encryption";
import { openEndpointSecret, sealEndpointHeaders, sealEndpointSecret } from "./secret-box";

// Brings rows written by earlier versions to the current encryption at rest: custom headers
// stored as a plain JSON object are encrypted, and signing secrets in the "v1." format (bound
// to no row) are re-encrypted, bound to their row. The migrations run it after the SQL ones
// (scripts/lib/run-migrations.ts); once nothing is left, it costs two queries. Until then,
// reading accepts both forms.

const BATCH = 500;

export interface UpgradeCounts {
  headers: number;
  secrets: number;
  /** v1 secrets that do not decrypt with this key; left as they are. */
  unreadable: number;
}

// Which rows still hold their headers as a JSON object (encrypted ones hold a JSON string).
const PLAIN_HEADERS = {
  sqlite: `SELECT "id" FROM "Endpoint" WHERE json_type("headers") = 'object' AND "id" > ? ORDER BY "id" LIMIT ${BATCH}`,
  postgres: `SELECT "id" FROM "Endpoint" WHERE jsonb_typeof("headers") = 'object' AND "id" > $1 ORDER BY "id" LIMIT ${BATCH}`,
};

export async function upgradeStoredSecrets(db: Db, provider: "sqlite" | "postgres"): Promise<UpgradeCounts> {
  const counts: UpgradeCounts = { headers: 0, secrets: 0, unreadable: 0 };
  for (let after = ""; ;) {
    const ids = (await db.$queryRawUnsafe<{ id: string }[]>(PLAIN_HEADERS[provider], after)).map((row) => row.id);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    const rows = await db.endpoint.findMany({ where: { id: { in: ids } }, select: { id: true, headers: true, updatedAt: true } });
    for (const row of rows) {
      // Skip a row encrypted since the query; write only if nobody changed it meanwhile (a
      // process of the previous version may still run).
      if (typeof row.headers !== "object" || row.headers === null) continue;
      const { count } = await db.endpoint.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt },
        data: { headers: sealEndpointHeaders(row.id, row.headers as Record<string, string>) },
      });
      counts.headers += count;
    }
  }
  for (let after = ""; ;) {
    const rows = await db.endpointSecret.findMany({
      where: { ciphertext: { startsWith: `${LEGACY_VERSION}.` }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      let ciphertext: string;
      try {
        ciphertext = sealEndpointSecret(row.endpointId, openEndpointSecret(row), row.id).ciphertext;
      } catch {
        counts.unreadable += 1;
        continue;
      }
      const { count } = await db.endpointSecret.updateMany({ where: { id: row.id, ciphertext: row.ciphertext }, data: { ciphertext } });
      counts.secrets += count;
    }
  }
  return counts;
}
