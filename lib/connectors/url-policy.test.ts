/** Finding 7: connectors reach only http(s) targets that are not link-local or metadata, checked again at connect time. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { withEnv } from "../test-support/with-env";
import { call, errorReason } from "./drivers/driver";
import { ZWebhookConfig } from "./webhook";
import { guardedAgent, refusedAddress, urlProblem } from "./url-policy";

let server: Server;
let base = "";
let lastAuth: string | undefined;
beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  process.env.VIGIL_ENCRYPTION_KEY = "44".repeat(32);
  server = createServer((req, res) => {
    lastAuth = req.headers.authorization;
    if (req.url?.startsWith("/rest/api/3/myself")) {
      if (req.headers.authorization !== `Basic ${Buffer.from("a@b.c:tok").toString("base64")}`) return void res.writeHead(401, { "content-type": "application/json" }).end('{"errorMessages":["You are not authenticated. <script>x</script>"]}');
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"accountId":"1"}');
    }
    res.writeHead(500, { "content-type": "text/html" }).end("<html>stack trace at com.internal.Secret line 42 ...</html>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the connector URL policy", () => {
  it("allows http(s) to internal and public hosts, refuses other schemes, credentials in the URL and metadata addresses", () => {
    for (const ok of ["https://jira.example.com", "http://10.0.0.5:8080/api", "http://127.0.0.1:9000", "https://[fd12::1]/x"]) expect(urlProblem(ok, []), ok).toBeNull();
    for (const [bad, why] of [
      ["file:///etc/passwd", /only http and https/],
      ["gopher://x:70/", /only http and https/],
      ["data:text/plain,hi", /only http and https/],
      ["http://user:pw@jira.example.com", /credentials/],
      ["http://169.254.169.254/latest/meta-data/", /link-local, metadata/],
      ["http://[fe80::1]/", /link-local, metadata/],
      ["http://[::ffff:169.254.169.254]/", /link-local, metadata/],
      ["http://100.100.100.200/", /metadata/],
      ["http://0.0.0.0:80/", /reserved|link-local/],
    ] as const) {
      expect(urlProblem(bad, []), bad).toMatch(why);
    }
    expect(refusedAddress("fd00:ec2::254")).not.toBeNull();
  });

  it("applies VIGIL_CONNECTOR_ALLOWED_HOSTS when set, and checks the webhook's update URL too", async () => {
    expect(urlProblem("https://jira.example.com", [".example.com"])).toBeNull();
    expect(urlProblem("https://example.com", [".example.com"])).toBeNull();
    expect(urlProblem("https://evil.com", [".example.com"])).toMatch(/not in VIGIL_CONNECTOR_ALLOWED_HOSTS/);
    const hook = (updateUrl: string) => ZWebhookConfig.safeParse({ url: "https://hooks.example.com/in", updateUrl, template: "{}" });
    expect(hook("https://hooks.example.com/in/{{external_id}}").success).toBe(true);
    expect(hook("http://169.254.169.254/{{external_id}}").success).toBe(false);
    expect(hook("file:///tmp/{{external_id}}").success).toBe(false);
    await withEnv({ VIGIL_CONNECTOR_ALLOWED_HOSTS: "hooks.example.com" }, async () => {
      expect(ZWebhookConfig.safeParse({ url: "https://other.example.org/", template: "{}" }).success).toBe(false);
    });
  });

  it("refuses at connect time a name that resolves to a metadata address, as DNS rebinding would make it", async () => {
    // The name passed the save-time check; at connect time the resolver answers a metadata address.
    const asked: string[] = [];
    const rebinding = (host: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => {
      asked.push(host);
      cb(null, [{ address: "169.254.169.254", family: 4 }]);
    };
    expect(urlProblem("http://tickets.example.com/", [])).toBeNull();
    const err = await fetch("http://tickets.example.com/latest/meta-data/", { dispatcher: guardedAgent(rebinding) }).catch((e: Error & { cause?: { code?: string; message?: string } }) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED_POLICY");
    expect(asked).toEqual(["tickets.example.com"]);
    // The same resolver answering a private address connects (here: to the local test server).
    const port = new URL(base).port;
    const ok = await fetch(`http://tickets.example.com:${port}/rest/api/3/myself`, { dispatcher: guardedAgent((_h, _o, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }])) });
    expect(ok.status).toBe(401);
    // A stored literal is refused before any connection.
    await expect(call("Test", "http://169.254.169.254/latest/meta-data/", { method: "GET" })).rejects.toThrow(/not allowed: 169.254.169.254 is a link-local/);
  });

  it("shows a short, inert reason from the target's error, never its body", async () => {
    await expect(call("Jira", `${base}/rest/api/3/myself`, { method: "GET", headers: { authorization: "Basic bad" } })).rejects.toThrow(/^Jira answered 401 \(check the credentials\): You are not authenticated\.  ?script x \/script$/);
    const e = await call("Jira", `${base}/other`, { method: "GET" }).catch((err: Error) => err);
    expect((e as Error).message).toBe("Jira answered 500");
    expect(errorReason(JSON.stringify({ error: { message: "x".repeat(500) } }))).toHaveLength(120);
  });

  it("edits, tests and deletes a connector through its routes, audited", async () => {
    const { POST: create } = await import("../../app/api/v1/connectors/route");
    const { PATCH, DELETE } = await import("../../app/api/v1/connectors/[id]/route");
    const { POST: test } = await import("../../app/api/v1/connectors/[id]/test/route");
    const { createUser } = await import("../auth/create-user");
    const { auth } = await import("../auth/auth");
    await createUser({ username: "root", name: "Root", password: "Harbor-Lattice-93", role: "admin" });
    const signed = await auth().api.signInUsername({ body: { username: "root", password: "Harbor-Lattice-93" }, asResponse: true });
    const cookie = signed.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const headers = { cookie, origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json" };
    const ctx = (id?: string) => ({ params: Promise.resolve<Record<string, string>>(id ? { id } : {}) });
    const req = (method: string, body?: unknown) => new Request("http://localhost:3000/x", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

    const bad = await create(req("POST", { name: "meta", kind: "jira", config: { baseUrl: "http://169.254.169.254", projectKey: "SEC" }, secret: { email: "a@b.c", apiToken: "tok" } }), ctx());
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/config\.baseUrl: 169.254.169.254 is a link-local/);

    const made = await create(req("POST", { name: "jira", kind: "jira", config: { baseUrl: base, projectKey: "SEC" }, secret: { email: "a@b.c", apiToken: "wrong" } }), ctx());
    expect(made.status).toBe(201);
    const { id } = await made.json();
    expect(await (await test(req("POST"), ctx(id))).json()).toEqual({ ok: false, reason: expect.stringMatching(/^Jira answered 401 \(check the credentials\)/) });
    expect((await PATCH(req("PATCH", { secret: { email: "a@b.c", apiToken: "tok" } }), ctx(id))).status).toBe(200);
    expect(await (await test(req("POST"), ctx(id))).json()).toEqual({ ok: true });
    expect(lastAuth).toBe(`Basic ${Buffer.from("a@b.c:tok").toString("base64")}`);
    expect((await PATCH(req("PATCH", { config: { baseUrl: "gopher://x", projectKey: "SEC" } }), ctx(id))).status).toBe(400);
    expect((await DELETE(req("DELETE"), ctx(id))).status).toBe(204);
    expect(await db().connector.count({ where: { id } })).toBe(0);
    const trail = await db().auditEntry.findMany({ where: { targetType: "connector", targetId: id }, orderBy: { at: "asc" } });
    expect(trail.map((t) => t.action)).toEqual(["connector.create", "connector.test", "connector.update", "connector.test", "connector.delete"]);
    expect(JSON.stringify(trail)).not.toContain("tok");
  });
});
