-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- A record in progress before this migration started when it was created.
UPDATE "IdempotencyRecord" SET "startedAt" = "createdAt";

-- CreateTable
CREATE TABLE "Heartbeat" (
    "id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Heartbeat_pkey" PRIMARY KEY ("id")
);

