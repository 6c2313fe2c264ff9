-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "apiRateLimit" INTEGER;
ALTER TABLE "Organization" ADD COLUMN "maxPayloadBytes" INTEGER;

-- CreateTable
CREATE TABLE "ApiRateWindow" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "windowEnd" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL
);

