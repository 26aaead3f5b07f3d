/**
 * Elasticsearch's single-document APIs over Vigil's ingest: `POST /es/{index}/_doc` (an id is
 * made), `PUT|POST /es/{index}/_doc/{id}` (index) and `PUT|POST /es/{index}/_create/{id}`
 * (create). The document goes through the same path as one bulk item — validation, detection,
 * exceptions, one transaction — and the answer is Elasticsearch's: 201 created, 200 `noop` for an
 * id already stored by `index` (events are immutable), 409 for one already stored by `create`,
 * 400 `document_parsing_exception` naming what is wrong.
 */
import { AppError } from "../../api/app-error";
import { syncRules } from "../../detect";
import { config } from "../../config";
import { ES_HEADERS } from "../es-handshake";
import { esErrorBody } from "../es-errors";
import { ingestPrepared } from "../ingest-events";
import { ingestGate } from "../ingest-gate";
import { prepareForDetection } from "../prepare-events";
import { readIngestBody } from "../read-body";
import { bulkItemResult } from "./bulk-item-result";

const TYPES = ["application/json", "application/x-ndjson", "application/vnd.elasticsearch+json"];

export async function handleSingleDocument(req: Request, index: string, id: string | null, op: "create" | "index"): Promise<Response> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type && !TYPES.includes(type)) throw new AppError("unsupported_media_type", `Content-Type header [${type}] is not supported`);
  const gate = ingestGate();
  const { text, release } = await readIngestBody(req, gate, undefined, config().VIGIL_INGEST_MAX_LINE_BYTES);
  let end: (() => void) | undefined;
  try {
    if (text.trim() === "") throw new AppError("bad_request", "request body is required");
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return answer(400, esErrorBody(400, "bad_request", `failed to parse: ${(err as Error).message}`, "document_parsing_exception"));
    }
    end = gate.admit();
    const prepared = prepareForDetection({ index: 0, doc, raw: text, bytes: Buffer.from(text), target: index, id: id ?? undefined }, await syncRules());
    const result = await gate.write(() => ingestPrepared([prepared], []));
    const item = { op, index, id };
    const body = bulkItemResult(item, result.outcomes[0], result.errors[0]?.reason);
    const { status, error, ...rest } = body as { status: number; error?: { type: string; reason: string } };
    if (error) return answer(status, esErrorBody(status, status === 409 ? "conflict" : "bad_request", error.reason, error.type));
    return new Response(JSON.stringify(rest), { status, headers: ES_HEADERS });
  } finally {
    end?.();
    release();
  }
}

const answer = (status: number, body: ReturnType<typeof esErrorBody>): Response => new Response(JSON.stringify(body), { status, headers: ES_HEADERS });
