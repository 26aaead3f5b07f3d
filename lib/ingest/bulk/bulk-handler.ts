/**
 * POST /es/_bulk and /es/{index}/_bulk — Elasticsearch's bulk API over Vigil's ingest, streamed:
 * the body is read line by line and stored in windows (each one transaction: its events and their
 * alerts, or nothing). Each document is prepared as it arrives: the window keeps its row and its
 * bytes as received, and its parsed form only when a rule may use it. While one window is written
 * the next is parsed; the reader waits for the writer, so memory stays at two windows whatever the
 * body's size. A request that fits one window (every Beats batch) is all-or-nothing for
 * request-level errors, as in Elasticsearch; in a longer request, windows before a malformed
 * action line stay stored — re-sending is safe, since every event is recognised by its id.
 */
import { AppError } from "../../api/app-error";
import { config } from "../../config";
import { decodedBody } from "../../http/content-encoding";
import { ES_HEADERS } from "../es-handshake";
import { applyFilterPath, descend, parseFilterPath, type FilterPath } from "../es-filter-path";
import { syncRules } from "../../detect";
import { ingestPrepared, type IngestResult } from "../ingest-events";
import { ingestGate } from "../ingest-gate";
import { prepareForDetection, type Prepared } from "../prepare-events";
import { BulkActionReader, type BulkItem } from "./bulk-actions";
import { bulkItemJson } from "./bulk-item-result";
import { ndjsonLines } from "./ndjson-lines";
import { ResultSpool } from "./result-spool";

/** Limits, from the configuration: body (default 2 GiB), line (1 MiB), window (2,000 documents or 4 MiB). */
export const bulkLimits = (c = config()) => ({
  maxBytes: c.VIGIL_BULK_MAX_BYTES,
  maxLineBytes: c.VIGIL_INGEST_MAX_LINE_BYTES,
  windowDocs: c.VIGIL_BULK_WINDOW_DOCS,
  windowBytes: c.VIGIL_BULK_WINDOW_BYTES,
});

const TYPES = ["application/x-ndjson", "application/json", "application/vnd.elasticsearch+x-ndjson"];

export async function handleBulk(req: Request, defaultIndex: string | null): Promise<Response> {
  const started = performance.now();
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type && !TYPES.includes(type)) throw new AppError("unsupported_media_type", `Content-Type header [${type}] is not supported`);
  const c = config();
  const limits = bulkLimits(c);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw new AppError("payload_too_large", `body of ${declared} bytes exceeds the limit of ${limits.maxBytes} bytes`);

  // filter_path (Beats send errors,items.*.error,items.*.status): applied to each item as it is spooled.
  const answer = bulkAnswerFilter(parseFilterPath(new URL(req.url).searchParams.get("filter_path")));
  const gate = ingestGate();
  // A request takes an ingest slot once its body flows: a client that connects and stalls holds none.
  let end: (() => void) | undefined;
  const spool = new ResultSpool();
  let writing: Promise<void> = Promise.resolve();
  let stored = 0;
  try {
    const reader = new BulkActionReader(defaultIndex);
    const detector = await syncRules();
    let errors = false;
    // The window's items and, for those with a document, the document prepared as it arrived.
    let window: BulkItem[] = [];
    let prepared: Prepared[] = [];
    let windowBytes = 0;

    const write = async (items: BulkItem[], documents: Prepared[]) => {
      const result = await gate.write(() => ingestPrepared(documents, []));
      stored += items.length;
      const bodies = resultsOf(items, result);
      if (bodies.some((b) => b.error)) errors = true;
      await spool.add(answer.items(bodies.map((b) => b.json)));
    };
    // Starts writing the window once the one before is stored (results stay in order), and returns at once to parse the next.
    const flush = async () => {
      if (window.length === 0) return;
      const items = window;
      const documents = prepared;
      window = [];
      prepared = [];
      windowBytes = 0;
      await writing;
      writing = write(items, documents);
      writing.catch(() => undefined);
    };

    // gzip and deflate bodies (Beats' default) are decompressed as they arrive; the limits count decompressed bytes.
    // Not admitted within the queue time: every item is answered 429, unread documents, nothing stored.
    let rejecting = false;
    const rejected: BulkItem[] = [];
    for await (const lines of ndjsonLines(decodedBody(req), limits)) {
      if (!end && !rejecting) {
        end = (await gate.admitWithin(c.VIGIL_INGEST_QUEUE_MS, c.VIGIL_INGEST_MAX_QUEUED)) ?? undefined;
        rejecting = !end;
      }
      for (const line of lines) {
        const item = reader.feed(line.text, line.number, line.bytes);
        if (!item) continue;
        if (rejecting) {
          rejected.push(item);
          if (rejected.length >= limits.windowDocs) await spool.add(answer.items(rejected.splice(0).map(rejectedItemJson)));
          continue;
        }
        windowBytes += item.raw?.length ?? 0;
        if (!item.error) {
          // Prepared now, so the parsed document is garbage at once unless detection may use it.
          prepared.push(prepareForDetection({ index: window.length, doc: item.doc, raw: item.raw, bytes: item.bytes, target: item.index, id: item.id ?? undefined }, detector));
          item.doc = item.raw = item.bytes = undefined;
        }
        window.push(item);
        if (window.length >= limits.windowDocs || windowBytes >= limits.windowBytes) await flush();
      }
    }
    const last = reader.finish();
    if (last) (rejecting ? rejected : window).push(last); // an error item: no document
    await flush();
    await writing;
    if (rejecting) {
      errors = true;
      await spool.add(answer.items(rejected.map(rejectedItemJson)));
    }
    if (reader.items === 0) throw new AppError("bad_request", "request body is required");
    const took = Math.round(performance.now() - started);
    const { head, tail } = answer.frame(took, errors, spool.count > 0);
    return new Response(await spool.body(head, tail), { headers: ES_HEADERS });
  } catch (err) {
    // A window being written when the body turned out bad finishes first (it is one transaction either way).
    await writing.catch(() => undefined);
    await spool.discard();
    if (err instanceof AppError && stored > 0) {
      throw new AppError(err.code, `${err.message} (the ${stored} items before it were processed and stored; re-sending the request is safe)`, err.details, err.headers);
    }
    throw err;
  } finally {
    end?.();
  }
}

/** What the answer keeps under a filter_path: which items (and which of their fields), and the frame around them. */
function bulkAnswerFilter(filter: FilterPath | null) {
  if (!filter) return { items: (jsons: string[]) => jsons, frame: (took: number, errors: boolean) => ({ head: `{"took":${took},"errors":${errors},"items":[`, tail: "]}" }) };
  const itemFilter = { include: descend(filter.include, "items"), exclude: descend(filter.exclude, "items") };
  const wantItems = (filter.include.length === 0 || itemFilter.include.length > 0) && !itemFilter.exclude.some((p) => p.length === 0);
  return {
    items: (jsons: string[]) => {
      if (!wantItems) return [];
      const kept: string[] = [];
      for (const json of jsons) {
        const item = applyFilterPath([JSON.parse(json)], itemFilter) as unknown[] | undefined;
        if (item?.length) kept.push(JSON.stringify(item[0]));
      }
      return kept;
    },
    frame: (took: number, errors: boolean, anyItems: boolean) => {
      const top = JSON.stringify(applyFilterPath({ took, errors }, filter) ?? {});
      if (!anyItems) return { head: top, tail: "" };
      return { head: `${top.slice(0, -1)}${top === "{}" ? "" : ","}"items":[`, tail: "]}" };
    },
  };
}

const REJECTED: BulkItem["error"] = { status: 429, type: "es_rejected_execution_exception", reason: "rejected execution: Vigil's ingest is at capacity; retry this item" };

/** An item refused because ingest stayed at capacity for the whole queue time (clients retry exactly these); an item already in error keeps its own. */
const rejectedItemJson = (item: BulkItem): string => bulkItemJson({ ...item, error: item.error ?? REJECTED }, undefined, undefined).json;

function resultsOf(items: BulkItem[], result: IngestResult): { json: string; error: boolean }[] {
  const reasons = new Map(result.errors.map((e) => [e.index, e.reason]));
  const outcomes = new Map(result.outcomes.map((o) => [o.index, o]));
  return items.map((item, index) => bulkItemJson(item, outcomes.get(index), reasons.get(index)));
}
