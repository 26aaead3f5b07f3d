/**
 * Account lifecycle for admins: role, display name, disable (no sign-in, sessions revoked), reset
 * password, delete. There is always at least one enabled admin: each change that could remove the
 * last one locks the admin rows first (SELECT … FOR UPDATE) and counts again inside the same
 * transaction, so two admins demoting each other at once leave one. Usernames never change: the
 * audit log and timelines keep pointing at the same person.
 */
import { z } from "zod";
import { AppError } from "../api/app-error";
import { auth } from "../auth/auth";
import { passwordProblem, ZPassword } from "../auth/password-policy";
import { ROLES } from "../auth/roles";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

export const ZUserPatch = z
  .object({
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1).max(128).optional(),
    disabled: z.boolean().optional(),
    password: ZPassword.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type TUserPatch = z.infer<typeof ZUserPatch>;

const USER_FIELDS = { id: true, username: true, name: true, role: true, banned: true, createdAt: true } as const;
export const userJson = (u: { id: string; username: string | null; name: string; role: string | null; banned: boolean | null; createdAt: Date }) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  disabled: u.banned === true,
  created_at: u.createdAt.toISOString(),
});

/** Locks every admin row and says how many enabled admins there are besides `exceptId`. */
async function otherEnabledAdmins(tx: Prisma.TransactionClient, exceptId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; banned: boolean | null }[]>`SELECT id, banned FROM "user" WHERE role = 'admin' FOR UPDATE`;
  return rows.filter((r) => r.id !== exceptId && r.banned !== true).length;
}

export async function updateUser(id: string, patch: TUserPatch, actorId: string | null) {
  if (actorId === id && (patch.disabled === true || (patch.role && patch.role !== "admin"))) throw new AppError("bad_request", "you cannot disable yourself or remove your own admin role");
  const user = await db().user.findUnique({ where: { id }, select: USER_FIELDS });
  if (!user) throw new AppError("not_found", "no such user");
  if (patch.password) {
    const problem = passwordProblem(patch.password, [user.username ?? "", patch.name ?? user.name]);
    if (problem) throw new AppError("bad_request", `password: ${problem}`);
  }
  const hash = patch.password ? await (await auth().$context).password.hash(patch.password) : null;
  return db().$transaction(async (tx) => {
    const losesAdmin = user.role === "admin" && ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
    if (losesAdmin && (await otherEnabledAdmins(tx, id)) === 0) throw new AppError("conflict", "Vigil needs at least one enabled admin: make another user admin first");
    const updated = await tx.user.update({ where: { id }, data: { role: patch.role, name: patch.name, banned: patch.disabled }, select: USER_FIELDS });
    if (hash) await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: hash } });
    // Disabled, or a new password: the sessions it had are ended.
    if (patch.disabled === true || hash) await tx.session.deleteMany({ where: { userId: id } });
    return userJson(updated);
  });
}

export async function deleteUser(id: string, actorId: string | null): Promise<void> {
  if (actorId === id) throw new AppError("bad_request", "you cannot delete yourself");
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { role: true } });
    if (!user) throw new AppError("not_found", "no such user");
    if (user.role === "admin" && (await otherEnabledAdmins(tx, id)) === 0) throw new AppError("conflict", "Vigil needs at least one enabled admin: make another user admin first");
    // Sessions and the password go with the user; alerts, cases and exceptions keep their history (SetNull).
    await tx.user.delete({ where: { id } });
  });
}
