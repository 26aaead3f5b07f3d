/** The ingest route against a real PostgreSQL: statuses, messages, idempotency, nothing partial. */
import { withEnv } from "../test-support/with-env";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/api-keys";
import { db } from "../db/client";
import { eventDocuments } from "../events/event-documents";
import { createTestDatabase } from "../db/test-database";

let POST: (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;
let key: string;
let readOnlyKey: string;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  ({ POST } = await import("../../app/api/v1/events/route"));
  key = (await createApiKey({ name: "t", scopes: ["ingest", "read"] })).key;
  readOnlyKey = (await createApiKey({ name: "r", scopes: ["read"] })).key;
});

const params = { params: Promise.resolve({}) };
function post(body: string | Uint8Array<ArrayBuffer>, contentType = "application/json", auth = `ApiKey ${key}`) {
  return POST(new Request("http://test/api/v1/events", { method: "POST", headers: { "content-type": contentType, authorization: auth }, body }), params);
}

let n = 0;
function kubectl(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    "@timestamp": new Date().toISOString(),
    event: { id: `ev-${Date.now()}-${n}`, category: ["process"], type: ["start"], action: "exec" },
    host: { name: "node-a", os: { type: "linux" } },
    user: { name: "mallory" },
    process: { pid: 100 + n, name: "kubectl", args: ["kubectl", "--token=x", "get", "pods"], parent: { name: "bash", pid: 99 } },
    ...overrides,
  };
}
const counts = async () => ({ events: await db().event.count(), alerts: await db().alert.count() });

describe("POST /api/v1/events", () => {
  it("stores one event and raises the seed rule's alert", async () => {
    const before = await counts();
    const event = kubectl({ "@timestamp": "2026-11-28T10:11:12.345Z" });
    const res = await post(JSON.stringify(event));
    expect(res.status).toBe(200);
    const stored = await db().event.findUniqueOrThrow({ where: { id: event.event.id } });
    const { doc, original } = (await eventDocuments([stored])).get(stored.id)!;
    expect([stored.timestamp.toISOString(), stored.processName, stored.category, doc, original]).toEqual(["2026-11-28T10:11:12.345Z", "kubectl", ["process"], event, null]);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0, alerts_created: 1, errors: [] });
    expect(await counts()).toEqual({ events: before.events + 1, alerts: before.alerts + 1 });
  });

  it("creates no duplicate events or alerts when a batch is sent again", async () => {
    const batch = JSON.stringify([kubectl(), kubectl(), { ...kubectl(), event: { category: ["process"], type: ["start"], action: "exec" }, "@timestamp": "2026-11-28T10:00:00Z" }]);
    const first = await (await post(batch)).json();
    expect(first).toMatchObject({ accepted: 3, alerts_created: 3 });
    const before = await counts();
    const again = await (await post(batch)).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, alerts_created: 0 });
    expect(await counts()).toEqual(before);
  });

  it("reports bad NDJSON lines by index and reason while storing the good ones", async () => {
    const good = [kubectl(), kubectl()];
    const twice = { ...kubectl(), "@timestamp": ["2026-11-28T10:00:00Z", "2026-11-28T10:00:01Z"] };
    const body = [JSON.stringify(good[0]), "{not json", JSON.stringify({ "@timestamp": "yesterday" }), "[1,2]", JSON.stringify(twice), JSON.stringify(good[1])].join("\n");
    const before = await counts();
    const res = await post(body, "application/x-ndjson");
    expect(res.status).toBe(207);
    const out = await res.json();
    expect(out).toMatchObject({ accepted: 2, rejected: 4, alerts_created: 2 });
    expect(out.errors.map((e: { index: number }) => e.index)).toEqual([1, 2, 3, 4]);
    expect(out.errors[0].reason).toMatch(/invalid JSON/);
    expect(out.errors[1].reason).toMatch(/@timestamp: must be an ISO 8601 date/);
    expect(out.errors[2].reason).toMatch(/must be a JSON object/);
    // Elasticsearch's EQL answers 400 for a multi-valued timestamp; here the event is refused at the door.
    expect(out.errors[3].reason).toBe("@timestamp: has 2 values; an event happens at one instant");
    expect(await counts()).toEqual({ events: before.events + 2, alerts: before.alerts + 2 });
  });

  it.each([
    ["malformed JSON", () => post('{"@timestamp": "2026-11-28T00:00:00Z", "a": }'), 400, /^malformed JSON: value expected at line 1, column 45 \(offset 44\)/],
    ["wrong content type", () => post("x", "text/plain"), 415, /content type must be application\/json or application\/x-ndjson/],
    ["an empty body", () => post("", "application/x-ndjson"), 400, /holds no events/],
    ["no key", () => post(JSON.stringify(kubectl()), "application/json", ""), 401, /sign in or send an API key/],
    ["a malformed Authorization header", () => post(JSON.stringify(kubectl()), "application/json", "Bearer abc"), 401, /ApiKey <key>/],
    ["an unknown key", () => post(JSON.stringify(kubectl()), "application/json", "ApiKey nope"), 401, /unknown or revoked/],
    ["a key without the ingest scope", () => post(JSON.stringify(kubectl()), "application/json", `ApiKey ${readOnlyKey}`), 403, /lacks the 'ingest' scope/],
    ["a JSON body of invalid events only", () => post(JSON.stringify([{ "@timestamp": "nope" }])), 400, null],
    ["invalid UTF-8", () => post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) as Uint8Array<ArrayBuffer>), 400, /not valid UTF-8/],
  ])("answers %s with its status and stores nothing", async (_name, send, status, message) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    const body = await res.json();
    if (message) expect(body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses a body of more documents than VIGIL_INGEST_MAX_EVENTS before parsing them: 400,000 tiny lines or array elements", async () => {
    const before = await counts();
    const lines = "{}\n".repeat(400_000);
    const array = `[${Array.from({ length: 400_000 }, () => "{}").join(",")}]`;
    for (const [body, type] of [[lines, "application/x-ndjson"], [array, "application/json"]]) {
      const heap = process.memoryUsage().heapUsed;
      const res = await post(body, type);
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toMatch(/more than 10000 events \(VIGIL_INGEST_MAX_EVENTS\)/);
      // 400,000 parsed objects and error records would be well over 50 MB.
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(40 * 1024 ** 2);
    }
    expect(await counts()).toEqual(before);
  });

  it("lists the first 1,000 refused lines and counts the rest, and a body of blank lines is 'no events'", async () => {
    const body = "{}\n".repeat(5000) + JSON.stringify(kubectl({ process: { pid: 7, name: "ls", args: ["ls"] } }));
    const res = await post(body, "application/x-ndjson");
    expect(res.status).toBe(207);
    const out = await res.json();
    expect([out.accepted, out.rejected, out.errors.length, out.errors_omitted]).toEqual([1, 5000, 1000, 4000]);
    const blank = await post("\n".repeat(5 * 1024 * 1024), "application/x-ndjson");
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.message).toBe("the body holds no events");
  });

  it("answers 413 for a body over the limit without storing anything", async () => {
    await withEnv({ VIGIL_INGEST_MAX_BYTES: "1000" }, async () => {
      const before = await counts();
      const big = JSON.stringify(Array.from({ length: 20 }, () => kubectl()));
      const res = await post(big);
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toMatch(/exceeds the limit of 1000 bytes/);
      expect(await counts()).toEqual(before);
    });
  });

  it("caps alerts per rule per 5-minute window at the rule's maximum and counts the rest as suppressed", async () => {
    await db().ruleWindow.deleteMany();
    const first = await (await post(JSON.stringify(Array.from({ length: 60 }, () => kubectl())))).json();
    const second = await (await post(JSON.stringify(Array.from({ length: 60 }, () => kubectl())))).json();
    expect(first.alerts_created + second.alerts_created).toBe(100);
    expect(first.alerts_suppressed + second.alerts_suppressed).toBe(20);
    const windows = await db().ruleWindow.findMany();
    expect(windows.reduce((s, w) => s + w.suppressed, 0)).toBe(20);
  });
});
