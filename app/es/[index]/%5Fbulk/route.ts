// POST /es/{index}/_bulk — Elasticsearch bulk API with a default index. Scope: ingest.
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { handleBulk } from "@/lib/ingest/bulk/bulk-handler";

export const dynamic = "force-dynamic";

const ZIndexParams = z.object({ index: z.string().min(1, "the index name is empty") });

export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true, params: ZIndexParams }, async (req, { params }) => handleBulk(req, decodeURIComponent(params.index)));
