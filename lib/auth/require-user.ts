import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hasRole, type Role } from "./roles";
import { sessionUser, type SessionUser } from "./session-user";

/** For pages: the signed-in user, or a redirect to /login; a too-weak role gets a redirect home. */
export async function requireUser(role: Role = "viewer"): Promise<SessionUser> {
  const user = await sessionUser(await headers());
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) redirect("/alerts");
  return user;
}
