-- AlterTable
ALTER TABLE "Application" ADD COLUMN "disableMinDurationSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "disablingSince" DATETIME;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "disableMinDurationSeconds" INTEGER;

