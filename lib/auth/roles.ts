/** Roles, weakest first: viewers read, analysts triage, admins also manage users and keys. */
export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function asRole(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : "viewer";
}

/** True when `role` is at least `needed`. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
