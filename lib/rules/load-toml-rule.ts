import { parse as parseToml } from "smol-toml";
import { suppressionOf, ZRule, type TRule } from "./rule";
import { RuleLoadError, zodMessage } from "./rule-load-error";

type TomlTable = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);

/** Maps `[[rule.threat]]` tables (technique/subtechnique spelling) to the rule model. */
export function mapThreat(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((t: TomlTable) => ({
    framework: t.framework,
    tactic: t.tactic,
    techniques: ((t.technique as TomlTable[] | undefined) ?? []).map((tech) => ({
      id: tech.id,
      name: tech.name,
      reference: tech.reference,
      subtechniques: (tech.subtechnique as unknown[] | undefined) ?? [],
    })),
  }));
}

/** Parses one detection-rules TOML document into a Rule. Throws RuleLoadError naming the problem. */
export function loadTomlRule(text: string, source = "<toml>"): TRule {
  let doc: TomlTable;
  try {
    doc = parseToml(text) as TomlTable;
  } catch (err) {
    throw new RuleLoadError(source, `invalid TOML: ${(err as Error).message.split("\n")[0]}`);
  }
  const rule = doc.rule as TomlTable | undefined;
  const meta = (doc.metadata as TomlTable | undefined) ?? {};
  if (!rule || typeof rule !== "object") throw new RuleLoadError(source, "missing [rule] table");
  const candidate = {
    id: rule.rule_id,
    name: rule.name,
    description: str(rule.description)?.trim(),
    severity: rule.severity,
    riskScore: rule.risk_score,
    language: rule.language ?? rule.type,
    query: str(rule.query)?.trim(),
    index: strs(rule.index),
    interval: rule.interval,
    from: rule.from,
    maxSignals: rule.max_signals,
    tags: strs(rule.tags),
    threat: mapThreat(rule.threat),
    note: str(rule.note) ?? null,
    setup: str(rule.setup) ?? null,
    falsePositives: strs(rule.false_positives),
    references: strs(rule.references),
    author: strs(rule.author),
    license: str(rule.license) ?? null,
    version: typeof rule.version === "number" ? rule.version : undefined,
    maturity: str(meta.maturity) ?? null,
    timestampOverride: str(rule.timestamp_override) ?? null,
    eventCategoryOverride: str(rule.event_category_override) ?? null,
    tiebreakerField: str(rule.tiebreaker_field) ?? null,
    buildingBlock: rule.building_block_type !== undefined,
    alertSuppression: suppressionOf(rule.alert_suppression),
    stepFacts: Array.isArray((doc.vigil as TomlTable | undefined)?.step_facts) ? (doc.vigil as TomlTable).step_facts : null,
  };
  const parsed = ZRule.safeParse(candidate);
  if (!parsed.success) throw new RuleLoadError(source, zodMessage(parsed.error));
  return parsed.data;
}
