-- Actions for every rule at or above a severity (beside each rule's own): where new alerts are
-- announced, throttled per rule, and where each rule's messages stand.
CREATE TABLE "action_policy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "minSeverity" TEXT NOT NULL,
    "actions" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "action_policy_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "action_policy_state" (
    "policyId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "notifiedTo" TIMESTAMP(3) NOT NULL,
    "lastSentAt" TIMESTAMP(3),
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    CONSTRAINT "action_policy_state_pkey" PRIMARY KEY ("policyId", "ruleId"),
    CONSTRAINT "action_policy_state_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "action_policy"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
