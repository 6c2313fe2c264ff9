-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "lastDisabledAt" TIMESTAMP(3),
ADD COLUMN     "recoverOfferCount" INTEGER,
ADD COLUMN     "recoverOfferSince" TIMESTAMP(3),
ADD COLUMN     "reenabledAt" TIMESTAMP(3);

