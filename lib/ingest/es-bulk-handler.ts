import { AppError } from "../api/app-error";
import { bulkResponse, parseBulk } from "./es-bulk";
import { ES_HEADERS } from "./es-handshake";
import { ingestEvents } from "./ingest-events";
import { readBodyLimited } from "./read-body";

/** POST /es/_bulk and /es/{index}/_bulk: Elasticsearch's bulk API over Vigil's ingest (one transaction per request). */
export async function handleBulk(req: Request, index: string | null): Promise<Response> {
  const started = performance.now();
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type && !["application/x-ndjson", "application/json", "application/vnd.elasticsearch+x-ndjson"].includes(type)) {
    throw new AppError("unsupported_media_type", `Content-Type header [${type}] is not supported`);
  }
  const parsed = parseBulk(await readBodyLimited(req), index);
  const result = await ingestEvents(parsed.documents, []);
  return new Response(JSON.stringify(bulkResponse(parsed, result, Math.round(performance.now() - started))), { headers: ES_HEADERS });
}
