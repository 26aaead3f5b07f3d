// PATCH /api/v1/users/{id} — { role }: change a user's role. Admins only; an admin cannot demote themself.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { withRoute } from "@/lib/api/with-route";
import { ROLES } from "@/lib/auth";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const PATCH = withRoute({ role: "admin", params: z.object({ id: z.string().min(1) }), body: z.object({ role: z.enum(ROLES) }).strict() }, async (_req, { principal, params, body: { role } }) => {
  if (principal.kind === "user" && principal.user.id === params.id && role !== "admin") throw new AppError("bad_request", "you cannot remove your own admin role");
  const user = await db().user.update({ where: { id: params.id }, data: { role }, select: { id: true, username: true, role: true } });
  return NextResponse.json(user);
});
