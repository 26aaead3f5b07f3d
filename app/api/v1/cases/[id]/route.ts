// GET /api/v1/cases/{id} — the case with alerts, observables, ATT&CK, comments and timeline. Scope read.
// PATCH — { title?, description?, severity?, status?, assignee?, tags? }. Analysts and admins.
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZCaseJson } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { loadCase, updateCase, ZCasePatch } from "@/lib/cases/cases";
import { caseJson } from "@/lib/cases/export-case";

export const dynamic = "force-dynamic";

const ZParams = idParams("case");

export const GET = withRoute({ role: "viewer", scope: "read", params: ZParams }, async (_req, { params }) => {
  const c = await loadCase(params.id);
  if (!c) throw new AppError("not_found", "no such case");
  return respond(ZCaseJson, caseJson(c));
});

export const PATCH = withRoute({ role: "analyst", audit: { action: "case.update", target: "case" }, params: ZParams, body: ZCasePatch }, async (_req, { principal, params, body: patch }) => {
  await updateCase(params.id, patch, actorOf(principal).name);
  return respond(ZCaseJson, caseJson((await loadCase(params.id))!));
});
