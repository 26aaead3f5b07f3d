// GET /api/v1/alerts — filtered, keyset-paginated alerts. Scope: read.
// PATCH /api/v1/alerts — bulk triage: { ids: [...], status?, reason?, assignee? }. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { alertJson, listAlerts, updateAlerts, ZAlertQuery, ZAlertUpdate } from "@/lib/alerts";
import { withRoute } from "@/lib/api/with-route";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read" }, async (req) => {
  const query = ZAlertQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { alerts, next_cursor } = await listAlerts(query);
  return NextResponse.json({ alerts: alerts.map(alertJson), next_cursor });
});

const ZBulk = z.object({ ids: z.array(z.string().uuid()).min(1).max(10_000) }).passthrough();

export const PATCH = withRoute({ role: "analyst" }, async (req) => {
  const body = ZBulk.parse(await req.json().catch(() => ({})));
  const { ids, ...rest } = body;
  const updated = await updateAlerts(ids, ZAlertUpdate.parse(rest));
  return NextResponse.json({ updated });
});
