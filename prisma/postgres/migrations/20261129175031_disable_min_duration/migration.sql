-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "disableMinDurationSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "disablingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "disableMinDurationSeconds" INTEGER;

