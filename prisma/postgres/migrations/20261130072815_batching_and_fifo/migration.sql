-- CreateEnum
CREATE TYPE "EndpointOrdering" AS ENUM ('unordered', 'fifo');

-- CreateEnum
CREATE TYPE "FifoOnExhausted" AS ENUM ('skip', 'halt');

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "batchId" TEXT;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "batchId" TEXT;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "batchMaxSize" INTEGER,
ADD COLUMN     "batchMaxWaitMs" INTEGER,
ADD COLUMN     "fifoOnExhausted" "FifoOnExhausted" NOT NULL DEFAULT 'skip',
ADD COLUMN     "ordering" "EndpointOrdering" NOT NULL DEFAULT 'unordered';

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Batch_endpointId_id_idx" ON "Batch"("endpointId", "id");

-- CreateIndex
CREATE INDEX "Delivery_batchId_idx" ON "Delivery"("batchId");

-- CreateIndex
CREATE INDEX "Attempt_batchId_idx" ON "Attempt"("batchId");

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

