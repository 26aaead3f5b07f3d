/** Generated events as ingest stores them (normalized for their source, validated, as rows), for benchmarks that write rows themselves. */
import { indexFor } from "../../lib/demo/source-shapes";
import { sniffSource } from "../../lib/ingest/normalize/sources";
import { prepareEvent } from "../../lib/ingest/prepare-events";
import type { EventRow } from "../../lib/ingest/store/copy-events";
import { encodeBlock, type DocumentBlock } from "../../lib/ingest/store/document-blocks";

export function preparedRows(events: Record<string, unknown>[]): EventRow[] {
  return events.flatMap((doc, index) => {
    const source = sniffSource(doc);
    const p = prepareEvent({ index, doc, target: source === "ecs" ? null : indexFor(source) });
    return p.ok ? [p.value.row] : [];
  });
}

/** The rows in windows of `size`, each with its block of documents, as ingest stores them. */
export async function preparedWindows(rows: EventRow[], size: number): Promise<{ rows: EventRow[]; block: DocumentBlock }[]> {
  const windows: { rows: EventRow[]; block: DocumentBlock }[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size);
    windows.push({ rows: slice, block: await encodeBlock(slice.map((r) => r.received)) });
  }
  return windows;
}
