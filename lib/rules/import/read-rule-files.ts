/**
 * Rule files read into rules: detection-rules TOML (one rule per file) and Kibana export NDJSON
 * (rules with exception lists, connectors and the summary). A rule of another language (KQL,
 * ES|QL, machine learning, thresholds…) is skipped with its reason; a file or line that cannot be
 * read is an error naming the file and line. Nothing is silently lost: every rule of the input is
 * in `rules`, `skipped` or `errors`.
 */
import { parse as parseToml } from "smol-toml";
import type { TExceptionItem } from "../../exceptions";
import type { IncomingRule, SkippedRule } from "../catalog/save-rules";
import { exportedExceptions, readKibanaExport } from "../load-kibana-ndjson";
import { loadTomlRule } from "../load-toml-rule";
import { RuleLoadError } from "../rule-load-error";
import type { RuleFile } from "./rule-files";

export interface ImportError {
  file: string;
  line: number | null;
  message: string;
}

export interface ReadRules {
  rules: IncomingRule[];
  skipped: SkippedRule[];
  errors: ImportError[];
  /** Exception items of Kibana exports, on the rules that reference their lists. */
  exceptions: TExceptionItem[];
}

export function readRuleFiles(files: RuleFile[]): ReadRules {
  const out: ReadRules = { rules: [], skipped: [], errors: [], exceptions: [] };
  for (const f of files) {
    if (/\.toml$/i.test(f.name)) readToml(f, out);
    else readNdjson(f, out);
  }
  return out;
}

function readToml(f: RuleFile, out: ReadRules): void {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(f.text) as Record<string, unknown>;
  } catch (err) {
    const e = err as Error & { line?: number };
    out.errors.push({ file: f.name, line: e.line ?? null, message: `invalid TOML: ${e.message.split("\n")[0]}` });
    return;
  }
  const rule = (doc.rule ?? {}) as Record<string, unknown>;
  const language = rule.language ?? rule.type;
  if (typeof rule.rule_id === "string" && language !== "eql") {
    out.skipped.push({ file: f.name, rule_id: rule.rule_id, reason: `a ${String(rule.type)} rule${rule.language ? ` in ${String(rule.language)}` : ""}: Vigil runs EQL rules` });
    return;
  }
  try {
    out.rules.push({ rule: loadTomlRule(f.text, f.name), file: f.name, origin: "toml" });
  } catch (err) {
    out.errors.push({ file: f.name, line: null, message: err instanceof RuleLoadError ? err.reason : (err as Error).message });
  }
}

function readNdjson(f: RuleFile, out: ReadRules): void {
  const exported = readKibanaExport(f.text, f.name);
  // A new rule starts enabled when the export says it was.
  for (const rule of exported.rules) out.rules.push({ rule, file: f.name, origin: "kibana", enabled: exported.enabled.has(rule.id) });
  // Only skipped rules are reported (the summary, lists and connectors are not rules).
  for (const s of exported.skipped) if (s.ruleId) out.skipped.push({ file: f.name, rule_id: s.ruleId, reason: s.reason });
  for (const e of exported.errors) out.errors.push({ file: f.name, line: e.line ?? null, message: e.reason });
  out.exceptions.push(...exportedExceptions(exported));
}
