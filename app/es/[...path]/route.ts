// Any other /es path: Elasticsearch's error shape with its product header (a client reads why), not an HTML page. Scope: ingest.
import { AppError } from "@/lib/api/app-error";
import { withRoute } from "@/lib/api/with-route";

export const dynamic = "force-dynamic";

const unknown = (req: Request): never => {
  throw new AppError("not_found", `Vigil takes _bulk, _doc, _create, _cluster/health and _license under /es; there is no [${req.method} ${new URL(req.url).pathname}]`);
};

export const GET = withRoute({ role: "analyst", scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
export const HEAD = withRoute({ role: "analyst", scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
export const POST = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
export const PUT = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
export const PATCH = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
export const DELETE = withRoute({ role: "analyst", audit: null, scope: "ingest", elasticsearch: true }, async (req) => unknown(req));
