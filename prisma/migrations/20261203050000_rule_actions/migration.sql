-- Where each rule's actions (webhook, Slack, email on new alerts) stand.
CREATE TABLE "rule_action_state" (
    "ruleId" UUID NOT NULL,
    "notifiedTo" TIMESTAMP(3) NOT NULL,
    "lastSentAt" TIMESTAMP(3),
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    CONSTRAINT "rule_action_state_pkey" PRIMARY KEY ("ruleId")
);
