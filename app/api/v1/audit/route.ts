// GET /api/v1/audit — the audit log, newest first. Filters: actor (id or name), action, target_type,
// target_id, from, to; keyset `cursor`. Admins only.
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/api/with-route";
import { listAudit, ZAuditQuery } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "admin", query: ZAuditQuery }, async (_req, { query }) => NextResponse.json(await listAudit(query)));
