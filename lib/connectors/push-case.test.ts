/** Pushing to a real local HTTP server that imitates a webhook receiver, and fails on demand. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComment, createCase } from "../cases/cases";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { ingestEvents } from "../ingest/ingest-events";
import { pushCase } from "./push-case";
import { seal } from "./secret-box";
import { DEFAULT_WEBHOOK_TEMPLATE } from "./webhook";

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}
const received: Received[] = [];
let failWith = 0;
let server: Server;
let base = "";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.VIGIL_ENCRYPTION_KEY = "11".repeat(32);
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (req.headers.authorization !== "Bearer s3cret") return void res.writeHead(401).end('{"error":"bad token"}');
      if (failWith) return void res.writeHead(failWith).end('{"error":"down"}');
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: JSON.parse(data) });
      res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "TICKET-1", url: `http://tickets.local/TICKET-1` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("pushing a case to a webhook", () => {
  it("creates once, then updates the same ticket with only the new comments; failures change nothing and retry is safe", async () => {
    const doc = {
      "@timestamp": new Date().toISOString(),
      event: { id: "p-1", category: ["process"], type: ["start"], action: "exec" },
      host: { name: "node-1", os: { type: "linux" } },
      user: { name: "mallory" },
      process: { name: "kubectl", args: ["kubectl", "--as=admin"], parent: { name: "bash" } },
    };
    await ingestEvents([{ index: 0, doc }], []);
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "desc", tags: [] }, "alice");
    const connector = await db().connector.create({
      data: { name: "tickets", kind: "webhook", config: { url: `${base}/tickets`, template: DEFAULT_WEBHOOK_TEMPLATE }, secret: seal({ headers: { authorization: "Bearer s3cret" } }) },
    });
    expect(connector.secret).not.toContain("s3cret");

    await addComment(c.id, "first", "alice");
    const first = await pushCase(c.id, connector.id, "alice", "http://vigil.test");
    expect(first).toEqual({ result: "created", external_id: "TICKET-1", external_url: "http://tickets.local/TICKET-1", comments_sent: 1 });
    expect(received[0]).toMatchObject({ method: "POST", url: "/tickets" });
    expect(received[0].headers["idempotency-key"]).toBe(c.id);
    expect(received[0].body).toMatchObject({ title: c.title, severity: "low", link: `http://vigil.test/cases/${c.id}`, vigil_case_id: c.id });
    expect((received[0].body.observables as { type: string }[]).map((o) => o.type)).toContain("user");

    await new Promise((r) => setTimeout(r, 5));
    await addComment(c.id, "second", "bob");
    failWith = 503;
    await expect(pushCase(c.id, connector.id, "alice", "http://vigil.test")).rejects.toThrow(/push failed: the webhook answered 503/);
    const unchanged = await db().case.findUniqueOrThrow({ where: { id: c.id } });
    expect([unchanged.externalId, unchanged.lastPushedAt?.getTime()]).toEqual(["TICKET-1", (await db().casePush.findFirstOrThrow({ where: { result: "created" } })).at.getTime()]);

    failWith = 0;
    const retry = await pushCase(c.id, connector.id, "alice", "http://vigil.test");
    expect(retry).toMatchObject({ result: "updated", external_id: "TICKET-1", comments_sent: 1 });
    expect(received[1]).toMatchObject({ method: "PUT", url: "/tickets/TICKET-1" });
    expect((received[1].body.new_comments as { body: string }[]).map((m) => m.body)).toEqual(["second"]);
    expect(received).toHaveLength(2);

    const pushes = await db().casePush.findMany({ where: { caseId: c.id }, orderBy: { at: "asc" } });
    expect(pushes.map((p) => p.result)).toEqual(["created", "failed", "updated"]);
    expect(pushes[1].error).toMatch(/503/);
  });

  it("names bad credentials and refuses templates that do not give JSON", async () => {
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "a");
    const wrong = await db().connector.create({ data: { name: "wrong", kind: "webhook", config: { url: `${base}/t`, template: DEFAULT_WEBHOOK_TEMPLATE }, secret: seal({ headers: { authorization: "Bearer nope" } }) } });
    await expect(pushCase(c.id, wrong.id, "a", "http://v")).rejects.toThrow(/answered 401 \(check the credentials\)/);
    const broken = await db().connector.create({ data: { name: "broken", kind: "webhook", config: { url: `${base}/t`, template: '{"title": {{case.title}}' }, secret: null } });
    await expect(pushCase(c.id, broken.id, "a", "http://v")).rejects.toThrow(/does not give JSON/);
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).externalId).toBeNull();
  });
});
