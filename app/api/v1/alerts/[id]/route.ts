// GET /api/v1/alerts/{id} — one alert. Scope: read.
// PATCH /api/v1/alerts/{id} — { status?, reason?, assignee? }. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { alertJson, updateAlerts, ZAlertUpdate } from "@/lib/alerts";
import { AppError } from "@/lib/api/app-error";
import { withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZId = z.string().uuid("id: not an alert id");

export const GET = withRoute<{ id: string }>({ role: "viewer", scope: "read" }, async (_req, { params }) => {
  const alert = await db().alert.findUnique({ where: { id: ZId.parse(params.id) }, include: { assignee: { select: { id: true, username: true, name: true } } } });
  if (!alert) throw new AppError("not_found", "no such alert");
  return NextResponse.json(alertJson(alert));
});

export const PATCH = withRoute<{ id: string }>({ role: "analyst" }, async (req, { params }) => {
  const id = ZId.parse(params.id);
  const change = ZAlertUpdate.parse(await req.json().catch(() => ({})));
  if ((await updateAlerts([id], change)) === 0) throw new AppError("not_found", "no such alert");
  const alert = await db().alert.findUniqueOrThrow({ where: { id }, include: { assignee: { select: { id: true, username: true, name: true } } } });
  return NextResponse.json(alertJson(alert));
});
