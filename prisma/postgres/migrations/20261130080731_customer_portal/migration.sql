-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorPortalSessionId" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "portalDisplayName" TEXT,
ADD COLUMN     "portalFrameAncestors" JSONB,
ADD COLUMN     "portalLogoUrl" TEXT,
ADD COLUMN     "portalPrimaryColor" TEXT;

-- CreateTable
CREATE TABLE "PortalSession" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "capabilities" JSONB NOT NULL,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "sessionId" TEXT,
    "featureFlags" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedByUserId" TEXT,
    "issuedByKeyId" TEXT,

    CONSTRAINT "PortalSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PortalSession_tokenHash_key" ON "PortalSession"("tokenHash");

-- CreateIndex
CREATE INDEX "PortalSession_appId_expiresAt_idx" ON "PortalSession"("appId", "expiresAt");

-- AddForeignKey
ALTER TABLE "PortalSession" ADD CONSTRAINT "PortalSession_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalSession" ADD CONSTRAINT "PortalSession_appId_fkey" FOREIGN KEY ("appId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

