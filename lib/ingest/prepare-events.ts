/**
 * ingest → normalize: each received document becomes the ECS event detection reads and the row
 * it is stored as, or a reason it was refused. No database work happens here.
 */
import type { EventRow } from "./store/copy-events";
import { normalizeSource, SourceError, sourceOf } from "./normalize/sources";
import { contentId, normalizeEvent, type NormalizedEvent } from "./normalize-event";
import { validateEvent } from "./validate-event";
import { columnProblem, documentProblem } from "./store/text-safe";

/** A document to ingest. */
export interface IngestDocument {
  /** Its position in the request (results are reported by it). */
  index: number;
  doc: unknown;
  /** Elasticsearch's `_id`: overrides the event's own identity. */
  id?: string;
  /** The document's JSON text as received: what is stored. */
  raw?: string;
  /** The Elasticsearch index or data stream it was sent to: picks the source normalizer. */
  target?: string | null;
}

export interface PreparedEvent {
  index: number;
  /** The ECS event detection runs on. */
  event: Record<string, unknown>;
  columns: NormalizedEvent;
  row: EventRow;
}

export type Prepared = { ok: true; value: PreparedEvent } | { ok: false; index: number; reason: string };

export function prepareEvent(d: IngestDocument): Prepared {
  const { index, doc } = d;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return { ok: false, index, reason: "an event must be a JSON object" };
  const received = doc as Record<string, unknown>;
  const source = sourceOf(d.target, received);
  let event: Record<string, unknown>;
  try {
    event = normalizeSource(source, received);
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, index, reason: err.message };
    throw err;
  }
  const v = validateEvent(event);
  if (!v.ok) return { ok: false, index, reason: v.reason };
  const columns = normalizeEvent(event, () => contentId(received));
  if (d.id) columns.id = d.id;
  const text = d.raw ?? JSON.stringify(received);
  const problem = columnProblem(columns) ?? documentProblem(text, received, event);
  if (problem) return { ok: false, index, reason: problem };
  // The row is the columns object completed (no copy per event); the document is stored as received.
  const row: EventRow = Object.assign(columns, { source, received: text });
  return { ok: true, value: { index, event, columns: row, row } };
}
