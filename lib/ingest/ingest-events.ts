/**
 * ingest → normalize → detect → alert, as one transaction per request: either every accepted
 * event and its alerts are stored, or nothing is. Re-sending a batch stores no duplicate events
 * and creates no duplicate alerts (events are keyed by id, alerts by rule + event ids).
 */
import { alertFromHit } from "../alerts/alert-from-hit";
import { db } from "../db/client";
import { ingestDetector, type DetectionHit } from "../detect";
import { loadExceptionSet } from "../exceptions/exception-store";
import { insertEvents } from "./insert-events";
import { reconstructParents } from "./normalize/reconstruct-parents";
import { markStoredId, normalizeEvent, type NormalizedEvent } from "./normalize-event";
import type { LineError } from "./parse-events";
import { validateEvent } from "./validate-event";

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

/** A document to ingest; `id` (Elasticsearch's `_id`) overrides the event's own identity. */
export interface IngestDocument {
  index: number;
  doc: unknown;
  id?: string;
}

/** Stores valid documents and the alerts they raise; invalid ones are reported by index. */
export async function ingestEvents(documents: IngestDocument[], parseErrors: LineError[], now = new Date()): Promise<IngestResult> {
  const errors = [...parseErrors];
  const valid: { event: Record<string, unknown>; row: NormalizedEvent }[] = [];
  const seen = new Set<string>();
  const idOf = new Map<number, string>();
  let duplicates = 0;
  for (const { index, doc, id } of documents) {
    const v = validateEvent(doc);
    if (!v.ok) {
      errors.push({ index, reason: v.reason });
      continue;
    }
    const row = normalizeEvent(v.event);
    if (id) row.id = id;
    idOf.set(index, row.id);
    if (seen.has(row.id)) {
      duplicates++;
      continue;
    }
    seen.add(row.id);
    valid.push({ event: v.event, row });
  }
  errors.sort((a, b) => a.index - b.index);

  const result = await db().$transaction(async (tx) => {
    const fresh = await insertEvents(tx, valid.map(({ event, row }) => ({ ...row, doc: event })));
    duplicates += valid.length - fresh.size;
    // Only events new to Vigil are detected on, in time order.
    const newEvents = valid.filter((v) => fresh.has(v.row.id)).sort((a, b) => a.row.timestamp.getTime() - b.row.timestamp.getTime());
    const detector = ingestDetector();
    const matched: DetectionHit[] = [];
    // auditd sources lack parent names: detection sees them filled from Vigil's process table.
    for (const v of newEvents) markStoredId(v.event, v.row.id);
    for (const event of await reconstructParents(tx, newEvents)) matched.push(...detector.process(event));
    // Exceptions: a rule effectively runs `query and not (item1 or item2 …)`; silenced matches are counted on their item.
    const exceptions = matched.length ? await loadExceptionSet(tx, now) : null;
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
    for (const [id, n] of silenced) await tx.exceptionItem.update({ where: { id }, data: { suppressedCount: { increment: n }, lastSuppressedAt: now } });

    let created = 0;
    let suppressed = 0;
    const windowStart = new Date(Math.floor(now.getTime() / RULE_WINDOW_MS) * RULE_WINDOW_MS);
    const byRule = new Map<string, DetectionHit[]>();
    for (const h of hits) byRule.set(h.rule.id, [...(byRule.get(h.rule.id) ?? []), h]);
    for (const [ruleId, ruleHits] of byRule) {
      const rule = ruleHits[0].rule;
      // The rule's "maximum alerts per execution" is its cap per 5-minute window.
      const cap = rule.maxSignals;
      const window = await tx.ruleWindow.upsert({
        where: { ruleId_windowStart: { ruleId, windowStart } },
        create: { ruleId, windowStart },
        update: {},
      });
      const room = Math.max(0, cap - window.created);
      const rows = await tx.alert.createManyAndReturn({
        data: ruleHits.slice(0, room).map((h) => {
          const alert = alertFromHit(h);
          return { ...alert, threat: alert.threat as object, explanation: alert.explanation as object };
        }),
        skipDuplicates: true,
        select: { id: true },
      });
      const over = Math.max(0, ruleHits.length - room);
      created += rows.length;
      suppressed += over;
      await tx.ruleWindow.update({
        where: { ruleId_windowStart: { ruleId, windowStart } },
        data: { created: { increment: rows.length }, suppressed: { increment: over } },
      });
    }
    return { accepted: fresh.size, fresh, created, suppressed, silenced: [...silenced.values()].reduce((a, b) => a + b, 0) };
  });

  return {
    accepted: result.accepted,
    duplicates,
    rejected: errors.length,
    alerts_created: result.created,
    alerts_suppressed: result.suppressed,
    exceptions_applied: result.silenced,
    errors,
    outcomes: outcomesOf(documents, parseErrors, idOf, result.fresh),
  };
}

function outcomesOf(documents: IngestDocument[], parseErrors: LineError[], idOf: Map<number, string>, fresh: Set<string>): IngestResult["outcomes"] {
  const out: IngestResult["outcomes"] = parseErrors.map((e) => ({ index: e.index, id: null, status: "rejected" }));
  const claimed = new Set<string>();
  for (const { index } of documents) {
    const id = idOf.get(index);
    if (id === undefined) out.push({ index, id: null, status: "rejected" });
    else if (fresh.has(id) && !claimed.has(id)) {
      claimed.add(id);
      out.push({ index, id, status: "created" });
    } else out.push({ index, id, status: "duplicate" });
  }
  return out.sort((a, b) => a.index - b.index);
}
