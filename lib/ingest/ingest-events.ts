/**
 * ingest → normalize → detect → alert for one batch (a request, or one window of a streamed bulk
 * request), as one PostgreSQL transaction: either every accepted event and its alerts are stored,
 * or nothing is. Re-sending a batch stores no duplicate events and creates no duplicate alerts
 * (events are keyed by id, alerts by rule + event ids), so a retry after a timeout or a crash has
 * exactly-once effect.
 */
import { pendingAlert } from "../alerts/alert-from-hit";
import { db } from "../db/client";
import { inPgTransaction } from "../db/pg-pool";
import { syncRules, type DetectionHit, type Detector } from "../detect";
import { loadExceptionSet } from "../exceptions/exception-store";
import { reconstructParents } from "./normalize/reconstruct-parents";
import { markStoredId } from "./normalize-event";
import type { LineError } from "./parse-events";
import { prepareForDetection, type IngestDocument, type Prepared, type PreparedEvent } from "./prepare-events";
import { copyEvents } from "./store/copy-events";
import { encodeBlock } from "./store/document-blocks";
import { countSilenced, writeWindowAlerts, type RuleMatches } from "./store/write-alerts";

export type { IngestDocument, Prepared } from "./prepare-events";

export const RULE_WINDOW_MS = 5 * 60_000;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  alerts_created: number;
  alerts_suppressed: number;
  /** Matches silenced by an exception (no alert). */
  exceptions_applied: number;
  errors: LineError[];
  /** Per input document (by its index): stored now, already stored, or rejected. */
  outcomes: { index: number; id: string | null; status: "created" | "duplicate" | "rejected" }[];
}

/** Stores valid documents and the alerts they raise; invalid ones are reported by index. */
export async function ingestEvents(documents: IngestDocument[], parseErrors: LineError[], now = new Date()): Promise<IngestResult> {
  const detector = await syncRules();
  return ingestPrepared(
    documents.map((d) => prepareForDetection(d, detector)),
    parseErrors,
    now,
    detector,
  );
}

/** The same for documents prepared as they arrived (`prepareForDetection` with the ingest detector). */
export async function ingestPrepared(prepared: Prepared[], parseErrors: LineError[], now = new Date(), synced?: Detector): Promise<IngestResult> {
  // Rules enabled, disabled or changed since the last window (here or on another instance) take
  // effect now; a caller that synced just before (to prepare the documents) passes its detector.
  const detector = synced ?? (await syncRules());
  const errors = [...parseErrors];
  const valid: PreparedEvent[] = [];
  const seen = new Set<string>();
  const idOf = new Map<number, string>();
  let duplicates = 0;
  for (const p of prepared) {
    if (!p.ok) {
      errors.push({ index: p.index, reason: p.reason });
      continue;
    }
    const id = p.value.columns.id;
    idOf.set(p.value.index, id);
    if (seen.has(id)) {
      duplicates++;
      continue;
    }
    seen.add(id);
    // The event detection reads (or, when only its event-rule hits hold it, theirs) carries its stored id to the alerts.
    const read = p.value.event ?? p.value.early?.hits[0]?.events[0];
    if (read) markStoredId(read, id);
    valid.push(p.value);
  }
  errors.sort((a, b) => a.index - b.index);

  // Hits per event id, kept across re-runs of the window: an event goes through the detector once,
  // so a window PostgreSQL aborted and runs again does not feed a sequence matcher its events twice.
  const detected = new Map<string, readonly DetectionHit[]>();
  // The documents compress in zlib's thread pool while the transaction starts.
  const block = encodeBlock(valid.map((v) => v.row.received));
  block.catch(() => undefined);
  const result = await withDeadlockRetry(() => inPgTransaction(async (client) => {
    // auditd sources lack parent names: detection sees them filled from Vigil's process table.
    const detectable = await reconstructParents(client, valid.map((v) => ({ event: v.event, row: v.columns })));
    const fresh = await copyEvents(client, valid.map((v) => v.row), await block);
    // Only events new to Vigil are detected on (those detection has a use for), in time order.
    const order = valid.map((_, i) => i).filter((i) => (detectable[i] !== null || valid[i].early?.hits.length) && fresh.has(valid[i].columns.id));
    order.sort((a, b) => valid[a].columns.timestamp.getTime() - valid[b].columns.timestamp.getTime());
    const matched: DetectionHit[] = [];
    for (const i of order) {
      const id = valid[i].columns.id;
      let hits = detected.get(id);
      if (!hits) detected.set(id, (hits = detect(detector, valid[i], detectable[i])));
      for (const hit of hits) matched.push(hit);
    }

    // Exceptions: a rule effectively runs `query and not (item1 or item2 …)`; silenced matches are counted on their item.
    const exceptions = matched.length ? await loadExceptionSet(db(), now) : null;
    const silenced = new Map<string, number>();
    const hits = matched.filter((h) => {
      for (const e of h.events) {
        const item = e && exceptions?.match(h.rule.id, e);
        if (item) {
          silenced.set(item.id, (silenced.get(item.id) ?? 0) + 1);
          return false;
        }
      }
      return true;
    });
    await countSilenced(client, silenced, now);

    const windowStart = new Date(Math.floor(now.getTime() / RULE_WINDOW_MS) * RULE_WINDOW_MS);
    const byRule = new Map<string, RuleMatches>();
    for (const h of hits) {
      let entry = byRule.get(h.rule.id);
      if (!entry) byRule.set(h.rule.id, (entry = { rule: h.rule, matches: [] }));
      entry.matches.push(pendingAlert(h));
    }
    const { created, suppressed, grouped } = await writeWindowAlerts(client, windowStart, [...byRule.values()], now);
    return { fresh, created, suppressed: suppressed + grouped, silenced: [...silenced.values()].reduce((a, b) => a + b, 0) };
  }));

  return {
    accepted: result.fresh.size,
    duplicates: duplicates + valid.length - result.fresh.size,
    rejected: errors.length,
    alerts_created: result.created,
    alerts_suppressed: result.suppressed,
    exceptions_applied: result.silenced,
    errors,
    outcomes: outcomesOf(prepared, parseErrors, idOf, result.fresh),
  };
}

/**
 * An event's hits: those its event rules gave as it was read, with its sequence rules' now (when
 * one can use it, it was kept); or, when they did not run then, every rule's now.
 */
function detect(detector: Detector, v: PreparedEvent, event: Record<string, unknown> | null): readonly DetectionHit[] {
  const early = v.early;
  if (!early) return event ? detector.process(event, v.row.index) : [];
  if (!event) return early.hits;
  const late = detector.processSequences(event, v.row.index, early);
  return late.length === 0 ? early.hits : early.hits.length === 0 ? late : [...early.hits, ...late];
}

/**
 * Two windows holding the same event ids (a re-send racing the original) can deadlock on the
 * primary key; PostgreSQL then aborts one. The aborted window stored nothing, so it is run again.
 */
async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || i >= attempts) throw err;
    }
  }
}

function outcomesOf(documents: Prepared[], parseErrors: LineError[], idOf: Map<number, string>, fresh: Set<string>): IngestResult["outcomes"] {
  const out: IngestResult["outcomes"] = parseErrors.map((e) => ({ index: e.index, id: null, status: "rejected" }));
  const claimed = new Set<string>();
  for (const p of documents) {
    const index = p.ok ? p.value.index : p.index;
    const id = idOf.get(index);
    if (id === undefined) out.push({ index, id: null, status: "rejected" });
    else if (fresh.has(id) && !claimed.has(id)) {
      claimed.add(id);
      out.push({ index, id, status: "created" });
    } else out.push({ index, id, status: "duplicate" });
  }
  return out.sort((a, b) => a.index - b.index);
}
