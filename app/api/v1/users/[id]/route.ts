// PATCH /api/v1/users/{id} — { role?, name?, disabled?, password? }: change a role or display name,
// disable or enable, reset the password. DELETE /api/v1/users/{id}. Admins only; never the last
// enabled admin, never oneself; the username does not change.
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZUserJson } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { deleteUser, updateUser, ZUserPatch } from "@/lib/users/manage-users";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: z.string().min(1).max(64) });
const actorId = (p: { kind: string; user?: { id: string } }) => (p.kind === "user" ? p.user!.id : null);

export const PATCH = withRoute({ role: "admin", audit: { action: "user.update", target: "user" }, params: ZParams, body: ZUserPatch }, async (_req, { principal, params, body }) =>
  respond(ZUserJson, await updateUser(params.id, body, actorId(principal))),
);

export const DELETE = withRoute({ role: "admin", audit: { action: "user.delete", target: "user" }, params: ZParams }, async (_req, { principal, params }) => {
  await deleteUser(params.id, actorId(principal));
  return new NextResponse(null, { status: 204 });
});
