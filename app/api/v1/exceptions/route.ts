// GET /api/v1/exceptions — list (filters rule, field, value, expired, author). Scope read.
// POST /api/v1/exceptions — create { ruleId, entries, comment, expiresAt?, enabled?, closeMatchingAlerts? }. Analysts and admins.
import { z } from "zod";
import { ZExceptionCreated, ZExceptionList } from "@/lib/api/responses/exceptions";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { closeMatchingAlerts } from "@/lib/exceptions/exception-impact";
import { createException, ZNewException } from "@/lib/exceptions/exception-store";
import { listExceptions, ZExceptionFilters } from "@/lib/exceptions/list-exceptions";

export const dynamic = "force-dynamic";

const ZCreate = ZNewException.extend({ closeMatchingAlerts: z.boolean().default(false) }).strict();

export const GET = withRoute({ role: "viewer", scope: "read", query: ZExceptionFilters }, async (_req, { query: filters }) => {
  return respond(ZExceptionList, { exceptions: await listExceptions(filters) });
});

export const POST = withRoute({ role: "analyst", audit: { action: "exception.create", target: "exception", id: (_c, a) => (a?.exception as { id?: string } | undefined)?.id, changes: ({ body }, a) => ({ ...body, closed_alerts: a?.closed_alerts }) }, body: ZCreate }, async (_req, { principal, body: { closeMatchingAlerts: close, ...input } }) => {
  const row = await createException(input, actorOf(principal));
  const closed = close ? await closeMatchingAlerts(input.ruleId, input.entries) : 0;
  return respond(ZExceptionCreated, { exception: row, closed_alerts: closed }, 201);
});
