/**
 * Back-fill: a rule run over the stored events of a time range creates the alerts it finds, as a
 * background job whose progress is kept in `rule_run`. Alerts go through the same writer as ingest
 * (keyed by rule + event ids, so running twice creates nothing twice), after exceptions, under the
 * rule's cap per 5-minute window of the events' own time. A run that covers the rule's gap (stored
 * events it never saw) fills it.
 */
import { pendingAlert } from "../../alerts/alert-from-hit";
import { AppError } from "../../api/app-error";
import { db } from "../../db/client";
import { inPgTransaction } from "../../db/pg-pool";
import type { DetectionHit } from "../../detect";
import { RULE_WINDOW_MS } from "../../ingest/ingest-events";
import { writeWindowAlerts, type AlertRule, type PendingMatch } from "../../ingest/store/write-alerts";
import { ruleForRequest, scanRule } from "./preview-rule";
import { countStoredEvents } from "./scan-stored-events";

/** A run that has not reported progress for this long died with its server. */
const STALE_MS = 60_000;

/** Starts a back-fill of a stored rule; answers the run at once (status running), the work goes on in the background. */
export async function startBackfill(ruleCatalogId: string, range: { from: Date; to: Date }, actorName: string) {
  const compiled = await ruleForRequest({ rule: ruleCatalogId });
  const stored = await db().rule.findUniqueOrThrow({ where: { id: ruleCatalogId }, select: { status: true } });
  if (stored.status === "failed") throw new AppError("conflict", "this rule's query does not compile");
  const total = await countStoredEvents(range);
  const run = await db().ruleRun.create({ data: { ruleId: ruleCatalogId, from: range.from, to: range.to, total, actorName } });
  const finished = (async () => {
    try {
      const counts = { created: 0, suppressed: 0, matched: 0 };
      const result = await scanRule(compiled, range, async (hits, scanned) => {
        if (hits.length) Object.assign(counts, await writeHits(compiled.rule, hits, counts));
        await db().ruleRun.update({ where: { id: run.id }, data: { scanned, matched: counts.matched, created: counts.created, suppressed: counts.suppressed, updatedAt: new Date() } });
      });
      await db().ruleRun.update({ where: { id: run.id }, data: { status: "done", scanned: result.scanned, silenced: result.silenced, finishedAt: new Date(), updatedAt: new Date() } });
      // A run over the whole of the rule's gap fills it.
      await db().rule.updateMany({ where: { id: ruleCatalogId, gapFrom: { gte: range.from }, gapTo: { lte: range.to } }, data: { gapFrom: null, gapTo: null } });
    } catch (err) {
      await db().ruleRun.update({ where: { id: run.id }, data: { status: "failed", error: (err as Error).message.slice(0, 2000), finishedAt: new Date(), updatedAt: new Date() } }).catch(() => undefined);
    }
  })();
  return { run, finished };
}

async function writeHits(rule: AlertRule, hits: DetectionHit[], counts: { created: number; suppressed: number; matched: number }) {
  const byWindow = new Map<number, PendingMatch[]>();
  for (const h of hits) {
    const match = pendingAlert(h);
    const start = Math.floor(match.at.getTime() / RULE_WINDOW_MS) * RULE_WINDOW_MS;
    const list = byWindow.get(start);
    if (list) list.push(match);
    else byWindow.set(start, [match]);
  }
  const out = { ...counts, matched: counts.matched + hits.length };
  await inPgTransaction(async (client) => {
    for (const [start, matches] of [...byWindow].sort(([a], [b]) => a - b)) {
      // Suppression windows run on the events' own time in a back-fill.
      const r = await writeWindowAlerts(client, new Date(start), [{ rule, matches }], new Date(start + RULE_WINDOW_MS));
      out.created += r.created;
      out.suppressed += r.suppressed + r.grouped;
    }
  });
  return out;
}

/** A rule's back-fills, newest first; a run whose server died is answered as failed. */
export async function ruleRuns(ruleCatalogId: string, now = new Date()) {
  const runs = await db().ruleRun.findMany({ where: { ruleId: ruleCatalogId }, orderBy: { startedAt: "desc" }, take: 20 });
  return runs.map((r) => (r.status === "running" && now.getTime() - r.updatedAt.getTime() > STALE_MS ? { ...r, status: "failed", error: "interrupted: the server stopped during the run" } : r));
}
