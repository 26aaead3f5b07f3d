-- Exceptions and their audit trail.

-- CreateTable
CREATE TABLE "exception_item" (
    "id" UUID NOT NULL,
    "ruleId" TEXT,
    "entries" JSONB NOT NULL,
    "comment" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" TIMESTAMP(3),
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suppressedCount" INTEGER NOT NULL DEFAULT 0,
    "lastSuppressedAt" TIMESTAMP(3),

    CONSTRAINT "exception_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exception_audit" (
    "id" UUID NOT NULL,
    "exceptionId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "exception_audit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exception_item_ruleId_idx" ON "exception_item"("ruleId");
CREATE INDEX "exception_audit_exceptionId_idx" ON "exception_audit"("exceptionId");

-- AddForeignKey
ALTER TABLE "exception_item" ADD CONSTRAINT "exception_item_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
