/** Finding 9 and the sign-in half of 8, against PostgreSQL and better-auth: lifecycle, last admin, disabled sign-in, audit. */
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../auth/create-user";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { deleteUser, updateUser } from "./manage-users";

type Handler = (req: Request) => Promise<Response>;
let signInRoute: Handler;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  signInRoute = (await import("../../app/api/auth/[...all]/route")).POST;
});

const PASSWORD = "Lattice-Harbor-42";
const signIn = (username: string, password: string, ip = "10.1.1.1", extra: Record<string, string> = {}) =>
  signInRoute(
    new Request("http://localhost:3000/api/auth/sign-in/username", {
      method: "POST",
      headers: { origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json", "x-vigil-client-address": ip, ...extra },
      body: JSON.stringify({ username, password }),
    }),
  );

describe("accounts", () => {
  it("keeps at least one enabled admin even when two admins demote each other at once", async () => {
    const a = await createUser({ username: "ada", name: "Ada", password: PASSWORD, role: "admin" });
    const b = await createUser({ username: "bea", name: "Bea", password: PASSWORD, role: "admin" });
    const results = await Promise.allSettled([updateUser(b.id, { role: "analyst" }, a.id), updateUser(a.id, { role: "analyst" }, b.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.message).toMatch(/at least one enabled admin/);
    expect(await db().user.count({ where: { role: "admin", banned: { not: true } } })).toBe(1);
    const admin = (await db().user.findFirstOrThrow({ where: { role: "admin" } })).id;
    await expect(deleteUser(admin, null)).rejects.toThrow(/at least one enabled admin/);
    await expect(updateUser(admin, { disabled: true }, null)).rejects.toThrow(/at least one enabled admin/);
    await expect(updateUser(admin, { role: "viewer" }, admin)).rejects.toThrow(/your own admin role/);
  });

  it("a disabled user cannot sign in and loses their sessions; enabled again, they can", async () => {
    const u = await createUser({ username: "cyd", name: "Cyd", password: PASSWORD, role: "analyst" });
    expect((await signIn("cyd", PASSWORD)).status).toBe(200);
    expect(await db().session.count({ where: { userId: u.id } })).toBe(1);
    await updateUser(u.id, { disabled: true }, null);
    expect(await db().session.count({ where: { userId: u.id } })).toBe(0);
    const refused = await signIn("cyd", PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/disabled/);
    await updateUser(u.id, { disabled: false }, null);
    expect((await signIn("cyd", PASSWORD)).status).toBe(200);
  });

  it("resets a password (refusing a guessable one), and deletes a user keeping what they did", async () => {
    const u = await createUser({ username: "dee", name: "Dee", password: PASSWORD, role: "analyst" });
    await expect(updateUser(u.id, { password: "dee-dee-dee-dee" }, null)).rejects.toThrow(/password/);
    await updateUser(u.id, { password: "Quiet-Meadow-Copper-9" }, null);
    expect((await signIn("dee", PASSWORD)).status).toBe(401);
    expect((await signIn("dee", "Quiet-Meadow-Copper-9")).status).toBe(200);
    await deleteUser(u.id, null);
    expect(await db().user.findUnique({ where: { id: u.id } })).toBeNull();
    // The log still says who signed in, by name.
    expect(await db().auditEntry.count({ where: { action: "auth.sign_in", actorName: "dee" } })).toBe(1);
  });

  it("records every sign-in and failure with the address, slows an account after 5 failures whatever X-Forwarded-For says", async () => {
    await createUser({ username: "eve", name: "Eve", password: PASSWORD, role: "viewer" });
    for (let i = 0; i < 5; i++) expect((await signIn("eve", "wrong-password-123", `10.2.0.${i}`, { "x-forwarded-for": `192.0.2.${i}` })).status).toBe(401);
    const held = await signIn("eve", PASSWORD, "10.2.0.99", { "x-forwarded-for": "192.0.2.200" });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    const failures = await db().auditEntry.findMany({ where: { action: "auth.sign_in_failed", actorName: "eve" }, orderBy: { at: "asc" } });
    expect(failures.map((f) => f.actorIp)).toEqual(["10.2.0.0", "10.2.0.1", "10.2.0.2", "10.2.0.3", "10.2.0.4"]);
    // Another account from a fresh address is not held.
    expect((await signIn("cyd", PASSWORD, "10.3.0.1")).status).toBe(200);
  });

  it("lets the owner change their display name but never their username", async () => {
    const { PATCH } = await import("../../app/api/v1/me/route");
    await createUser({ username: "fay", name: "Fay", password: PASSWORD, role: "viewer" });
    const signed = await signIn("fay", PASSWORD, "10.4.0.1");
    const cookie = signed.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const patch = (body: unknown) =>
      PATCH(new Request("http://localhost:3000/api/v1/me", { method: "PATCH", headers: { cookie, origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
    const ok = await patch({ name: "Fay Analyst" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: "fay", name: "Fay Analyst" });
    const renamed = await patch({ username: "someone-else" });
    expect(renamed.status).toBe(400);
    expect((await db().user.findFirstOrThrow({ where: { name: "Fay Analyst" } })).username).toBe("fay");
    expect(await db().auditEntry.count({ where: { action: "user.rename_self", actorName: "fay" } })).toBe(1);
  });
});
