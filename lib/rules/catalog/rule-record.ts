/** A stored rule (the `rule` table) read back as the rule model, with the analyst's overrides applied. */
import type { Rule as RuleRow } from "../../generated/prisma/client";
import { ZAlertSuppression, ZRule, type TAlertSuppression, type TRule } from "../rule";

export type { RuleRow };

/** The columns `ruleOfRow` reads (a Prisma `select`). */
export const RULE_AS_RUN = { definition: true, severityOverride: true, riskScoreOverride: true, suppression: true } as const;

/** What `ruleOfRow` reads of a stored rule. */
export type RuleAsRun = Pick<RuleRow, "definition" | "severityOverride" | "riskScoreOverride" | "suppression">;

/** The rule a stored row runs as: its definition, with severity and risk score overridden when the analyst set them. */
export function ruleOfRow(row: RuleAsRun): TRule {
  const rule = ZRule.parse(row.definition);
  return {
    ...rule,
    severity: (row.severityOverride as TRule["severity"] | null) ?? rule.severity,
    riskScore: row.riskScoreOverride ?? rule.riskScore,
    alertSuppression: suppressionOfRow(row.suppression) ?? rule.alertSuppression,
  };
}

/** The analyst's suppression setting: undefined (the rule's own), null (off), or the setting. */
function suppressionOfRow(stored: unknown): TAlertSuppression | null | undefined {
  if (stored === null || stored === undefined) return undefined;
  const s = stored as { groupBy?: unknown[] };
  if (Array.isArray(s.groupBy) && s.groupBy.length === 0) return null;
  const parsed = ZAlertSuppression.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/** Where a rule came from: shipped with Vigil, a detection-rules TOML file, or a Kibana export. */
export type RuleOrigin = "builtin" | "toml" | "kibana";
