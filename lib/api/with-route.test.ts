/** The route layer: origin check, content type, malformed JSON, schema errors, no-store, against real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey } from "../api-keys/api-keys";
import { createTestDatabase } from "../db/test-database";
import { isOwnOrigin } from "./same-origin";
import { ZConnectorList } from "./responses/settings";
import { respond, withRoute } from "./with-route";

let key: string;
const ctx = { params: Promise.resolve({}) };
const echo = withRoute({ role: "analyst", scope: "ingest", body: z.object({ n: z.number().int("a whole number") }).strict() }, async (_req, { body }) => Response.json({ got: body.n }));

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  key = (await createApiKey({ name: "route-layer", scopes: ["ingest"] })).key;
});

const call = (body: string, headers: Record<string, string>) =>
  echo(new Request("http://localhost:3000/x", { method: "POST", headers: { host: "localhost:3000", ...headers }, body }), ctx);

describe("the route layer", () => {
  it("refuses a cookie-carrying mutation from another origin, or of unknown origin, before authentication", async () => {
    const variants: Record<string, string>[] = [{ origin: "http://localhost:3001" }, { origin: "null" }, { "sec-fetch-site": "same-site" }, {}];
    for (const headers of variants) {
      const res = await call('{"n":1}', { cookie: "better-auth.session_token=anything", "content-type": "text/plain", ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.message).toContain("cross-origin");
    }
    // Same origin gets as far as authentication (the cookie is not a session).
    expect((await call('{"n":1}', { cookie: "better-auth.session_token=anything", origin: "http://localhost:3000", "content-type": "application/json" })).status).toBe(401);
    expect((await call('{"n":1}', { cookie: "better-auth.session_token=anything", "sec-fetch-site": "same-origin", "content-type": "application/json" })).status).toBe(401);
  });

  it("lets API-key requests through without Origin, and answers no-store", async () => {
    const res = await call('{"n":7}', { authorization: `ApiKey ${key}`, "content-type": "application/json" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: 7 });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a body that is not JSON by content type (415), by syntax (400 with the position) and by schema (400 naming the field)", async () => {
    const auth = { authorization: `ApiKey ${key}` };
    const plain = await call('{"n":1}', { ...auth, "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    const broken = await call('{\n  "n": 1,,\n}', { ...auth, "content-type": "application/json" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/line 2, column 10/);
    const wrong = await call('{"n":1.5,"extra":true}', { ...auth, "content-type": "application/json; charset=utf-8" });
    expect(wrong.status).toBe(400);
    const message = (await wrong.json()).error.message as string;
    expect(message).toContain("n: a whole number");
    expect(message).toContain("extra");
    expect(wrong.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a JSON body over 1 MiB with 413 without reading it all", async () => {
    const res = await call(JSON.stringify({ n: 1, pad: "x".repeat(2 * 1024 * 1024) }), { authorization: `ApiKey ${key}`, "content-type": "application/json" });
    expect(res.status).toBe(413);
  });

  it("counts only Vigil's own origin (or the addressed host) as same-origin", () => {
    expect(isOwnOrigin("http://localhost:3000", "localhost:3000")).toBe(true);
    expect(isOwnOrigin("http://localhost:3001", "localhost:3000")).toBe(false);
    expect(isOwnOrigin("http://evil.localhost:3000", "localhost:3000")).toBe(false);
    expect(isOwnOrigin("file://", "localhost:3000")).toBe(false);
    expect(isOwnOrigin("not a url", "localhost:3000")).toBe(false);
  });

  it("serialises answers through their schema: unnamed fields never leave, a misfit answer is a 500", async () => {
    const row = { id: "c1", name: "Jira", kind: "jira", config: { url: "https://jira.example" }, createdAt: new Date("2026-12-01T10:00:00Z"), has_secret: true, secret: "sealed-credentials" };
    const listed = await withRoute({ role: "analyst", scope: "ingest" }, async () => respond(ZConnectorList, { connectors: [row] }))(new Request("http://localhost:3000/x", { headers: { authorization: `ApiKey ${key}` } }), ctx);
    const json = await listed.json();
    expect(json.connectors[0]).toEqual({ id: "c1", name: "Jira", kind: "jira", config: { url: "https://jira.example" }, createdAt: "2026-12-01T10:00:00.000Z", has_secret: true });
    expect(JSON.stringify(json)).not.toContain("sealed-credentials");
    const misfit = await withRoute({ role: "analyst", scope: "ingest" }, async () => respond(ZConnectorList, { connectors: [{ ...row, createdAt: "yesterday" as unknown as Date }] }))(new Request("http://localhost:3000/x", { headers: { authorization: `ApiKey ${key}` } }), ctx);
    expect(misfit.status).toBe(500);
    expect(JSON.stringify(await misfit.json())).not.toContain("yesterday");
  });
});
