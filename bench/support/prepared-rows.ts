/** Generated events as ingest stores them (normalized for their source, validated, as rows), for benchmarks that write rows themselves. */
import { indexFor } from "../../lib/demo/source-shapes";
import { sniffSource } from "../../lib/ingest/normalize/sources";
import { prepareEvent } from "../../lib/ingest/prepare-events";
import type { EventRow } from "../../lib/ingest/store/copy-events";

export function preparedRows(events: Record<string, unknown>[]): EventRow[] {
  return events.flatMap((doc, index) => {
    const source = sniffSource(doc);
    const p = prepareEvent({ index, doc, target: source === "ecs" ? null : indexFor(source) });
    return p.ok ? [p.value.row] : [];
  });
}
