// PATCH /api/v1/rules/action-policies/{id} — { name?, min_severity?, actions?, enabled? }.
// DELETE — remove it (with where its messages stood). Admins; both audited.
import { NextResponse } from "next/server";
import { idParams } from "@/lib/api/params";
import { ZActionPolicySaved } from "@/lib/api/responses/rules";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { deleteActionPolicy, updateActionPolicy, ZActionPolicyPatch } from "@/lib/rules/actions/action-policies";

export const dynamic = "force-dynamic";

const ZParams = idParams("action policy");

export const PATCH = withRoute({ role: "admin", params: ZParams, body: ZActionPolicyPatch, audit: { action: "action_policy.update", target: "action_policy" } }, async (_req, { params, body }) => {
  return respond(ZActionPolicySaved, { policy: await updateActionPolicy(db(), params.id, body) });
});

export const DELETE = withRoute({ role: "admin", params: ZParams, audit: { action: "action_policy.delete", target: "action_policy" } }, async (_req, { params }) => {
  await deleteActionPolicy(db(), params.id);
  return new NextResponse(null, { status: 204 });
});
