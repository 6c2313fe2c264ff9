-- CreateTable
CREATE TABLE "ThrottleWindow" (
    "endpointId" TEXT NOT NULL,
    "windowEnd" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,

    CONSTRAINT "ThrottleWindow_pkey" PRIMARY KEY ("endpointId")
);

