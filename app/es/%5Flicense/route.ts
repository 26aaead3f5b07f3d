// GET /es/_license — the license check Beats make before sending.
import { withRoute } from "@/lib/api/with-route";
import { ES_HEADERS, licenseInfo } from "@/lib/ingest/es-handshake";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "analyst", scope: "ingest", elasticsearch: true }, async () => new Response(JSON.stringify(licenseInfo()), { headers: ES_HEADERS }));
