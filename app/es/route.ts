// GET /es — the Elasticsearch banner Beats and Elastic Agent read first (point their output at http(s)://vigil/es).
import { withRoute } from "@/lib/api/with-route";
import { clusterInfo, ES_HEADERS } from "@/lib/ingest/es-handshake";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "analyst", scope: "ingest", elasticsearch: true }, async () => new Response(JSON.stringify(clusterInfo()), { headers: ES_HEADERS }));
