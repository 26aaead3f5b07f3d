// GET /api/v1/cases — newest first. Scope read.
// POST /api/v1/cases — { alertIds, title?, description?, severity?, tags? }. Analysts and admins.
import { ZCaseCreated, ZCaseList } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { createCase, ZNewCase } from "@/lib/cases/cases";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read" }, async () => {
  const cases = await db().case.findMany({ orderBy: { createdAt: "desc" }, take: 500, include: { _count: { select: { alerts: true } }, assignee: { select: { username: true } } } });
  return respond(ZCaseList, { cases: cases.map(({ _count, assignee, ...c }) => ({ ...c, alert_count: _count.alerts, assignee: assignee?.username ?? null })) });
});

export const POST = withRoute({ role: "analyst", audit: { action: "case.create", target: "case", id: (_c, a) => (a?.case as { id?: string } | undefined)?.id }, body: ZNewCase }, async (_req, { principal, body: input }) => {
  return respond(ZCaseCreated, { case: await createCase(input, actorOf(principal).name) }, 201);
});
