// GET /api/v1/me — the signed-in user. PATCH /api/v1/me — { name }: the display name is the owner's
// to change; the username is not (the audit log and timelines must stay attached to the person).
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { ZMe } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZMePatch = z.object({ name: z.string().trim().min(1, "name: say what to call you").max(128) }).strict();

export const GET = withRoute({ role: "viewer" }, async (_req, { principal }) => {
  if (principal.kind !== "user") throw new AppError("bad_request", "an API key has no account");
  const { id, username, name, role } = principal.user;
  return respond(ZMe, { id, username, name, role });
});

export const PATCH = withRoute({ role: "viewer", audit: { action: "user.rename_self", target: "user", id: ({ principal }) => (principal.kind === "user" ? principal.user.id : null) }, body: ZMePatch }, async (_req, { principal, body }) => {
  if (principal.kind !== "user") throw new AppError("bad_request", "an API key has no account");
  const u = await db().user.update({ where: { id: principal.user.id }, data: { name: body.name }, select: { id: true, username: true, name: true, role: true } });
  return respond(ZMe, u);
});
