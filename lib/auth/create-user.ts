import { auth } from "./auth";
import type { Role } from "./roles";

export interface NewUser {
  username: string;
  name: string;
  password: string;
  role: Role;
}

/** Creates a user with a password account (admins and the first start do this; there is no sign-up). */
export async function createUser(input: NewUser): Promise<{ id: string }> {
  const ctx = await auth().$context;
  const hash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser({
    email: `${input.username.toLowerCase()}@users.vigil.invalid`,
    name: input.name,
    emailVerified: true,
    username: input.username.toLowerCase(),
    displayUsername: input.username,
    role: input.role,
  }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  return { id: user.id };
}
