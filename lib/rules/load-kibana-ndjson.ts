import type { TExceptionEntry, TExceptionItem } from "../exceptions";
import { fromKibanaExceptionItem } from "./kibana-exceptions";
import { mapThreat } from "./load-toml-rule";
import { suppressionOf, ZRule, type TRule } from "./rule";
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
    alertSuppression: suppressionOf(raw.alert_suppression),
  });
  if (!parsed.success) throw new RuleLoadError(source, zodMessage(parsed.error));
  return parsed.data;
}

/** A line of an export that is not a rule Vigil runs, and why. */
export interface SkippedLine {
  where: string;
  reason: string;
  /** When the line is a rule (of a type Vigil does not run): its rule_id. */
  ruleId?: string;
}

/** An exception item of the export, on the rules whose `exceptions_list` names its list. */
export interface ExportedException {
  where: string;
  listId: string;
  itemId: string;
  name: string;
  entries: TExceptionEntry[];
}

export interface KibanaExport {
  rules: TRule[];
  /** For each rule id, the exception lists it references. */
  ruleLists: Map<string, string[]>;
  /** The rules the export says were enabled. */
  enabled: Set<string>;
  exceptions: ExportedException[];
  skipped: SkippedLine[];
  /** Lines that could not be read or loaded, each naming its line. */
  errors: RuleLoadError[];
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
const EQL = (o: Json) => o.language === "eql" || (o.language === undefined && o.type === "eql");

/**
 * Reads a Kibana export (saved-objects NDJSON: rules of every type, exception lists and items,
 * action connectors, the export summary). EQL rules are loaded; every other line is either used
 * (exception lists and items) or skipped with its reason. A malformed line or an EQL rule that
 * does not load is collected in `errors`, naming the line; the other lines still load.
 */
export function readKibanaExport(text: string, source = "<ndjson>"): KibanaExport {
  const out: KibanaExport = { rules: [], ruleLists: new Map(), enabled: new Set(), exceptions: [], skipped: [], errors: [] };
  text.split("\n").forEach((line, i) => {
    try {
      readLine(out, line, source, i + 1);
    } catch (err) {
      if (!(err instanceof RuleLoadError)) throw err;
      err.line = i + 1;
      out.errors.push(err);
    }
  });
  return out;
}

function readLine(out: KibanaExport, line: string, source: string, lineNo: number): void {
  const skip = (where: string, reason: string) => void out.skipped.push({ where, reason });
  if (line.trim() === "") return;
  const where = `${source}:${lineNo}`;
  let obj: Json;
  try {
    obj = JSON.parse(line) as Json;
  } catch (err) {
    throw new RuleLoadError(where, `invalid JSON: ${(err as Error).message}`);
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new RuleLoadError(where, "expected a JSON object per line");
  if ("exported_count" in obj || "exported_rules_count" in obj || "exported_exception_list_count" in obj) return skip(where, "the export summary");
  if (obj.type === "action" || (obj.attributes && typeof obj.attributes === "object" && "actionTypeId" in (obj.attributes as Json))) {
    return skip(where, "an action connector: Vigil's ticketing connectors are set up in Settings");
  }
  if (typeof obj.list_id === "string" && typeof obj.item_id === "string") {
    const converted = fromKibanaExceptionItem(obj);
    if (!converted.ok) return skip(where, `exception item '${String(obj.name ?? obj.item_id)}': ${converted.reason}`);
    out.exceptions.push({ where, listId: obj.list_id, itemId: obj.item_id, name: String(obj.name ?? obj.item_id), entries: converted.entries });
    return;
  }
  if (typeof obj.list_id === "string") return; // an exception list: its items come on their own lines
  if (typeof obj.rule_id === "string") {
    if (!EQL(obj)) {
      out.skipped.push({ where, ruleId: obj.rule_id, reason: `rule '${String(obj.name ?? obj.rule_id)}' is ${article(String(obj.type))} ${String(obj.type)} rule${obj.language ? ` in ${String(obj.language)}` : ""}: Vigil runs EQL rules` });
      return;
    }
    const rule = fromKibanaRule(obj, where);
    out.rules.push(rule);
    if (obj.enabled === true) out.enabled.add(rule.id);
    const lists = Array.isArray(obj.exceptions_list) ? (obj.exceptions_list as Json[]).map((l) => String(l.list_id)) : [];
    if (lists.length) out.ruleLists.set(rule.id, lists);
    return;
  }
  skip(where, "neither a rule, an exception list or item, nor a connector");
}

/** The EQL rules of a Kibana export (everything else is skipped; see readKibanaExport); throws its first error. */
export function loadKibanaNdjson(text: string, source = "<ndjson>"): TRule[] {
  const e = readKibanaExport(text, source);
  if (e.errors.length) throw e.errors[0];
  return e.rules;
}

/** The export's exception items as Vigil exceptions, one per item and rule that references its list. */
export function exportedExceptions(e: KibanaExport): TExceptionItem[] {
  const items: TExceptionItem[] = [];
  for (const [ruleId, lists] of e.ruleLists) {
    for (const x of e.exceptions) {
      if (lists.includes(x.listId)) items.push({ id: `${x.listId}/${x.itemId}/${ruleId}`, ruleId, entries: x.entries, comment: `imported from Kibana: ${x.name}`, enabled: true, expiresAt: null });
    }
  }
  return items;
}
