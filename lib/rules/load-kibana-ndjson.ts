import { mapThreat } from "./load-toml-rule";
import { ZRule, type TRule } from "./rule";
import { RuleLoadError, zodMessage } from "./rule-load-error";

type Json = Record<string, unknown>;

/** Maps one rule object of a Kibana export (saved-objects NDJSON) to the rule model. */
export function fromKibanaRule(raw: Json, source: string): TRule {
  const parsed = ZRule.safeParse({
    id: raw.rule_id,
    name: raw.name,
    description: raw.description,
    severity: raw.severity,
    riskScore: raw.risk_score,
    language: raw.language ?? raw.type,
    query: raw.query,
    index: raw.index,
    interval: raw.interval,
    from: raw.from,
    maxSignals: raw.max_signals,
    tags: raw.tags,
    // Kibana writes `technique`/`subtechnique` like the TOML files do.
    threat: mapThreat(raw.threat),
    note: raw.note ?? null,
    setup: raw.setup ?? null,
    falsePositives: raw.false_positives,
    references: raw.references,
    author: raw.author,
    license: raw.license ?? null,
    version: raw.version,
    timestampOverride: raw.timestamp_override ?? null,
    eventCategoryOverride: raw.event_category_override ?? null,
    tiebreakerField: raw.tiebreaker_field ?? null,
    buildingBlock: raw.building_block_type !== undefined,
  });
  if (!parsed.success) throw new RuleLoadError(source, zodMessage(parsed.error));
  return parsed.data;
}

/**
 * Parses a Kibana rule export: one JSON object per line; the trailing export summary
 * (`exported_count`) and exception-list lines are skipped. A bad line throws with its number.
 */
export function loadKibanaNdjson(text: string, source = "<ndjson>"): TRule[] {
  const rules: TRule[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${source}:${i + 1}`;
    let obj: Json;
    try {
      obj = JSON.parse(line) as Json;
    } catch (err) {
      throw new RuleLoadError(where, `invalid JSON: ${(err as Error).message}`);
    }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new RuleLoadError(where, "expected a JSON object per line");
    if ("exported_count" in obj || "exported_rules_count" in obj || "list_id" in obj) return;
    rules.push(fromKibanaRule(obj, where));
  });
  return rules;
}
