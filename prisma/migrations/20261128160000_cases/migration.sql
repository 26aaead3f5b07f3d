-- Cases: alerts grouped for investigation, with comments, observables and a timeline.

-- CreateTable
CREATE TABLE "case" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assigneeId" TEXT,
    "tags" TEXT[],
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_alert" (
    "caseId" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_alert_pkey" PRIMARY KEY ("caseId","alertId")
);

-- CreateTable
CREATE TABLE "case_comment" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_observable" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'auto',

    CONSTRAINT "case_observable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_timeline" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "case_timeline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_createdAt_idx" ON "case"("createdAt" DESC);
CREATE INDEX "case_alert_alertId_idx" ON "case_alert"("alertId");
CREATE INDEX "case_comment_caseId_idx" ON "case_comment"("caseId");
CREATE UNIQUE INDEX "case_observable_caseId_type_value_key" ON "case_observable"("caseId", "type", "value");
CREATE INDEX "case_timeline_caseId_at_idx" ON "case_timeline"("caseId", "at");

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "case_alert" ADD CONSTRAINT "case_alert_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_alert" ADD CONSTRAINT "case_alert_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_comment" ADD CONSTRAINT "case_comment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_observable" ADD CONSTRAINT "case_observable_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_timeline" ADD CONSTRAINT "case_timeline_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
