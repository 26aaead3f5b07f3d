// GET /api/v1/audit — the audit log, newest first. Filters: actor (id or name), action, target_type,
// target_id, from, to; keyset `cursor`. Admins only.
import { ZAuditPage } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { listAudit, ZAuditQuery } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "admin", query: ZAuditQuery }, async (_req, { query }) => respond(ZAuditPage, await listAudit(query)));
