-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "actorPortalSessionId" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "portalDisplayName" TEXT;
ALTER TABLE "Organization" ADD COLUMN "portalFrameAncestors" JSONB;
ALTER TABLE "Organization" ADD COLUMN "portalLogoUrl" TEXT;
ALTER TABLE "Organization" ADD COLUMN "portalPrimaryColor" TEXT;

-- CreateTable
CREATE TABLE "PortalSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "capabilities" JSONB NOT NULL,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "sessionId" TEXT,
    "featureFlags" JSONB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedByUserId" TEXT,
    "issuedByKeyId" TEXT,
    CONSTRAINT "PortalSession_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PortalSession_appId_fkey" FOREIGN KEY ("appId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PortalSession_tokenHash_key" ON "PortalSession"("tokenHash");

-- CreateIndex
CREATE INDEX "PortalSession_appId_expiresAt_idx" ON "PortalSession"("appId", "expiresAt");

