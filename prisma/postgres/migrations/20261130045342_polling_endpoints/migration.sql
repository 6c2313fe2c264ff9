-- CreateEnum
CREATE TYPE "EndpointType" AS ENUM ('webhook', 'polling');

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "seq" INTEGER;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "tokenHash" TEXT,
ADD COLUMN     "tokenPrefix" TEXT,
ADD COLUMN     "type" "EndpointType" NOT NULL DEFAULT 'webhook';

-- CreateTable
CREATE TABLE "PollConsumer" (
    "endpointId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "lastPollAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollConsumer_pkey" PRIMARY KEY ("endpointId","consumerId")
);

-- CreateIndex
CREATE INDEX "Delivery_endpointId_seq_idx" ON "Delivery"("endpointId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_tokenHash_key" ON "Endpoint"("tokenHash");

-- AddForeignKey
ALTER TABLE "PollConsumer" ADD CONSTRAINT "PollConsumer_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

