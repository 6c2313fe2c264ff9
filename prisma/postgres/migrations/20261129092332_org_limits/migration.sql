-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "apiRateLimit" INTEGER,
ADD COLUMN     "maxPayloadBytes" INTEGER;

-- CreateTable
CREATE TABLE "ApiRateWindow" (
    "orgId" TEXT NOT NULL,
    "windowEnd" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,

    CONSTRAINT "ApiRateWindow_pkey" PRIMARY KEY ("orgId")
);

