/** Elasticsearch-compatible bulk ingest, as Beats send it, against PostgreSQL. */
import { routeContext, setUpIngestRoutes, type RouteHandler } from "../../test-support/ingest-routes";
import { withEnv } from "../../test-support/with-env";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { decodeFrame } from "../store/document-blocks";

let bulk: RouteHandler;
let indexedBulk: RouteHandler;
let banner: RouteHandler;
let license: RouteHandler;
let esAuth: string;

beforeAll(async () => {
  esAuth = await setUpIngestRoutes();
  bulk = (await import("../../../app/es/%5Fbulk/route")).POST as RouteHandler;
  indexedBulk = (await import("../../../app/es/[index]/%5Fbulk/route")).POST as RouteHandler;
  banner = (await import("../../../app/es/route")).GET as RouteHandler;
  license = (await import("../../../app/es/%5Flicense/route")).GET as RouteHandler;
});

const req = (url: string, body?: string, method = "POST") =>
  new Request(`http://test${url}`, { method, headers: { authorization: esAuth, "content-type": "application/x-ndjson" }, body });
const ctx = routeContext;

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  "@timestamp": new Date(Date.now() - n * 1000).toISOString(),
  event: { category: ["process"], type: ["start"], action: "executed" },
  host: { name: "node-1", os: { type: "linux" } },
  user: { name: "mallory" },
  process: { pid: 100 + n, name: n === 1 ? "kubectl" : "ls", args: n === 1 ? ["kubectl", "--as=admin"] : ["ls"], parent: { name: "bash", pid: 99 } },
  ...extra,
});
const ndjson = (...lines: unknown[]) => lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";

describe("the Elasticsearch-compatible API", () => {
  it("answers the handshake Beats make, with Elasticsearch's product header, to an ES-style API key", async () => {
    const b = await banner(req("/es", undefined, "GET"), ctx());
    expect(b.status).toBe(200);
    expect(b.headers.get("x-elastic-product")).toBe("Elasticsearch");
    expect((await b.json()).version.number).toMatch(/^8\./);
    expect((await (await license(req("/es/_license", undefined, "GET"), ctx())).json()).license.status).toBe("active");
  });

  it("takes create and index actions with per-item results, a bad document among good ones, and refuses update and delete per item", async () => {
    const body = ndjson(
      { create: { _index: "logs-endpoint.events.process-default", _id: "a-1" } },
      event(1),
      { index: { _index: "logs-endpoint.events.process-default" } },
      event(2),
      { create: { _index: "auditbeat-8.17.0", _id: "a-3" } },
      "{not json",
      { create: { _index: "auditbeat-8.17.0", _id: "a-4" } },
      { "@timestamp": "never" },
      { delete: { _index: "auditbeat-8.17.0", _id: "a-1" } },
      { update: { _index: "auditbeat-8.17.0", _id: "a-1" } },
      { doc: { x: 1 } },
    );
    const res = await bulk(req("/es/_bulk", body), ctx());
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.errors).toBe(true);
    expect(out.items.map((i: Record<string, { status: number }>) => `${Object.keys(i)[0]} ${Object.values(i)[0].status}`)).toEqual([
      "create 201",
      "index 201",
      "create 400",
      "create 400",
      "delete 400",
      "update 400",
    ]);
    expect(out.items[0].create).toMatchObject({ _index: "logs-endpoint.events.process-default", _id: "a-1", result: "created", _version: 1 });
    expect(out.items[2].create.error.type).toBe("document_parsing_exception");
    expect(out.items[3].create.error.reason).toMatch(/@timestamp/);
    expect(await db().event.count()).toBe(2);
    expect(await db().event.findUnique({ where: { id: "a-1" } })).not.toBeNull();
    expect(await db().alert.count()).toBe(1);
  });

  it("makes retries harmless: create of a known _id is a 409 conflict, index of one a no-op, nothing doubles", async () => {
    const body = ndjson({ create: { _id: "a-1" } }, event(1), { index: { _id: "a-1" } }, event(1));
    const out = await (await indexedBulk(req("/es/auditbeat-8.17.0/_bulk", body), ctx({ index: "auditbeat-8.17.0" }))).json();
    expect(out.items[0].create).toMatchObject({ _index: "auditbeat-8.17.0", status: 409, error: { type: "version_conflict_engine_exception" } });
    expect(out.items[1].index).toMatchObject({ status: 200, result: "noop" });
    expect([await db().event.count(), await db().alert.count()]).toEqual([2, 1]);
  });

  it("fails the whole request on a malformed action line, storing nothing", async () => {
    const res = await bulk(req("/es/_bulk", ndjson({ create: { _index: "x" } }, event(5), "[1,2]", event(6))), ctx());
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Malformed action\/metadata line \[3\]/);
    expect(await db().event.count()).toBe(2);
  });
});

describe("streaming and backpressure", () => {
  it("stores a body over many windows, with every item's result in order", async () => {
    await withEnv({ VIGIL_BULK_WINDOW_DOCS: "3" }, async () => {
      const lines: unknown[] = [];
      for (let n = 0; n < 10; n++) lines.push({ create: { _index: "logs-endpoint.events.process-default", _id: `w-${n}` } }, event(20 + n));
      lines.splice(9, 1, "{broken"); // the 5th document (line 10) does not parse
      const out = await (await bulk(req("/es/_bulk", ndjson(...lines)), ctx())).json();
      expect(out.items.map((i: { create: { _id: string; status: number } }) => `${i.create._id}:${i.create.status}`)).toEqual(
        Array.from({ length: 10 }, (_, n) => `w-${n}:${n === 4 ? 400 : 201}`),
      );
      expect(await db().event.count({ where: { id: { startsWith: "w-" } } })).toBe(9);
    });
  });

  it("stores each document byte for byte as received, however the body's chunks cut it", async () => {
    // Whitespace, escapes and characters of 2, 3 and 4 bytes: re-serializing would change all of them.
    const docs = [0, 1, 2].map((n) => `{ "note" : "\\u00e9 é中🙂 ${n}",\t${JSON.stringify(event(60 + n), null, 1).slice(1).replace(/\n/g, " ")}`);
    const text = docs.map((d, n) => `{"create":{"_index":"logs-endpoint.events.process-default","_id":"bytes-${n}"}}\n${d}\n`).join("");
    const bytes = Buffer.from(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.byteLength; i += 7) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 7)));
        controller.close();
      },
    });
    const res = await bulk(new Request("http://test/es/_bulk", { method: "POST", headers: { authorization: esAuth, "content-type": "application/x-ndjson" }, body, duplex: "half" } as RequestInit), ctx());
    expect((await res.json()).errors).toBe(false);
    const rows = await db().event.findMany({ where: { id: { startsWith: "bytes-" } }, orderBy: { id: "asc" }, select: { blockId: true, blockSeq: true } });
    const block = await db().eventBlock.findUniqueOrThrow({ where: { id: rows[0].blockId } });
    const stored = decodeFrame(block.codec, Buffer.from(block.docs).subarray(block.frames[0], block.frames[1]));
    expect(rows.map((r) => stored[r.blockSeq])).toEqual(docs);
  });

  it("takes documents as Elasticsearch's ECS mapping would (process.args as one string, a number among strings, a numeric-string pid) and refuses per item what it would refuse, naming the field", async () => {
    const body = ndjson(
      { create: { _index: "logs-endpoint.events.process-default", _id: "map-1" } },
      event(60, { process: { pid: "6001", name: "kubectl", args: "kubectl get secrets --as=admin" } }),
      { create: { _index: "logs-endpoint.events.process-default", _id: "map-2" } },
      event(61, { process: { pid: 6002, name: "ls", args: ["ls", 2, true] } }),
      { create: { _index: "logs-endpoint.events.process-default", _id: "map-3" } },
      event(62, { process: { pid: 6003, name: "ls", args: { oops: 1 } } }),
    );
    const out = await (await bulk(req("/es/_bulk", body), ctx())).json();
    expect(out.items.map((i: { create: { status: number } }) => i.create.status)).toEqual([201, 201, 400]);
    expect(out.items[2].create.error).toEqual({ type: "document_parsing_exception", reason: expect.stringMatching(/^failed to parse field \[process\.args\] of type \[keyword\]/) });
    const stored = await db().event.findUniqueOrThrow({ where: { id: "map-1" } });
    expect(stored).toMatchObject({ processPid: 6001, commandLine: expect.stringContaining("kubectl get secrets --as=admin") });
    expect(await db().event.count({ where: { id: "map-3" } })).toBe(0);
  });

  it("under write pressure does what Elasticsearch does: queues briefly, then rejects per item with 429, and 429s the request only beyond the queue", async () => {
    const { ingestGate } = await import("../ingest-gate");
    const gate = ingestGate();
    const body = ndjson({ create: { _index: "logs-endpoint.events.process-default", _id: "bp-1" } }, event(40), { create: { _index: "logs-endpoint.events.process-default", _id: "bp-2" } }, event(41));
    const held = Array.from({ length: gate.maxRequests }, () => gate.admit());
    try {
      // No slot within the queue time: every item 429 es_rejected_execution_exception (clients retry those), nothing stored.
      await withEnv({ VIGIL_INGEST_QUEUE_MS: "150" }, async () => {
        const res = await bulk(req("/es/_bulk", body), ctx());
        expect(res.status).toBe(200);
        const out = await res.json();
        expect(out.errors).toBe(true);
        expect(out.items.map((i: { create: { status: number; error: { type: string } } }) => [i.create.status, i.create.error.type])).toEqual([
          [429, "es_rejected_execution_exception"],
          [429, "es_rejected_execution_exception"],
        ]);
      });
      expect(await db().event.count({ where: { id: { in: ["bp-1", "bp-2"] } } })).toBe(0);
      // Beyond the queue: true overload, the request itself is refused.
      await withEnv({ VIGIL_INGEST_MAX_QUEUED: "0" }, async () => {
        const refused = await bulk(req("/es/_bulk", body), ctx());
        expect(refused.status).toBe(429);
        expect(refused.headers.get("retry-after")).toBe("1");
        expect((await refused.json()).error.type).toBe("es_rejected_execution_exception");
      });
      // A slot that frees while the request waits is handed to it.
      const waiting = bulk(req("/es/_bulk", body), ctx());
      setTimeout(() => held.pop()!(), 100);
      expect((await (await waiting).json()).errors).toBe(false);
    } finally {
      held.forEach((end) => end());
    }
    expect(await db().event.count({ where: { id: { in: ["bp-1", "bp-2"] } } })).toBe(2);
  });

  it("refuses a body that breaks off mid-way with a 400 naming where, storing nothing of it", async () => {
    const enc = new TextEncoder();
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(enc.encode(ndjson({ create: { _index: "logs-endpoint.events.process-default", _id: "cut-1" } }, event(50))));
        else controller.error(new Error("connection reset"));
      },
    });
    const res = await bulk(new Request("http://test/es/_bulk", { method: "POST", headers: { authorization: esAuth, "content-type": "application/x-ndjson" }, body, duplex: "half" } as RequestInit), ctx());
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/could not be read after line 2: connection reset/);
    expect(await db().event.count({ where: { id: "cut-1" } })).toBe(0);
  });

  it("says how much of a long request was stored when a later action line is malformed", async () => {
    await withEnv({ VIGIL_BULK_WINDOW_DOCS: "2" }, async () => {
      const lines: unknown[] = [];
      for (let n = 0; n < 4; n++) lines.push({ create: { _index: "logs-endpoint.events.process-default", _id: `part-${n}` } }, event(70 + n));
      lines.push("not an action", event(80));
      const res = await bulk(req("/es/_bulk", ndjson(...lines)), ctx());
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe(
        "Malformed action/metadata line [9], expected a JSON object (the 4 items before it were processed and stored; re-sending the request is safe)",
      );
      expect(await db().event.count({ where: { id: { startsWith: "part-" } } })).toBe(4);
    });
  });

  it("refuses a line over the per-line limit with 413, naming the line", async () => {
    await withEnv({ VIGIL_INGEST_MAX_LINE_BYTES: "2000" }, async () => {
      const big = event(60, { message: "x".repeat(5000) });
      const res = await bulk(req("/es/_bulk", ndjson({ create: { _index: "logs-endpoint.events.process-default" } }, big)), ctx());
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toBe("line 2 is longer than the limit of 2000 bytes for one line");
    });
  });
});

describe("concurrent re-sends", () => {
  it("stores each event once when the same batch arrives twice at once, in opposite orders", async () => {
    const pairs = Array.from({ length: 400 }, (_, n) => [{ create: { _index: "logs-endpoint.events.process-default", _id: `race-${n}` } }, event(100 + n)]);
    const forward = ndjson(...pairs.flat());
    const backward = ndjson(...[...pairs].reverse().flat());
    const [a, b] = await Promise.all([bulk(req("/es/_bulk", forward), ctx()), bulk(req("/es/_bulk", backward), ctx())]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const statuses = [...(await a.json()).items, ...(await b.json()).items].map((i: { create: { status: number } }) => i.create.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(400);
    expect(statuses.filter((s) => s === 409)).toHaveLength(400);
    expect(await db().event.count({ where: { id: { startsWith: "race-" } } })).toBe(400);
  });
});
