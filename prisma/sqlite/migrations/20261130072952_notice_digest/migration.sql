-- CreateTable
CREATE TABLE "NoticeDigest" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "sentAt" DATETIME,
    "urgentSentAt" DATETIME,
    "claimedUntil" DATETIME,
    CONSTRAINT "NoticeDigest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT,
    "endpointId" TEXT,
    "messageId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "data" JSONB NOT NULL,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bucket" DATETIME,
    "count" INTEGER NOT NULL DEFAULT 1,
    "lastAt" DATETIME,
    "emailPending" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Notice_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notice" ("appId", "body", "createdAt", "data", "endpointId", "id", "kind", "messageId", "orgId", "readAt", "title") SELECT "appId", "body", "createdAt", "data", "endpointId", "id", "kind", "messageId", "orgId", "readAt", "title" FROM "Notice";
DROP TABLE "Notice";
ALTER TABLE "new_Notice" RENAME TO "Notice";
CREATE INDEX "Notice_orgId_id_idx" ON "Notice"("orgId", "id");
CREATE INDEX "Notice_orgId_kind_id_idx" ON "Notice"("orgId", "kind", "id");
CREATE INDEX "Notice_emailPending_idx" ON "Notice"("emailPending");
CREATE UNIQUE INDEX "Notice_orgId_kind_endpointId_bucket_key" ON "Notice"("orgId", "kind", "endpointId", "bucket");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

