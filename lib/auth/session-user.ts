import { auth } from "./auth";
import { asRole, type Role } from "./roles";

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

/** The signed-in user for these request headers, or null. */
export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const u = session.user as typeof session.user & { username?: string | null; role?: string | null; banned?: boolean | null };
  // Disabling an account also revokes its sessions; this holds in between.
  if (u.banned) return null;
  return { id: u.id, username: u.username ?? u.name, name: u.name, role: asRole(u.role) };
}
