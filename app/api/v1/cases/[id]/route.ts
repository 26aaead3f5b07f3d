// GET /api/v1/cases/{id} — the case with alerts, observables, ATT&CK, comments and timeline. Scope read.
// PATCH — { title?, description?, severity?, status?, assignee?, tags? }. Analysts and admins.
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZCaseJson } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { loadCase, updateCase, ZCasePatch } from "@/lib/cases/cases";
import { caseJson } from "@/lib/cases/export-case";
import { publicUrl } from "@/lib/config";
import { db } from "@/lib/db/client";
import { closeTickets } from "@/lib/connectors/close-tickets";

export const dynamic = "force-dynamic";

const ZParams = idParams("case");

export const GET = withRoute({ role: "viewer", scope: "read", params: ZParams }, async (_req, { params }) => {
  const c = await loadCase(params.id);
  if (!c) throw new AppError("not_found", "no such case");
  return respond(ZCaseJson, caseJson(c));
});

export const PATCH = withRoute({ role: "analyst", audit: { action: "case.update", target: "case" }, params: ZParams, body: ZCasePatch }, async (_req, { principal, params, body: patch }) => {
  const before = await db().case.findUnique({ where: { id: params.id }, select: { status: true } });
  if (!before) throw new AppError("not_found", "no such case");
  await updateCase(params.id, patch, actorOf(principal).name);
  // Closed here: its tickets are closed too where the ticketing system lets Vigil (outcomes in the timeline).
  if (patch.status === "closed" && before.status !== "closed") await closeTickets(params.id, actorOf(principal).name, publicUrl());
  return respond(ZCaseJson, caseJson((await loadCase(params.id))!));
});
