// GET /api/v1/users — list users. POST /api/v1/users — { username, name, password, role }. Admins only.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { ZUserCreated, ZUserList } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { createUser, ROLES } from "@/lib/auth";
import { passwordProblem, ZPassword } from "@/lib/auth/password-policy";
import { db } from "@/lib/db/client";
import { userJson } from "@/lib/users/manage-users";

export const dynamic = "force-dynamic";

const ZNewUser = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/, "3 to 32 letters, digits, '.', '_' or '-'"),
    name: z.string().min(1).max(128),
    password: ZPassword,
    role: z.enum(ROLES),
  })
  .strict()
  .superRefine((u, ctx) => {
    // The account's own names are the first guesses.
    const problem = passwordProblem(u.password, [u.username, u.name]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const GET = withRoute({ role: "admin" }, async () => {
  const users = await db().user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, username: true, name: true, role: true, banned: true, createdAt: true } });
  return respond(ZUserList, { users: users.map(userJson) });
});

export const POST = withRoute({ role: "admin", audit: { action: "user.create", target: "user" }, body: ZNewUser }, async (_req, { body: input }) => {
  if (await db().user.findUnique({ where: { username: input.username.toLowerCase() } })) throw new AppError("conflict", `username '${input.username}' is taken`);
  const { id } = await createUser(input);
  return respond(ZUserCreated, { id, username: input.username.toLowerCase(), role: input.role }, 201);
});
