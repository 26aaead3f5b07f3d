-- Ticketing connectors and the record of pushes.

-- AlterTable
ALTER TABLE "case" ADD COLUMN "externalConnectorId" UUID,
ADD COLUMN "externalId" TEXT,
ADD COLUMN "externalUrl" TEXT,
ADD COLUMN "lastPushedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "connector" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "secret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_push" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "externalId" TEXT,
    "externalUrl" TEXT,
    "error" TEXT,
    "commentsSent" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "case_push_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_push_caseId_at_idx" ON "case_push"("caseId", "at");

-- AddForeignKey
ALTER TABLE "case_push" ADD CONSTRAINT "case_push_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_push" ADD CONSTRAINT "case_push_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
