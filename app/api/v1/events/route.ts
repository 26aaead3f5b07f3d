// POST /api/v1/events — ingest one ECS event, a JSON array, or NDJSON. Scope: ingest.
// The body is read before the request takes an ingest slot (a slow client holds none); at most
// VIGIL_INGEST_MAX_EVENTS documents per request; the answer lists the first 1,000 refused lines
// and counts the rest, so its size stays bounded whatever was sent. `?index=` names the index the
// events belong to, as `/es/{index}/_bulk` does: only rules whose index patterns match it see them
// (and it picks the source's normalizer); without it every rule sees them.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { ZIngestAnswer, ZIngestRefused } from "@/lib/api/responses/ingest";
import { respond, withRoute } from "@/lib/api/with-route";
import { config } from "@/lib/config";
import { bodyLimitsInspector } from "@/lib/ingest/count-documents";
import { ingestEvents, type IngestResult } from "@/lib/ingest/ingest-events";
import { ingestGate } from "@/lib/ingest/ingest-gate";
import { parseEventsBody } from "@/lib/ingest/parse-events";
import { readIngestBody } from "@/lib/ingest/read-body";

export const dynamic = "force-dynamic";

const TYPES = ["application/json", "application/x-ndjson", "application/ndjson"];
/** Refused lines listed in an answer; the rest are counted in `errors_omitted`. */
const MAX_LISTED_ERRORS = 1000;

const ZEventsQuery = z
  .object({
    index: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[a-z0-9][^\\/*?"<>| ,#:A-Z]*$/, "index must be an Elasticsearch index name (lowercase; none of \\ / * ? \" < > | , # : or spaces)")
      .optional(),
  })
  .strict();

export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", query: ZEventsQuery }, async (req, { query }) => {
  const contentType = req.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!TYPES.includes(type)) throw new AppError("unsupported_media_type", `content type must be application/json or application/x-ndjson, not '${type || "none"}'`);
  const gate = ingestGate();
  const c = config();
  const { text, release } = await readIngestBody(req, gate, bodyLimitsInspector(type !== "application/json", c.VIGIL_INGEST_MAX_EVENTS));
  let end: (() => void) | undefined;
  try {
    const { documents, errors } = parseEventsBody(text, contentType, c.VIGIL_INGEST_MAX_LINE_BYTES);
    if (documents.length === 0 && errors.length === 0) throw new AppError("bad_request", "the body holds no events");
    // Waits briefly for a slot, as bulk requests do; still none: 429 with Retry-After.
    end = (await gate.admitWithin(c.VIGIL_INGEST_QUEUE_MS, c.VIGIL_INGEST_MAX_QUEUED)) ?? undefined;
    if (!end) throw new AppError("too_many_requests", `ingest is at capacity (waited ${c.VIGIL_INGEST_QUEUE_MS} ms for a slot); retry after 1 s`, undefined, { "retry-after": "1" });
    const target = query.index ?? null;
    const result = await gate.write(() => ingestEvents(documents.map((d) => ({ ...d, target })), errors));
    return answer(result, errors.length);
  } finally {
    end?.();
    release();
  }
});

function answer(full: IngestResult, parseErrors: number) {
  const result = { ...full, errors: full.errors.slice(0, MAX_LISTED_ERRORS), errors_omitted: Math.max(0, full.errors.length - MAX_LISTED_ERRORS) };
  if (result.accepted + result.duplicates === 0) {
    // Nothing taken: a 400 that says why (first reasons) beside the per-line errors.
    const first = result.errors.slice(0, 3).map((e) => `line ${e.index + 1}: ${e.reason}`);
    const message = `no event was accepted (${full.errors.length} refused) — ${first.join("; ")}${full.errors.length > 3 ? "; …" : ""}`;
    return respond(ZIngestRefused, { error: { code: "bad_request", message }, ...result }, 400);
  }
  return respond(ZIngestAnswer, result, parseErrors || result.rejected ? 207 : 200);
}
