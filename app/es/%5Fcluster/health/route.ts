// GET /es/_cluster/health — what monitoring and shippers check: green while Vigil's database answers. Scope: ingest.
import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/api/app-error";
import { db } from "@/lib/db/client";
import { clusterHealth, ES_HEADERS } from "@/lib/ingest/es-handshake";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "analyst", scope: "ingest", elasticsearch: true }, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    throw new AppError("unavailable", "Vigil's database does not answer");
  }
  return new Response(JSON.stringify(clusterHealth()), { headers: ES_HEADERS });
});
