/**
 * ingest → normalize: each received document becomes the ECS event detection reads and the row
 * it is stored as, or a reason it was refused. No database work happens here.
 */
import type { EventRow } from "./store/copy-events";
import { normalizeSource, SourceError, sourceOf } from "./normalize/sources";
import { contentId, normalizeEvent, type NormalizedEvent } from "./normalize-event";
import { validateEvent } from "./validate-event";
import { columnProblem, documentProblem } from "./store/text-safe";
import { mayBeReconstructed, RECONSTRUCTABLE } from "./normalize/reconstruct-parents";
import type { Detector, EarlyDetection } from "../detect";

/** A document to ingest. */
export interface IngestDocument {
  /** Its position in the request (results are reported by it). */
  index: number;
  doc: unknown;
  /** Elasticsearch's `_id`: overrides the event's own identity. */
  id?: string;
  /** The document's JSON text as received. */
  raw?: string;
  /** Its bytes as received, when the caller has them: what is stored (else the text is encoded). */
  bytes?: Uint8Array;
  /** The Elasticsearch index or data stream it was sent to: picks the source normalizer. */
  target?: string | null;
}

export interface PreparedEvent {
  index: number;
  /** The ECS event detection runs on; null once it is known detection has no use for it (see prepareForDetection). */
  event: Record<string, unknown> | null;
  columns: NormalizedEvent;
  row: EventRow;
  /**
   * What detection found as the event was read (see prepareForDetection): the event rules' hits
   * and the sequence rules to feed it to in its window; null when every rule waits for the window
   * (parents to reconstruct first). `event` is null when no sequence rule can use it.
   */
  early?: EarlyDetection | null;
}

export type Prepared = { ok: true; value: PreparedEvent } | { ok: false; index: number; reason: string };

export function prepareEvent(d: IngestDocument): Prepared {
  const { index, doc } = d;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return { ok: false, index, reason: "an event must be a JSON object" };
  const received = doc as Record<string, unknown>;
  const source = sourceOf(d.target, received);
  let normalized: Record<string, unknown>;
  try {
    normalized = normalizeSource(source, received);
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, index, reason: err.message };
    throw err;
  }
  const v = validateEvent(normalized);
  if (!v.ok) return { ok: false, index, reason: v.reason };
  // As the ECS mapping indexes it (a copy when anything was coerced; `received` is never changed).
  const event = v.event;
  const columns = normalizeEvent(event, () => contentId(received));
  if (d.id) columns.id = d.id;
  const text = d.raw ?? JSON.stringify(received);
  const problem = columnProblem(columns) ?? documentProblem(text, received, event);
  if (problem) return { ok: false, index, reason: problem };
  // The row is the columns object completed (no copy per event); the document is stored as received.
  const row: EventRow = Object.assign(columns, { source, index: d.target ?? null, received: d.bytes ?? text });
  return { ok: true, value: { index, event, columns: row, row } };
}

/**
 * The document prepared, keeping its event only if the detector may use it (with reconstructable
 * parent fields counted as unknown). A window waits for storage with thousands of documents; most
 * match no rule, and dropping their parsed form at once keeps them out of the retained heap.
 * The event rules, which keep no state, run now, while the event is in cache; their hits count
 * only if the event turns out to be new. Sequences wait for the window (new events only, in time
 * order), and so does every rule for an event whose parent fields are still to be reconstructed;
 * an event no sequence term can meet is not kept for them.
 */
export function prepareForDetection(d: IngestDocument, detector: Detector): Prepared {
  const p = prepareEvent(d);
  if (p.ok) {
    const { event, columns } = p.value;
    if (event && mayBeReconstructed(event, columns)) {
      if (!detector.mayMatch(event, RECONSTRUCTABLE)) p.value.event = null;
    } else if (event) {
      // One look-up in the rule index: the event rules' hits, and whether a sequence rule can use it.
      const early = (p.value.early = detector.readEvent(event, d.target));
      // Kept for the window only if a sequence rule can use it (its hits hold it otherwise).
      if (early.sequences.length === 0) p.value.event = null;
    }
  }
  return p;
}
