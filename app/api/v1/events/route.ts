// POST /api/v1/events — ingest one ECS event, a JSON array, or NDJSON. Scope: ingest.
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/api/with-route";
import { ingestEvents, type IngestResult } from "@/lib/ingest/ingest-events";
import { ingestGate } from "@/lib/ingest/ingest-gate";
import { parseEventsBody } from "@/lib/ingest/parse-events";
import { readBodyLimited } from "@/lib/ingest/read-body";
import { AppError } from "@/lib/api/app-error";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "analyst", scope: "ingest" }, async (req) => {
  const contentType = req.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!["application/json", "application/x-ndjson", "application/ndjson"].includes(type)) {
    throw new AppError("unsupported_media_type", `content type must be application/json or application/x-ndjson, not '${type || "none"}'`);
  }
  const gate = ingestGate();
  const end = gate.admit();
  try {
    const text = await readBodyLimited(req);
    const { documents, errors } = parseEventsBody(text, contentType);
    if (documents.length === 0 && errors.length === 0) throw new AppError("bad_request", "the body holds no events");
    const result = await gate.write(() => ingestEvents(documents, errors));
    return respond(result, errors.length);
  } finally {
    end();
  }
});

function respond(result: IngestResult, parseErrors: number) {
  const status = result.accepted + result.duplicates === 0 ? 400 : parseErrors || result.rejected ? 207 : 200;
  return NextResponse.json(result, { status });
}
