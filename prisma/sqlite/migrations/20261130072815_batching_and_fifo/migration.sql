-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "batchId" TEXT;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "batchId" TEXT;

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Batch_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "uid" TEXT,
    "type" TEXT NOT NULL DEFAULT 'webhook',
    "url" TEXT NOT NULL,
    "tokenHash" TEXT,
    "tokenPrefix" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "filterTypes" JSONB,
    "channels" JSONB,
    "headers" JSONB NOT NULL,
    "throttleRate" INTEGER,
    "maxInFlight" INTEGER,
    "batchMaxSize" INTEGER,
    "batchMaxWaitMs" INTEGER,
    "ordering" TEXT NOT NULL DEFAULT 'unordered',
    "fifoOnExhausted" TEXT NOT NULL DEFAULT 'skip',
    "metadata" JSONB NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabledReason" TEXT,
    "disabledDetail" TEXT,
    "disabledAt" DATETIME,
    "failingSince" DATETIME,
    "disablingSince" DATETIME,
    "timeoutStreak" INTEGER NOT NULL DEFAULT 0,
    "backoffUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Endpoint_appId_fkey" FOREIGN KEY ("appId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Endpoint" ("appId", "backoffUntil", "channels", "createdAt", "description", "disabled", "disabledAt", "disabledDetail", "disabledReason", "disablingSince", "failingSince", "filterTypes", "headers", "id", "maxInFlight", "metadata", "throttleRate", "timeoutStreak", "tokenHash", "tokenPrefix", "type", "uid", "updatedAt", "url", "version") SELECT "appId", "backoffUntil", "channels", "createdAt", "description", "disabled", "disabledAt", "disabledDetail", "disabledReason", "disablingSince", "failingSince", "filterTypes", "headers", "id", "maxInFlight", "metadata", "throttleRate", "timeoutStreak", "tokenHash", "tokenPrefix", "type", "uid", "updatedAt", "url", "version" FROM "Endpoint";
DROP TABLE "Endpoint";
ALTER TABLE "new_Endpoint" RENAME TO "Endpoint";
CREATE UNIQUE INDEX "Endpoint_tokenHash_key" ON "Endpoint"("tokenHash");
CREATE INDEX "Endpoint_appId_id_idx" ON "Endpoint"("appId", "id");
CREATE UNIQUE INDEX "Endpoint_appId_uid_key" ON "Endpoint"("appId", "uid");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Batch_endpointId_id_idx" ON "Batch"("endpointId", "id");

-- CreateIndex
CREATE INDEX "Delivery_batchId_idx" ON "Delivery"("batchId");

-- CreateIndex
CREATE INDEX "Attempt_batchId_idx" ON "Attempt"("batchId");

