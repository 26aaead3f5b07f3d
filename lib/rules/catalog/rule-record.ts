/** A stored rule (the `rule` table) read back as the rule model, with the analyst's overrides applied. */
import type { Rule as RuleRow } from "../../generated/prisma/client";
import { ZRule, type TRule } from "../rule";

export type { RuleRow };

/** The rule a stored row runs as: its definition, with severity and risk score overridden when the analyst set them. */
export function ruleOfRow(row: Pick<RuleRow, "definition" | "severityOverride" | "riskScoreOverride">): TRule {
  const rule = ZRule.parse(row.definition);
  return {
    ...rule,
    severity: (row.severityOverride as TRule["severity"] | null) ?? rule.severity,
    riskScore: row.riskScoreOverride ?? rule.riskScore,
  };
}

/** Where a rule came from: shipped with Vigil, a detection-rules TOML file, or a Kibana export. */
export type RuleOrigin = "builtin" | "toml" | "kibana";
