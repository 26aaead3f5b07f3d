/** One rule with everything its page shows: the summary, the definition's text fields and the overrides. */
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../api/app-error";
import { ZRule } from "../rule";
import { ruleStats, ruleSummary } from "./list-rules";
import { ruleOfRow } from "./rule-record";
import { actionsOf } from "../actions/rule-actions";
import { matchesByHour } from "./rule-activity";

export async function ruleDetail(prisma: PrismaClient, id: string) {
  const row = await prisma.rule.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "no rule with this id");
  const def = ZRule.parse(row.definition);
  const suppression = ruleOfRow(row).alertSuppression;
  const stats = await ruleStats(prisma, [row]);
  const [actionState, matches] = await Promise.all([prisma.ruleActionState.findUnique({ where: { ruleId: row.id } }), matchesByHour(prisma, row.ruleId)]);
  return {
    ...ruleSummary(row, stats.get(row.ruleId)),
    description: def.description,
    query: def.query,
    language: def.language,
    note: def.note,
    setup: def.setup,
    false_positives: def.falsePositives,
    references: def.references,
    author: def.author,
    license: def.license,
    building_block: def.buildingBlock,
    source_file: row.sourceFile,
    severity_override: row.severityOverride,
    risk_score_override: row.riskScoreOverride,
    suppression: suppression ? { group_by: suppression.groupBy, duration_ms: suppression.durationMs, missing_fields: suppression.missingFields, from_rule: row.suppression === null } : null,
    actions: actionsOf(row.actions),
    action_state: actionState ? { last_sent_at: actionState.lastSentAt, sent: actionState.sent, failed: actionState.failed, last_error: actionState.lastError, last_error_at: actionState.lastErrorAt } : null,
    /** Alerts and matches over the cap per hour of the last 7 days, oldest first (the page's sparkline). */
    matches_by_hour: matches,
    /** The definition as stored (for the page's diagnostic; the API's schema does not answer it). */
    definition: row.definition,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
