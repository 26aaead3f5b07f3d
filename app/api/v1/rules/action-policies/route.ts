// GET /api/v1/rules/action-policies — actions for every rule at or above a severity, with how their
// messages stand. Analysts and read keys. POST — { name, min_severity, actions: { targets,
// throttle_minutes, template }, enabled? }: create one. Admins.
import { ZActionPolicyList, ZActionPolicySaved } from "@/lib/api/responses/rules";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { createActionPolicy, listActionPolicies, ZActionPolicyInput } from "@/lib/rules/actions/action-policies";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "analyst", scope: "read" }, async () => {
  return respond(ZActionPolicyList, { policies: await listActionPolicies(db()) });
});

export const POST = withRoute({ role: "admin", body: ZActionPolicyInput, audit: { action: "action_policy.create", target: "action_policy", id: (_c, a) => (a?.policy as { id?: string } | undefined)?.id } }, async (_req, { principal, body }) => {
  return respond(ZActionPolicySaved, { policy: await createActionPolicy(db(), body, actorOf(principal).name) }, 201);
});
