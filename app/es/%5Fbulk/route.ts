// POST /es/_bulk — Elasticsearch bulk API (NDJSON action/document pairs). Scope: ingest.
import { withRoute } from "@/lib/api/with-route";
import { handleBulk } from "@/lib/ingest/bulk/bulk-handler";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true }, async (req) => handleBulk(req, null));
