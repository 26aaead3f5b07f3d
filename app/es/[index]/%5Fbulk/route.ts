// POST /es/{index}/_bulk — Elasticsearch bulk API with a default index. Scope: ingest.
import { withRoute } from "@/lib/api/with-route";
import { handleBulk } from "@/lib/ingest/bulk/bulk-handler";

export const dynamic = "force-dynamic";

export const POST = withRoute<{ index: string }>({ role: "analyst", scope: "ingest" }, async (req, { params }) => handleBulk(req, decodeURIComponent(params.index)));
