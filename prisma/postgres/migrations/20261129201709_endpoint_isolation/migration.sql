-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "backoffUntil" TIMESTAMP(3),
ADD COLUMN     "maxInFlight" INTEGER,
ADD COLUMN     "timeoutStreak" INTEGER NOT NULL DEFAULT 0;

