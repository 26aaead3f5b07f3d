// POST /es/{index}/_doc — index one document; Vigil makes its id (the event's own, or a hash of it). Scope: ingest.
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { handleSingleDocument } from "@/lib/ingest/bulk/single-document";

export const dynamic = "force-dynamic";

const ZParams = z.object({ index: z.string().min(1, "the index name is empty") });

export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true, params: ZParams }, async (req, { params }) => handleSingleDocument(req, decodeURIComponent(params.index), null, "index"));
