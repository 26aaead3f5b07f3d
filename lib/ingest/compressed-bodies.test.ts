/** gzip and deflate bodies on the three ingest routes, as Beats and Elastic Agent send them, against PostgreSQL. */
import { gzipSync, deflateRawSync, deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { decodedBody } from "../http/content-encoding";
import { routeContext, setUpIngestRoutes, type RouteHandler } from "../test-support/ingest-routes";
import { withEnv } from "../test-support/with-env";

let bulk: RouteHandler;
let indexedBulk: RouteHandler;
let events: RouteHandler;
let auth: string;

beforeAll(async () => {
  auth = await setUpIngestRoutes();
  bulk = (await import("../../app/es/%5Fbulk/route")).POST as RouteHandler;
  indexedBulk = (await import("../../app/es/[index]/%5Fbulk/route")).POST as RouteHandler;
  events = (await import("../../app/api/v1/events/route")).POST as RouteHandler;
});

const ctx = routeContext;
const post = (url: string, body: Uint8Array | string, headers: Record<string, string>) =>
  new Request(`http://test${url}`, { method: "POST", headers: { authorization: auth, "content-type": "application/x-ndjson", ...headers }, body: body as BodyInit });

const event = (id: string) => ({
  "@timestamp": new Date().toISOString(),
  event: { id, category: ["process"], type: ["start"], action: "exec" },
  host: { name: "gz-node" },
  user: { name: "gz-user" },
  process: { pid: 4242, name: "ls", args: ["ls", "-l"] },
});
const bulkBody = (ids: string[]) => ids.map((id) => `{"create":{"_index":"logs-endpoint.events.process-default","_id":"${id}"}}\n${JSON.stringify(event(id))}\n`).join("");
const stored = (ids: string[]) => db().event.count({ where: { id: { in: ids } } });

describe("compressed ingest bodies", () => {
  it("takes gzip (Beats' default, compression_level 1), zlib deflate and raw deflate on /es/_bulk, /es/{index}/_bulk and /api/v1/events", async () => {
    const cases: [string, RouteHandler, string, (ids: string[]) => string, (b: Buffer) => Buffer, string, Record<string, string>][] = [
      ["bulk gzip", bulk, "/es/_bulk", bulkBody, (b) => gzipSync(b, { level: 1 }), "gzip", {}],
      ["bulk x-gzip", bulk, "/es/_bulk", bulkBody, (b) => gzipSync(b), "x-gzip", {}],
      ["indexed bulk deflate", indexedBulk, "/es/logs-x/_bulk", bulkBody, (b) => deflateSync(b), "deflate", { index: "logs-x" }],
      ["indexed bulk raw deflate", indexedBulk, "/es/logs-x/_bulk", bulkBody, (b) => deflateRawSync(b), "deflate", { index: "logs-x" }],
      ["events gzip", events, "/api/v1/events", (ids) => ids.map((id) => JSON.stringify(event(id))).join("\n"), (b) => gzipSync(b), "gzip", {}],
      ["events deflate", events, "/api/v1/events", (ids) => ids.map((id) => JSON.stringify(event(id))).join("\n"), (b) => deflateSync(b), "deflate", {}],
    ];
    for (const [name, handler, url, make, compress, encoding, params] of cases) {
      const ids = Array.from({ length: 300 }, (_, i) => `${name.replace(/ /g, "-")}-${i}`);
      const res = await handler(post(url, compress(Buffer.from(make(ids))), { "content-encoding": encoding }), ctx(params));
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
      expect(await stored(ids), name).toBe(300);
    }
  });

  it("answers a corrupt or truncated gzip body with a 400 that says so, storing nothing", async () => {
    const ids = ["corrupt-1", "corrupt-2"];
    const good = gzipSync(Buffer.from(bulkBody(ids)));
    const corrupt = Buffer.from(good);
    corrupt.fill(0x55, 20, 40);
    for (const body of [corrupt, good.subarray(0, good.length - 12), Buffer.from("not gzip at all")]) {
      const res = await bulk(post("/es/_bulk", body, { "content-encoding": "gzip" }), ctx());
      expect(res.status).toBe(400);
      expect((await res.json()).error.reason).toMatch(/not valid gzip/);
    }
    const res = await events(post("/api/v1/events", Buffer.from("{}"), { "content-encoding": "gzip" }), ctx());
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid gzip/);
    expect(await stored(ids)).toBe(0);
  });

  it("refuses an encoding it does not know with 415 naming it", async () => {
    const res = await bulk(post("/es/_bulk", bulkBody(["br-1"]), { "content-encoding": "br" }), ctx());
    expect(res.status).toBe(415);
    expect(JSON.stringify(await res.json())).toContain("'br' is not supported");
  });

  it("judges the limits on the decompressed bytes: a gzip bomb is refused with 413 early, in bounded memory", async () => {
    // 200 MB of newlines (~200 KB compressed) against a 10 MB limit: no line is long, the body is.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, "\n"), { level: 9 });
    expect(bomb.length).toBeLessThan(300 * 1024);
    await withEnv({ VIGIL_BULK_MAX_BYTES: String(10 * 1024 * 1024), VIGIL_INGEST_MAX_BYTES: String(10 * 1024 * 1024) }, async () => {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        const res = await bulk(post("/es/_bulk", bomb, { "content-encoding": "gzip" }), ctx());
        expect(res.status).toBe(413);
        expect((await res.json()).error.reason).toMatch(/exceeds the limit of 10485760 bytes/);
        const ev = await events(post("/api/v1/events", bomb, { "content-encoding": "gzip" }), ctx());
        expect(ev.status).toBe(413);
        expect((await ev.json()).error.message).toMatch(/exceeds the limit of 10485760 bytes/);
      } finally {
        clearInterval(sample);
      }
      // Reading 200 MB whole would need that much; the limit and the sliced feed keep it to a few tens.
      expect((peak - before) / 1024 / 1024).toBeLessThan(60);
    });
  });

  it("decompresses only as fast as the reader reads: 1 MB taken pulls one compressed chunk, not the bomb", async () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
    let pulled = 0;
    let offset = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bomb.length) return controller.close();
        const chunk = bomb.subarray(offset, offset + 16 * 1024);
        offset += chunk.length;
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    const body = decodedBody({ headers: new Headers({ "content-encoding": "gzip" }), body: source } as unknown as Request)!;
    const reader = body.getReader();
    let taken = 0;
    while (taken < 1024 * 1024) taken += (await reader.read()).value!.byteLength;
    await reader.cancel();
    // 1 MB of zeros is ~1 KB compressed: the decoder read one 16 KB source chunk, not the 256 KB bomb.
    expect(pulled).toBeLessThanOrEqual(16 * 1024);
    expect(bomb.length).toBeGreaterThan(200 * 1024);
  });
});
