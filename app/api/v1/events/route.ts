// POST /api/v1/events — ingest one ECS event, a JSON array, or NDJSON. Scope: ingest.
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/api/with-route";
import { ingestEvents, type IngestResult } from "@/lib/ingest/ingest-events";
import { ingestGate } from "@/lib/ingest/ingest-gate";
import { parseEventsBody } from "@/lib/ingest/parse-events";
import { readBodyLimited } from "@/lib/ingest/read-body";
import { bulkLimits } from "@/lib/ingest/bulk/bulk-handler";
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
    const { documents, errors } = parseEventsBody(text, contentType, bulkLimits().maxLineBytes);
    if (documents.length === 0 && errors.length === 0) throw new AppError("bad_request", "the body holds no events");
    const result = await gate.write(() => ingestEvents(documents, errors));
    return respond(result, errors.length);
  } finally {
    end();
  }
});

function respond(result: IngestResult, parseErrors: number) {
  if (result.accepted + result.duplicates === 0) {
    // Nothing taken: a 400 that says why (first reasons) beside the per-line errors.
    const first = result.errors.slice(0, 3).map((e) => `line ${e.index + 1}: ${e.reason}`);
    const message = `no event was accepted (${result.errors.length} refused) — ${first.join("; ")}${result.errors.length > 3 ? "; …" : ""}`;
    return NextResponse.json({ error: { code: "bad_request", message }, ...result }, { status: 400 });
  }
  return NextResponse.json(result, { status: parseErrors || result.rejected ? 207 : 200 });
}
