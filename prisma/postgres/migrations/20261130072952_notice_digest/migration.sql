-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "bucket" TIMESTAMP(3),
ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "emailPending" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeDigest" (
    "orgId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "urgentSentAt" TIMESTAMP(3),
    "claimedUntil" TIMESTAMP(3),

    CONSTRAINT "NoticeDigest_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "Notice_emailPending_idx" ON "Notice"("emailPending");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_orgId_kind_endpointId_bucket_key" ON "Notice"("orgId", "kind", "endpointId", "bucket");

-- AddForeignKey
ALTER TABLE "NoticeDigest" ADD CONSTRAINT "NoticeDigest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

