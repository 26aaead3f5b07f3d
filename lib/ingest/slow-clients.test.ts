/** Finding 10: clients that connect and stall, or trickle, hold no ingest slot and are cut off (408). */
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/api-keys";
import { createTestDatabase } from "../db/test-database";
import { withEnv } from "../test-support/with-env";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let bulk: Handler;
let events: Handler;
let key: string;
const ctx = { params: Promise.resolve({}) };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  bulk = (await import("../../app/es/%5Fbulk/route")).POST as Handler;
  events = (await import("../../app/api/v1/events/route")).POST as Handler;
  key = (await createApiKey({ name: "slow", scopes: ["ingest"] })).key;
});

/** A body that sends `first` and then one byte every `everyMs`, forever (until cancelled). */
function trickle(first: string, everyMs: number): ReadableStream<Uint8Array> {
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      timer = setInterval(() => controller.enqueue(new TextEncoder().encode(" ")), everyMs);
    },
    cancel: () => clearInterval(timer),
  });
}

const request = (url: string, body: BodyInit, type: string) =>
  new Request(`http://test${url}`, { method: "POST", headers: { authorization: `ApiKey ${key}`, "content-type": type }, body, duplex: "half" } as RequestInit);
const doc = (id: string) => ({ "@timestamp": new Date().toISOString(), event: { id, category: ["process"], type: ["start"] }, host: { name: "h" }, process: { pid: 1, name: "ls" } });

describe("slow clients", () => {
  it("do not hold ingest slots: with more stalled requests than slots, a normal request is served", async () => {
    await withEnv({ VIGIL_BODY_IDLE_TIMEOUT_MS: "1500", VIGIL_BODY_MIN_BYTES_PER_S: "0" }, async () => {
      // Six stalled bodies (the gate admits four requests): three on each route, none finishing a line.
      const stalled = [
        ...Array.from({ length: 3 }, () => bulk(request("/es/_bulk", trickle('{"create":{"_index":"logs', 60_000), "application/x-ndjson"), ctx)),
        ...Array.from({ length: 3 }, () => events(request("/api/v1/events", trickle('[{"@timestamp"', 60_000), "application/json"), ctx)),
      ];
      await new Promise((r) => setTimeout(r, 100));
      const ok = await events(request("/api/v1/events", JSON.stringify(doc("slow-ok-1")), "application/json"), ctx);
      expect(ok.status).toBe(200);
      const okBulk = await bulk(request("/es/_bulk", `{"create":{"_index":"logs-x"}}\n${JSON.stringify(doc("slow-ok-2"))}\n`, "application/x-ndjson"), ctx);
      expect(okBulk.status).toBe(200);
      // The stalled ones end with 408 once no byte came for the idle time.
      for (const res of await Promise.all(stalled)) {
        expect(res.status).toBe(408);
        expect((await res.json()).error.message).toMatch(/stopped arriving/);
      }
    });
  });

  it("cut off a client that trickles a byte at a time below the minimum rate", async () => {
    await withEnv({ VIGIL_BODY_IDLE_TIMEOUT_MS: "300", VIGIL_BODY_MIN_BYTES_PER_S: "100" }, async () => {
      const started = Date.now();
      const res = await events(request("/api/v1/events", trickle("[", 50), "application/json"), ctx);
      expect(res.status).toBe(408);
      expect((await res.json()).error.message).toMatch(/arrives too slowly/);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});
