// GET /api/v1/cases/{id} — the case with alerts, observables, ATT&CK, comments and timeline. Scope read.
// PATCH — { title?, description?, severity?, status?, assignee?, tags? }. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { loadCase, updateCase, ZCasePatch } from "@/lib/cases/cases";
import { caseJson } from "@/lib/cases/export-case";

export const dynamic = "force-dynamic";

const ZId = z.string().uuid("id: not a case id");

export const GET = withRoute<{ id: string }>({ role: "viewer", scope: "read" }, async (_req, { params }) => {
  const c = await loadCase(ZId.parse(params.id));
  if (!c) throw new AppError("not_found", "no such case");
  return NextResponse.json(caseJson(c));
});

export const PATCH = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const patch = ZCasePatch.parse(await req.json().catch(() => ({})));
  await updateCase(ZId.parse(params.id), patch, actorOf(principal).name);
  return NextResponse.json(caseJson((await loadCase(params.id))!));
});
