/**
 * Elasticsearch's bulk protocol, so Beats and Elastic Agent can ship straight to Vigil: NDJSON
 * action/document pairs in, per-item results out in Elasticsearch's shape. Events are immutable:
 * `create` of a known `_id` is a 409 version conflict (shippers treat it as done), `index` of one
 * is a no-op; `update` and `delete` are refused per item.
 */
import { AppError } from "../api/app-error";
import type { IngestDocument, IngestResult } from "./ingest-events";

type Meta = { _index?: unknown; _id?: unknown };
interface Item {
  op: string;
  index: string;
  id: string | null;
  /** Position of its document among the documents sent to ingest; null when the item failed before. */
  doc: number | null;
  error?: { status: number; type: string; reason: string };
}

export interface ParsedBulk {
  items: Item[];
  documents: IngestDocument[];
}

/** Splits a bulk body; a malformed action line fails the whole request, as in Elasticsearch. */
export function parseBulk(text: string, defaultIndex: string | null): ParsedBulk {
  const lines = text.split("\n");
  const items: Item[] = [];
  const documents: IngestDocument[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    let action: Record<string, Meta>;
    try {
      action = JSON.parse(line);
    } catch {
      throw new AppError("bad_request", `Malformed action/metadata line [${i + 1}], expected a JSON object`);
    }
    const ops = action && typeof action === "object" && !Array.isArray(action) ? Object.keys(action) : [];
    if (ops.length !== 1) throw new AppError("bad_request", `Malformed action/metadata line [${i + 1}], expected one of create, index, update, delete`);
    const op = ops[0];
    const meta = (action[op] ?? {}) as Meta;
    const index = typeof meta._index === "string" ? meta._index : defaultIndex;
    if (!index) throw new AppError("bad_request", `action/metadata line [${i + 1}]: index is missing`);
    const id = typeof meta._id === "string" && meta._id !== "" ? meta._id : null;
    if (op === "delete") {
      items.push({ op, index, id, doc: null, error: { status: 400, type: "illegal_argument_exception", reason: "Vigil keeps events as received: delete is not supported" } });
      continue;
    }
    if (!["create", "index", "update"].includes(op)) throw new AppError("bad_request", `Malformed action/metadata line [${i + 1}], unknown action [${op}]`);
    const source = lines[++i];
    if (source === undefined || source.trim() === "") {
      items.push({ op, index, id, doc: null, error: { status: 400, type: "action_request_validation_exception", reason: "Validation Failed: 1: source is missing;" } });
      continue;
    }
    if (op === "update") {
      items.push({ op, index, id, doc: null, error: { status: 400, type: "illegal_argument_exception", reason: "Vigil keeps events as received: update is not supported" } });
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(source);
    } catch (err) {
      items.push({ op, index, id, doc: null, error: { status: 400, type: "document_parsing_exception", reason: `failed to parse: ${(err as Error).message}` } });
      continue;
    }
    const position = documents.length;
    documents.push({ index: position, doc, ...(id ? { id } : {}) });
    items.push({ op, index, id, doc: position });
  }
  if (items.length === 0) throw new AppError("bad_request", "request body is required");
  return { items, documents };
}

/** The bulk response: one entry per action, in order, with Elasticsearch's statuses. */
export function bulkResponse(parsed: ParsedBulk, result: IngestResult, tookMs: number) {
  const reasons = new Map(result.errors.map((e) => [e.index, e.reason]));
  const outcome = new Map(result.outcomes.map((o) => [o.index, o]));
  let errors = false;
  const items = parsed.items.map((item) => {
    const base = { _index: item.index, _id: item.id };
    let body: Record<string, unknown>;
    if (item.error) body = { ...base, status: item.error.status, error: { type: item.error.type, reason: item.error.reason } };
    else {
      const o = outcome.get(item.doc!)!;
      const id = o.id ?? item.id;
      if (o.status === "created") body = { ...base, _id: id, _version: 1, result: "created", status: 201, _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 0, _primary_term: 1 };
      else if (o.status === "duplicate" && item.op === "create")
        body = { ...base, _id: id, status: 409, error: { type: "version_conflict_engine_exception", reason: `[${id}]: version conflict, document already exists (current version [1])` } };
      else if (o.status === "duplicate") body = { ...base, _id: id, _version: 1, result: "noop", status: 200, _shards: { total: 1, successful: 1, failed: 0 } };
      else body = { ...base, status: 400, error: { type: "document_parsing_exception", reason: reasons.get(item.doc!) ?? "invalid event" } };
    }
    if (body.error) errors = true;
    return { [item.op]: body };
  });
  return { took: tookMs, errors, items };
}
