-- Matches held back on an alert (suppression by fields, or over the cap), and the analyst's suppression setting per rule.
ALTER TABLE "alert" ADD COLUMN "suppressedCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "alert" ADD COLUMN "suppressedFirstAt" TIMESTAMP(3);
ALTER TABLE "alert" ADD COLUMN "suppressedLastAt" TIMESTAMP(3);
ALTER TABLE "alert" ADD COLUMN "suppressionKey" TEXT;
DROP INDEX "alert_ruleId_idx";
CREATE INDEX "alert_ruleId_createdAt_idx" ON "alert"("ruleId", "createdAt");
CREATE INDEX "alert_suppressionKey_createdAt_idx" ON "alert"("suppressionKey", "createdAt");
ALTER TABLE "rule" ADD COLUMN "suppression" JSONB;

-- A change of the suppression setting changes detection: the catalogue's generation moves.
DROP TRIGGER rule_catalog_on_change ON "rule";
CREATE TRIGGER rule_catalog_on_change
  AFTER INSERT OR DELETE OR UPDATE OF "enabled", "definition", "version", "severity", "riskScore", "severityOverride", "riskScoreOverride", "actions", "status", "index", "suppression"
  ON "rule" FOR EACH STATEMENT EXECUTE FUNCTION rule_catalog_bump();
ALTER TABLE "rule" DROP COLUMN "lastMatchAt"; -- the last match is read from the alerts
