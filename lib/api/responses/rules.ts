/** The rules API's answers: `/api/v1/rules`, one rule, bulk actions and imports. */
import { z } from "zod";
import { zJson, zTime, zTimeOrNull } from "./common";

export const ZRuleSummaryJson = z.object({
  id: z.string(),
  rule_id: z.string(),
  name: z.string(),
  severity: z.string(),
  risk_score: z.number().int(),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  index: z.array(z.string()),
  interval: z.string(),
  from: z.string(),
  max_signals: z.number().int(),
  version: z.number().int(),
  threat: zJson,
  status: z.string(),
  error: z.string().nullable(),
  origin: z.string(),
  last_match_at: zTimeOrNull,
  alerts_24h: z.number().int(),
  alerts_total: z.number().int(),
  over_cap_24h: z.number().int(),
  /** Stored events the rule never saw (before it was enabled, or while it was off), until a back-fill covers them. */
  gap: z.object({ from: zTime, to: zTime }).nullable(),
});

export const ZRuleList = z.object({ rules: z.array(ZRuleSummaryJson), next_cursor: z.string().nullable(), total: z.number().int() });

export const ZRuleDetail = z.object({
  rule: ZRuleSummaryJson.extend({
    description: z.string(),
    query: z.string(),
    language: z.string(),
    note: z.string().nullable(),
    setup: z.string().nullable(),
    false_positives: z.array(z.string()),
    references: z.array(z.string()),
    author: z.array(z.string()),
    license: z.string().nullable(),
    building_block: z.boolean(),
    source_file: z.string().nullable(),
    severity_override: z.string().nullable(),
    risk_score_override: z.number().int().nullable(),
    /** The alert suppression in force (the analyst's, else the rule's own); `from_rule`: the rule's own. */
    suppression: z.object({ group_by: z.array(z.string()), duration_ms: z.number().int().nullable(), missing_fields: z.string(), from_rule: z.boolean() }).nullable(),
    /** Messages on new alerts: targets, throttle and template (lib/rules/actions/rule-actions.ts). */
    actions: zJson,
    action_state: z.object({ last_sent_at: zTimeOrNull, sent: z.number().int(), failed: z.number().int(), last_error: z.string().nullable(), last_error_at: zTimeOrNull }).nullable(),
    /** Per hour of the last 7 days, oldest first: alerts created and matches over the cap. */
    matches_by_hour: z.array(z.object({ hour: z.string(), alerts: z.number().int(), over_cap: z.number().int() })),
    created_at: zTime,
    updated_at: zTime,
  }),
});

export const ZRuleUpdated = z.object({ rule: ZRuleSummaryJson });
export const ZRulesBulkUpdated = z.object({ updated: z.number().int() });

export const ZRuleImportResult = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  skipped: z.array(z.object({ file: z.string(), rule_id: z.string(), reason: z.string() })),
  errors: z.array(z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string() })),
  ids: z.array(z.string()),
  ignored: z.array(z.string()),
  exceptions: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
});

/** Actions for every rule at or above a severity, with how their messages stand. */
export const ZActionPolicyJson = z.object({
  id: z.string(),
  name: z.string(),
  min_severity: z.string(),
  actions: zJson,
  enabled: z.boolean(),
  created_by: z.string(),
  created_at: zTime,
  updated_at: zTime,
  state: z.object({ sent: z.number().int(), failed: z.number().int(), last_sent_at: zTimeOrNull, last_error: z.string().nullable(), last_error_at: zTimeOrNull }),
});
export const ZActionPolicyList = z.object({ policies: z.array(ZActionPolicyJson) });
export const ZActionPolicySaved = z.object({ policy: ZActionPolicyJson });
