/**
 * Vigil's /es API as Elastic's own clients use it, unmodified and with their defaults: the
 * JavaScript client 8.x and 9.x (`@elastic/elasticsearch`, as npm aliases), Debian's
 * python3-elasticsearch (7.17), and curl with gzip and deflate bodies.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { Client as Client8 } from "elasticsearch8";
import { Client as Client9 } from "elasticsearch9";
import { API_KEY } from "./helpers";

const INDEX = "logs-endpoint.events.process-default";

function processEvent(id: string, host: string) {
  return {
    "@timestamp": new Date().toISOString(),
    event: { id, category: ["process"], type: ["start"], action: "exec", kind: "event" },
    host: { name: host, os: { type: "linux" } },
    user: { name: "shipper" },
    process: { pid: 2000, entity_id: id, name: "ls", executable: "/usr/bin/ls", args: ["ls", "-la"], parent: { pid: 1999, name: "bash" } },
  };
}

// Both majors have the same API; the 9.x client is typed through 8.x's declarations, and runs as itself.
type ClientOptions = ConstructorParameters<typeof Client8>[0];
const CLIENTS: [string, (o: ClientOptions) => Client8][] = [
  ["8", (o) => new Client8(o)],
  ["9", (o) => new Client9(o as ConstructorParameters<typeof Client9>[0]) as unknown as Client8],
];

for (const [version, makeClient] of CLIENTS) {
  test(`@elastic/elasticsearch ${version}.x: info, ping, bulk, index, create, and helpers.bulk of 40,000 gzip'd documents at its default concurrency, every one accounted for`, async ({ baseURL }) => {
    test.setTimeout(240_000);
    const tag = `js${version}-${Date.now().toString(36)}`;
    const client = makeClient({ node: `${baseURL}/es`, auth: { apiKey: API_KEY }, compression: true, requestTimeout: 60_000 });
    try {
      const info = await client.info();
      expect(info.version.number).toMatch(/^8\./);
      expect(info.tagline).toBe("You Know, for Search");
      expect(await client.ping()).toBe(true);

      const bulk = await client.bulk({ operations: [{ create: { _index: INDEX, _id: `${tag}-b1` } }, processEvent(`${tag}-b1`, tag), { index: { _index: INDEX } }, processEvent(`${tag}-b2`, tag)] });
      expect(bulk.errors).toBe(false);
      expect(bulk.items.map((i) => Object.values(i)[0]?.status)).toEqual([201, 201]);

      const indexed = await client.index({ index: INDEX, id: `${tag}-i1`, document: processEvent(`${tag}-i1`, tag) });
      expect(indexed.result).toBe("created");
      expect((await client.index({ index: INDEX, id: `${tag}-i1`, document: processEvent(`${tag}-i1`, tag) })).result).toBe("noop");
      const created = await client.create({ index: INDEX, id: `${tag}-c1`, document: processEvent(`${tag}-c1`, tag) });
      expect(created.result).toBe("created");
      await expect(client.create({ index: INDEX, id: `${tag}-c1`, document: processEvent(`${tag}-c1`, tag) })).rejects.toMatchObject({ meta: { statusCode: 409 } });
      await expect(client.index({ index: INDEX, document: { "@timestamp": "not a time" } })).rejects.toMatchObject({ meta: { statusCode: 400, body: { error: { type: "document_parsing_exception" } } } });

      // 40,000 documents through helpers.bulk: 5 requests at once by default, one more than Vigil's
      // ingest slots (flushed every 1 MB so that there are ~16 requests to overlap). A request over
      // the slots waits in the queue; items still rejected come back 429 and the helper retries them.
      const ids = Array.from({ length: 40_000 }, (_, i) => `${tag}-h${i}`);
      const first = await client.helpers.bulk({ datasource: ids.map((id) => processEvent(id, tag)), flushBytes: 1_000_000, onDocument: (doc) => ({ create: { _index: INDEX, _id: doc.event.id } }), onDrop: () => undefined });
      expect(first.aborted).toBe(false);
      expect(first.failed).toBe(0);
      expect(first.successful).toBe(40_000);
      // The same again: every one is already there exactly once, so every create is a conflict.
      const conflicts: number[] = [];
      const again = await client.helpers.bulk({ datasource: ids.map((id) => processEvent(id, tag)), flushBytes: 1_000_000, onDocument: (doc) => ({ create: { _index: INDEX, _id: doc.event.id } }), onDrop: (d) => void conflicts.push(d.status) });
      expect(again.successful).toBe(0);
      expect(conflicts.length).toBe(40_000);
      expect(new Set(conflicts)).toEqual(new Set([409]));
    } finally {
      await client.close();
    }
  });
}

test("Debian's python3-elasticsearch (7.17): the product check at /es/, info and helpers.bulk", async ({ baseURL }) => {
  const tag = `py-${Date.now().toString(36)}`;
  const script = `
import json, sys
from elasticsearch import Elasticsearch, helpers
es = Elasticsearch([sys.argv[1]], api_key=sys.argv[2])
info = es.info()
docs = [{"_op_type": "create", "_index": "${INDEX}", "_id": f"${tag}-{i}", "_source": json.loads(sys.argv[3].replace("ID", f"${tag}-{i}"))} for i in range(500)]
ok, errors = helpers.bulk(es, docs, raise_on_error=False)
print(json.dumps({"version": info["version"]["number"], "ok": ok, "errors": len(errors)}))
`;
  const run = spawnSync("/usr/bin/python3", ["-c", script, `${baseURL}/es`, API_KEY, JSON.stringify(processEvent("ID", tag))], { encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout.trim().split("\n").pop()!)).toEqual({ version: expect.stringMatching(/^8\./), ok: 500, errors: 0 });
});

test("curl sends gzip and deflate bodies to /es/_bulk, /es/{index}/_bulk and /api/v1/events, with filter_path as Beats use it", async ({ baseURL }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-curl-"));
  const tag = `curl-${Date.now().toString(36)}`;
  const bulkOf = (ids: string[]) => ids.map((id) => `{"create":{"_index":"${INDEX}","_id":"${id}"}}\n${JSON.stringify(processEvent(id, tag))}\n`).join("");
  const cases = [
    { url: "/es/_bulk?filter_path=errors,items.*.error,items.*.status", encoding: "gzip", body: gzipSync(bulkOf([`${tag}-g1`, `${tag}-g2`]), { level: 1 }) },
    { url: `/es/${INDEX}/_bulk`, encoding: "deflate", body: deflateSync(bulkOf([`${tag}-d1`])) },
    { url: "/api/v1/events", encoding: "gzip", body: gzipSync(JSON.stringify(processEvent(`${tag}-e1`, tag))) },
  ];
  const answers = cases.map(({ url, encoding, body }, i) => {
    const file = path.join(dir, `body-${i}`);
    writeFileSync(file, body);
    const run = spawnSync("curl", ["-sS", "-X", "POST", `${baseURL}${url}`, "-H", `Authorization: ApiKey ${API_KEY}`, "-H", "Content-Type: application/x-ndjson", "-H", `Content-Encoding: ${encoding}`, "--data-binary", `@${file}`], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  });
  // filter_path keeps exactly what was asked: errors, and each item's status (no error: none given).
  expect(answers[0]).toEqual({ errors: false, items: [{ create: { status: 201 } }, { create: { status: 201 } }] });
  expect(answers[1].items[0].create.status).toBe(201);
  expect(answers[2].accepted).toBe(1);
});
