// GET /api/v1/exceptions/{id} — the item and its audit trail. Scope read.
// PATCH — change entries, comment, expiry or enabled. DELETE — remove (the audit trail stays). Analysts and admins.
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZExceptionDeleted, ZExceptionUpdated, ZExceptionWithHistory } from "@/lib/api/responses/exceptions";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { deleteException, updateException, ZExceptionPatch } from "@/lib/exceptions/exception-store";

export const dynamic = "force-dynamic";

const ZParams = idParams("exception");

export const GET = withRoute({ role: "viewer", scope: "read", params: ZParams }, async (_req, { params: { id } }) => {
  const item = await db().exceptionItem.findUnique({ where: { id } });
  if (!item) throw new AppError("not_found", "no such exception");
  const audit = await db().exceptionAudit.findMany({ where: { exceptionId: id }, orderBy: { at: "asc" } });
  return respond(ZExceptionWithHistory, { exception: item, audit });
});

export const PATCH = withRoute({ role: "analyst", audit: { action: "exception.update", target: "exception" }, params: ZParams, body: ZExceptionPatch }, async (_req, { principal, params, body: patch }) => {
  return respond(ZExceptionUpdated, { exception: await updateException(params.id, patch, actorOf(principal)) });
});

export const DELETE = withRoute({ role: "analyst", audit: { action: "exception.delete", target: "exception" }, params: ZParams }, async (_req, { principal, params }) => {
  await deleteException(params.id, actorOf(principal));
  return respond(ZExceptionDeleted, { deleted: params.id });
});
