/**
 * "What would this rule have found?": a stored rule or a draft query run over the stored events of
 * a time range, exactly as ingest runs it (storage order, each window in time order, index
 * patterns, parents reconstructed), with exceptions applied. Answers the first matches with the
 * engine's explanation, how many there were, how many events were read and how long it took.
 */
import { z } from "zod";
import { alertFromHit } from "../../alerts/alert-from-hit";
import { AppError } from "../../api/app-error";
import { db } from "../../db/client";
import { Detector, type DetectionHit } from "../../detect";
import { EqlError } from "../../eql/errors";
import { loadExceptionSet } from "../../exceptions/exception-store";
import { compileRule, type CompiledRule } from "../compile-rule";
import { RULE_AS_RUN, ruleOfRow } from "../catalog/rule-record";
import { ZRule, type TRule } from "../rule";
import { storedEvents } from "./scan-stored-events";

export const ZPreviewRequest = z
  .object({
    /** A rule of the catalogue (its id)… */
    rule: z.string().uuid("not a rule id").optional(),
    /** …or a draft EQL query. */
    query: z.string().min(1).max(100_000).optional(),
    /** Index patterns for a draft (comma-separated, Elasticsearch syntax); a stored rule uses its own. */
    index: z.string().max(2000).optional(),
    from: z.coerce.date({ message: "from must be a date" }),
    to: z.coerce.date({ message: "to must be a date" }).optional(),
    /** Matches answered in full (the rest are counted). */
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine((r) => (r.rule === undefined) !== (r.query === undefined), "give either rule or query")
  .refine((r) => !r.to || r.to > r.from, "to must be after from");
export type TPreviewRequest = z.infer<typeof ZPreviewRequest>;

/** The rule a request runs: the stored one (as it runs, overrides applied), or a draft with defaults. */
export async function ruleForRequest(req: Pick<TPreviewRequest, "rule" | "query" | "index">): Promise<CompiledRule> {
  let rule: TRule;
  if (req.rule) {
    const row = await db().rule.findUnique({ where: { id: req.rule }, select: RULE_AS_RUN });
    if (!row) throw new AppError("not_found", "no rule with this id");
    rule = ruleOfRow(row);
  } else {
    rule = ZRule.parse({ id: "preview", name: "Draft query", severity: "low", riskScore: 0, language: "eql", query: req.query, index: req.index ? req.index.split(",").map((s) => s.trim()).filter(Boolean) : [] });
  }
  try {
    return compileRule(rule);
  } catch (err) {
    if (err instanceof EqlError) throw new AppError("bad_request", `query: ${err.line}:${err.column} ${err.reason}\n${err.excerpt}`);
    throw err;
  }
}

export interface RuleScan {
  hits: DetectionHit[];
  silenced: number;
  scanned: number;
}

/** Runs one rule over the stored events of a range, calling `onWindow` with each window's surviving hits. */
export async function scanRule(compiled: CompiledRule, range: { from: Date; to: Date }, onWindow: (hits: DetectionHit[], scanned: number) => Promise<void> | void): Promise<{ scanned: number; matched: number; silenced: number }> {
  const detector = new Detector([compiled]);
  const exceptions = await loadExceptionSet(db());
  const stats = { scanned: 0 };
  let matched = 0;
  let silenced = 0;
  const keep = (h: DetectionHit) => {
    if (h.events.some((e) => e && exceptions.match(h.rule.id, e))) {
      silenced++;
      return false;
    }
    return true;
  };
  for await (const events of storedEvents(range, { ast: compiled.ast, categoryOverride: compiled.rule.eventCategoryOverride }, stats)) {
    const hits: DetectionHit[] = [];
    for (const e of events) for (const h of detector.process(e.event, e.index)) if (keep(h)) hits.push(h);
    matched += hits.length;
    await onWindow(hits, stats.scanned);
  }
  const tail = detector.flush().filter(keep);
  matched += tail.length;
  await onWindow(tail, stats.scanned);
  return { scanned: stats.scanned, matched, silenced };
}

export async function previewRule(req: TPreviewRequest, now = new Date()) {
  const started = performance.now();
  const compiled = await ruleForRequest(req);
  const shown: ReturnType<typeof matchJson>[] = [];
  const range = { from: req.from, to: req.to ?? now };
  const result = await scanRule(compiled, range, (hits) => {
    for (const h of hits) if (shown.length < req.limit) shown.push(matchJson(h));
  });
  const tookMs = Math.round(performance.now() - started);
  return {
    rule: { id: req.rule ?? null, rule_id: compiled.rule.id, name: compiled.rule.name, index: compiled.rule.index },
    from: range.from,
    to: range.to,
    matches: shown,
    matches_total: result.matched,
    silenced_by_exceptions: result.silenced,
    events_scanned: result.scanned,
    took_ms: tookMs,
    events_per_second: tookMs > 0 ? Math.round((result.scanned / tookMs) * 1000) : result.scanned,
  };
}

function matchJson(h: DetectionHit) {
  const a = alertFromHit(h);
  return { event_ids: a.eventIds, event_time: a.eventTimestamp, host: a.hostName, user: a.userName, process: a.processName, command_line: a.commandLine, join_keys: h.joinKeys, explanation: a.explanation };
}
