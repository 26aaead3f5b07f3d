// GET /api/v1/alerts — filtered, keyset-paginated alerts. Scope: read.
// PATCH /api/v1/alerts — bulk triage: { ids: [...], status?, reason?, assignee? }. Analysts and admins.
import { alertJson, listAlerts, updateAlerts, ZAlertBulkUpdate, ZAlertQuery } from "@/lib/alerts";
import { ZAlertPage, ZAlertsUpdated } from "@/lib/api/responses/alerts";
import { respond, withRoute } from "@/lib/api/with-route";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read", query: ZAlertQuery }, async (_req, { query }) => {
  const { alerts, next_cursor } = await listAlerts(query);
  return respond(ZAlertPage, { alerts: alerts.map(alertJson), next_cursor });
});

export const PATCH = withRoute({ role: "analyst", audit: { action: "alert.bulk_update", target: "alert", id: () => null }, body: ZAlertBulkUpdate }, async (_req, { body: { ids, ...change } }) => {
  const updated = await updateAlerts(ids, change);
  return respond(ZAlertsUpdated, { updated });
});
