-- CreateTable
CREATE TABLE "ThrottleWindow" (
    "endpointId" TEXT NOT NULL PRIMARY KEY,
    "windowEnd" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL
);

