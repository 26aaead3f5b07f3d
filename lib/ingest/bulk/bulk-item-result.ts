/** One item of Elasticsearch's bulk response, from what ingest did with its document. */
import type { IngestResult } from "../ingest-events";
import type { BulkItem } from "./bulk-actions";

type Outcome = IngestResult["outcomes"][number];

const SHARDS = { total: 1, successful: 1, failed: 0 };

export function bulkItemResult(item: BulkItem, outcome: Outcome | undefined, reason: string | undefined): Record<string, unknown> {
  // Literals without a spread of common fields: V8 defines properties named after a spread through its runtime (~4 µs an item).
  const _index = item.index;
  if (item.error) return { _index, _id: item.id, status: item.error.status, error: { type: item.error.type, reason: item.error.reason } };
  if (!outcome || outcome.status === "rejected") return { _index, _id: item.id, status: 400, error: { type: "document_parsing_exception", reason: reason ?? "invalid event" } };
  const _id = outcome.id ?? item.id;
  if (outcome.status === "created") return { _index, _id, _version: 1, result: "created", status: 201, _shards: SHARDS };
  // Events are immutable: a known id is a version conflict for create (shippers count it as done), a no-op for index.
  if (item.op === "create") return { _index, _id, status: 409, error: { type: "version_conflict_engine_exception", reason: `[${_id}]: version conflict, document already exists (current version [1])` } };
  return { _index, _id, _version: 1, result: "noop", status: 200, _shards: SHARDS };
}

// No _seq_no or _primary_term: Vigil has no shards to number writes in, and a made-up 0 would mislead
// a client doing optimistic concurrency (Elasticsearch omits them too where they do not apply).
const CREATED_TAIL = `"_version":1,"result":"created","status":201,"_shards":{"total":1,"successful":1,"failed":0}}}`;

/**
 * The item as JSON text. The common case (stored now) is written as text directly: a bulk request
 * answers thousands of them, and building then serializing an object for each costs more.
 */
export function bulkItemJson(item: BulkItem, outcome: Outcome | undefined, reason: string | undefined): { json: string; error: boolean } {
  if (!item.error && outcome?.status === "created") {
    return { json: `{"${item.op}":{"_index":${JSON.stringify(item.index)},"_id":${JSON.stringify(outcome.id ?? item.id)},${CREATED_TAIL}`, error: false };
  }
  const body = bulkItemResult(item, outcome, reason);
  return { json: JSON.stringify({ [item.op]: body }), error: body.error !== undefined };
}
