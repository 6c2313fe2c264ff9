-- AlterTable
ALTER TABLE "Message" ADD COLUMN "deliverAt" DATETIME;

