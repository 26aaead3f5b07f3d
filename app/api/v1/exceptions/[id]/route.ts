// GET /api/v1/exceptions/{id} — the item and its audit trail. Scope read.
// PATCH — change entries, comment, expiry or enabled. DELETE — remove (the audit trail stays). Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { deleteException, updateException, ZExceptionPatch } from "@/lib/exceptions/exception-store";

export const dynamic = "force-dynamic";

const ZId = z.string().uuid("id: not an exception id");

export const GET = withRoute<{ id: string }>({ role: "viewer", scope: "read" }, async (_req, { params }) => {
  const id = ZId.parse(params.id);
  const item = await db().exceptionItem.findUnique({ where: { id } });
  if (!item) throw new AppError("not_found", "no such exception");
  const audit = await db().exceptionAudit.findMany({ where: { exceptionId: id }, orderBy: { at: "asc" } });
  return NextResponse.json({ exception: item, audit });
});

export const PATCH = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const patch = ZExceptionPatch.parse(await req.json().catch(() => ({})));
  return NextResponse.json({ exception: await updateException(ZId.parse(params.id), patch, actorOf(principal)) });
});

export const DELETE = withRoute<{ id: string }>({ role: "analyst" }, async (_req, { principal, params }) => {
  await deleteException(ZId.parse(params.id), actorOf(principal));
  return NextResponse.json({ deleted: params.id });
});
