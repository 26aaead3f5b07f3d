import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { TExceptionItem } from "../exceptions";
import { exportedExceptions, readKibanaExport, type SkippedLine } from "./load-kibana-ndjson";
import { loadTomlRule } from "./load-toml-rule";
import type { TRule } from "./rule";
import { RuleLoadError } from "./rule-load-error";

export interface LoadedRules {
  rules: { rule: TRule; source: string }[];
  errors: RuleLoadError[];
  /** Lines of Kibana exports that are not EQL rules, each with its reason. */
  skipped: SkippedLine[];
  /** Exception items of Kibana exports, on the rules that reference their lists. */
  exceptions: TExceptionItem[];
}

const RULE_FILE = /\.(toml|ndjson|json)$/i;

/** Loads every rule file under the given files or folders (recursively); bad files are collected, not thrown. */
export function loadRulesFromPaths(paths: string[]): LoadedRules {
  const out: LoadedRules = { rules: [], errors: [], skipped: [], exceptions: [] };
  const visit = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.errors.push(new RuleLoadError(p, "no such file or folder"));
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = path.join(p, name);
        if (statSync(child).isDirectory() || RULE_FILE.test(name)) visit(child);
      }
      return;
    }
    try {
      const text = readFileSync(p, "utf8");
      if (/\.toml$/i.test(p)) out.rules.push({ rule: loadTomlRule(text, p), source: p });
      else {
        const exported = readKibanaExport(text, p);
        for (const rule of exported.rules) out.rules.push({ rule, source: p });
        out.skipped.push(...exported.skipped);
        out.errors.push(...exported.errors);
        out.exceptions.push(...exportedExceptions(exported));
      }
    } catch (err) {
      out.errors.push(err instanceof RuleLoadError ? err : new RuleLoadError(p, (err as Error).message));
    }
  };
  paths.forEach(visit);
  return out;
}
