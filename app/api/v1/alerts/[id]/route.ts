// GET /api/v1/alerts/{id} — one alert. Scope: read.
// PATCH /api/v1/alerts/{id} — { status?, reason?, assignee? }. Analysts and admins.
import { alertJson, updateAlerts, ZAlertUpdate } from "@/lib/alerts";
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZAlertJson } from "@/lib/api/responses/alerts";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZParams = idParams("alert");

export const GET = withRoute({ role: "viewer", scope: "read", params: ZParams }, async (_req, { params }) => {
  const alert = await db().alert.findUnique({ where: { id: params.id }, include: { assignee: { select: { id: true, username: true, name: true } } } });
  if (!alert) throw new AppError("not_found", "no such alert");
  return respond(ZAlertJson, alertJson(alert));
});

export const PATCH = withRoute({ role: "analyst", audit: { action: "alert.update", target: "alert" }, params: ZParams, body: ZAlertUpdate }, async (_req, { params: { id }, body: change }) => {
  if ((await updateAlerts([id], change)) === 0) throw new AppError("not_found", "no such alert");
  const alert = await db().alert.findUniqueOrThrow({ where: { id }, include: { assignee: { select: { id: true, username: true, name: true } } } });
  return respond(ZAlertJson, alertJson(alert));
});
