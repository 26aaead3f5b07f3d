// PUT|POST /es/{index}/_doc/{id} — index one document under an id (an id already stored: `noop`, events are immutable). Scope: ingest.
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { handleSingleDocument } from "@/lib/ingest/bulk/single-document";

export const dynamic = "force-dynamic";

const ZParams = z.object({ index: z.string().min(1, "the index name is empty"), id: z.string().min(1, "the id is empty").max(512) });

export const PUT = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true, params: ZParams }, async (req, { params }) => handleSingleDocument(req, decodeURIComponent(params.index), decodeURIComponent(params.id), "index"));
export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true, params: ZParams }, async (req, { params }) => handleSingleDocument(req, decodeURIComponent(params.index), decodeURIComponent(params.id), "index"));
