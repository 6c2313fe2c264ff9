-- AlterTable (columns added in place rather than the table redefined: the same result, no copy)
ALTER TABLE "Endpoint" ADD COLUMN "maxInFlight" INTEGER;
ALTER TABLE "Endpoint" ADD COLUMN "timeoutStreak" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "backoffUntil" DATETIME;
