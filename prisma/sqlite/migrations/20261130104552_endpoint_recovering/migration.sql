-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "lastDisabledAt" DATETIME;
ALTER TABLE "Endpoint" ADD COLUMN "recoverOfferCount" INTEGER;
ALTER TABLE "Endpoint" ADD COLUMN "recoverOfferSince" DATETIME;
ALTER TABLE "Endpoint" ADD COLUMN "reenabledAt" DATETIME;

