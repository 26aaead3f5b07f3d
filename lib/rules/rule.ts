import { z } from "zod";

/** One ATT&CK technique (or sub-technique) of a rule's threat mapping. */
export const ZTechnique = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  reference: z.string().default(""),
  subtechniques: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1), reference: z.string().default("") }))
    .default([]),
});

/** A tactic with its techniques, as `[[rule.threat]]` writes it. */
export const ZThreat = z.object({
  framework: z.string().default("MITRE ATT&CK"),
  tactic: z.object({ id: z.string().min(1), name: z.string().min(1), reference: z.string().default("") }),
  techniques: z.array(ZTechnique).default([]),
});

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

/**
 * Elastic's alert suppression: one alert per group (the values of `groupBy`) and window; the
 * matches it holds back are counted on that alert with their first and last time. `durationMs`
 * null: the rule's interval. Events missing a group field are grouped together ("suppress") or
 * each alerted ("doNotSuppress").
 */
export const ZAlertSuppression = z
  .object({
    groupBy: z.array(z.string().min(1)).min(1, "group by at least one field").max(3, "group by at most three fields"),
    durationMs: z.number().int().positive().max(30 * 86_400_000).nullable().default(null),
    missingFields: z.enum(["suppress", "doNotSuppress"]).default("suppress"),
  })
  .strict();
export type TAlertSuppression = z.infer<typeof ZAlertSuppression>;

/** Vigil's one rule type, whatever format the rule came in. */
export const ZRule = z.object({
  id: z.string().min(1, "rule_id is required"),
  name: z.string().min(1, "name is required"),
  description: z.string().default(""),
  severity: z.enum(SEVERITIES),
  riskScore: z.number().int().min(0).max(100),
  language: z.enum(["eql"], { message: "only EQL rules are supported" }),
  query: z.string().min(1, "query is required"),
  index: z.array(z.string()).default([]),
  /** How often the rule runs, e.g. "5m". */
  interval: z.string().regex(/^\d+[smhd]$/, "interval must look like 5m").default("5m"),
  /** Look-back in date math, e.g. "now-9m". */
  from: z.string().regex(/^now-\d+[smhd]$/, "from must look like now-9m").default("now-6m"),
  maxSignals: z.number().int().positive().default(100),
  tags: z.array(z.string()).default([]),
  threat: z.array(ZThreat).default([]),
  note: z.string().nullable().default(null),
  setup: z.string().nullable().default(null),
  falsePositives: z.array(z.string()).default([]),
  references: z.array(z.string()).default([]),
  author: z.array(z.string()).default([]),
  license: z.string().nullable().default(null),
  version: z.number().int().positive().default(1),
  maturity: z.string().nullable().default(null),
  timestampOverride: z.string().nullable().default(null),
  eventCategoryOverride: z.string().nullable().default(null),
  tiebreakerField: z.string().nullable().default(null),
  buildingBlock: z.boolean().default(false),
  /**
   * Per investigation step of the guide, the fields shown beside it (`related_alerts` for the other
   * alerts of the user or host); null: worked out from the step's text and the query's fields.
   */
  stepFacts: z.array(z.array(z.string())).nullable().default(null),
  alertSuppression: ZAlertSuppression.nullable().default(null),
});

export type TRule = z.infer<typeof ZRule>;
export type TThreat = z.infer<typeof ZThreat>;

/** `alert_suppression` as detection-rules TOML and Kibana exports write it, in the rule model's shape (undefined when absent). */
export function suppressionOf(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as { group_by?: unknown; duration?: { value?: unknown; unit?: unknown }; missing_fields_strategy?: unknown };
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[String(r.duration?.unit)];
  return {
    groupBy: r.group_by,
    durationMs: r.duration && unit && typeof r.duration.value === "number" ? r.duration.value * unit : null,
    missingFields: r.missing_fields_strategy === "doNotSuppress" ? "doNotSuppress" : "suppress",
  };
}

/** Interval or look-back like "5m" or "now-9m" in milliseconds. */
export function durationMs(text: string): number {
  const m = /(\d+)([smhd])$/.exec(text);
  if (!m) return 0;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s"];
}
