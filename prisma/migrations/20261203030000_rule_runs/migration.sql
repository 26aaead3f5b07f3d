-- Back-fills of a rule over stored events, with their progress.
CREATE TABLE "rule_run" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "scanned" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "suppressed" INTEGER NOT NULL DEFAULT 0,
    "silenced" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "actorName" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "rule_run_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "rule_run_ruleId_startedAt_idx" ON "rule_run"("ruleId", "startedAt");
