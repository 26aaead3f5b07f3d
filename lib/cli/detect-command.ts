import { detectBatch } from "../detect";
import { formatCondition } from "../eql";
import { ExceptionSet } from "../exceptions";
import { builtinRules, compileRule, loadRulesFromPaths, type CompiledRule } from "../rules";
import { readEvents } from "./read-events";

/** `vigil detect`: built-in rules plus the given rule files, one JSON line per alert. Returns the exit code. */
export function detectCommand(args: { rules: string[]; data?: string }, write: (line: string) => void, warn: (line: string) => void): number {
  let code = 0;
  const compiled: CompiledRule[] = builtinRules().map((r) => compileRule(r));
  const loaded = loadRulesFromPaths(args.rules);
  for (const err of loaded.errors) {
    warn(`${err.source}: ${err.reason}`);
    code = 2;
  }
  // Lines of a Kibana export that are not EQL rules: said, and not an error.
  for (const s of loaded.skipped) warn(`${s.where}: skipped: ${s.reason}`);
  for (const { rule, source } of loaded.rules) {
    try {
      compiled.push(compileRule(rule));
    } catch (err) {
      warn(`${source}: rule ${rule.id}: ${(err as Error).message.split("\n")[0]}`);
      code = 2;
    }
  }
  const events = readEvents(args.data);
  // The export's own exceptions, on the rules that reference their lists, silence their matches.
  const exceptions = new ExceptionSet(loaded.exceptions);
  if (loaded.exceptions.length) warn(`${loaded.exceptions.length} exception item(s) from the exports applied`);
  for (const hit of detectBatch(compiled, events)) {
    if (hit.events.some((e) => e && exceptions.match(hit.rule.id, e))) continue;
    write(
      JSON.stringify({
        rule: { id: hit.rule.id, name: hit.rule.name, severity: hit.rule.severity, risk_score: hit.rule.riskScore },
        join_keys: hit.joinKeys,
        events: hit.events,
        explanation: hit.explanation.map((conds) => conds.map((c) => ({ ...c, span: undefined, summary: formatCondition(c) }))),
      }),
    );
  }
  return code;
}
