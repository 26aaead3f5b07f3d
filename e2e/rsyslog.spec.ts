/**
 * Debian's rsyslog with omelasticsearch, run as its own process, ships an NDJSON file of ECS events
 * to /es with Basic credentials (its only kind: the API key is the password). While its first
 * batch is sent every ingest slot is held, so the batch is answered item by item with 429; rsyslog
 * retries those items and every event arrives, the kubectl impersonation among them as an alert.
 */
import { spawn, spawnSync } from "node:child_process";
import { request as httpRequest, type ClientRequest } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { API_KEY, kubectlScenario } from "./helpers";

const INDEX = "logs-endpoint.events.process-default";
const INGEST_SLOTS = 4; // VIGIL_INGEST_MAX_REQUESTS's default, as the e2e server runs

/** A bulk request that is admitted (its first item arrives) and then holds its slot until ended. */
function heldBulk(base: string, id: string): { req: ClientRequest; done: Promise<number> } {
  const url = new URL("/es/_bulk", base);
  const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson", "transfer-encoding": "chunked" } });
  const done = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
  const doc = kubectlScenario({ host: `held-${id}` }).events[0];
  req.write(`{"create":{"_index":"${INDEX}","_id":"${id}"}}\n${JSON.stringify(doc)}\n`);
  return { req, done };
}

test("rsyslog ships a file to /es with Basic auth; a batch met by backpressure is retried, not dropped", async ({ baseURL, request }) => {
  test.setTimeout(120_000);
  expect(spawnSync("rsyslogd", ["-v"]).status, "rsyslog is installed (.ci/run installs rsyslog and rsyslog-elasticsearch)").toBe(0);
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-rsyslog-"));
  const tag = Date.now().toString(36);
  const attack = kubectlScenario({ host: `rsyslog-${tag}`, user: `rs-${tag}` });
  const filler = Array.from({ length: 40 }, (_, i) => ({ ...kubectlScenario({ host: `rsyslog-${tag}` }).events[0], event: { id: `rs-${tag}-${i}`, category: ["process"], type: ["start"], action: "exec" } }));
  const events = [...filler, ...attack.events];
  writeFileSync(path.join(dir, "events.ndjson"), events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  // Retried items go back through the same ruleset (rsyslog's documented pattern), which stops on success.
  writeFileSync(
    path.join(dir, "rsyslog.conf"),
    `global(workDirectory="${dir}")
module(load="imfile")
module(load="omelasticsearch")
template(name="ecs" type="string" string="%msg%")
input(type="imfile" file="${dir}/events.ndjson" tag="endpoint" ruleset="vigil")
ruleset(name="vigil") {
  if strlen($.omes!status) > 0 and ($.omes!status == 200 or $.omes!status == 201) then stop
  action(type="omelasticsearch" server="${baseURL}/es" searchIndex="${INDEX}" template="ecs" bulkmode="on"
         uid="rsyslog" pwd="${API_KEY}" retryfailures="on" retryruleset="vigil"
         action.resumeRetryCount="-1" action.resumeInterval="1")
}
`,
  );

  // Every slot held: rsyslog's batch waits the queue time, then each item gets 429.
  const held = Array.from({ length: INGEST_SLOTS }, (_, i) => heldBulk(baseURL!, `held-${tag}-${i}`));
  // Until every slot is taken, a probe (a document that would be refused anyway, never stored) is admitted.
  await expect
    .poll(async () => {
      const probe = await request.post("/es/_bulk", { headers: { authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: `{"create":{"_index":"${INDEX}"}}\n{"@timestamp":"never"}\n` });
      return (await probe.json()).items[0].create.error.type;
    }, { timeout: 20_000 })
    .toBe("es_rejected_execution_exception");
  const rsyslog = spawn("rsyslogd", ["-n", "-f", path.join(dir, "rsyslog.conf"), "-i", path.join(dir, "rsyslogd.pid")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  rsyslog.stdout.on("data", (d) => (log += d));
  rsyslog.stderr.on("data", (d) => (log += d));
  const alerts = async () => (await (await request.get(`/api/v1/alerts?host=rsyslog-${tag}`, { headers: { authorization: `ApiKey ${API_KEY}` } })).json()).alerts.length;
  try {
    // Held for three times the queue time (2 s): rsyslog's batch, sent within a second, has had its
    // items answered 429 at least once, and nothing of it is stored yet.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await alerts(), log).toBe(0);
    for (const h of held) h.req.end();
    expect(await Promise.all(held.map((h) => h.done))).toEqual(Array(INGEST_SLOTS).fill(200));

    // rsyslog retried the rejected items: the alert arrives, and every event is stored exactly once.
    await expect.poll(alerts, { timeout: 60_000 }).toBe(1);
    // Only now: a create for an event not yet stored would store it and hide a loss.
    await new Promise((r) => setTimeout(r, 2_000));
    const probe = filler.map((e) => `{"create":{"_index":"${INDEX}"}}\n${JSON.stringify(e)}\n`).join("");
    const answer = await (await request.post("/es/_bulk", { headers: { authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: probe })).json();
    expect(answer.items.map((i: { create: { status: number } }) => i.create.status)).toEqual(Array(filler.length).fill(409));
  } finally {
    rsyslog.kill("SIGTERM");
    for (const h of held) h.req.destroy();
  }
});
