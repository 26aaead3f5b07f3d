/**
 * Rules change live across instances: two Vigil servers on one PostgreSQL. Rules are imported with
 * `vigil rules import` (the command line, against that database), an admin enables one through the
 * first server's API, and the second server — never restarted — alerts on it at its next window;
 * disabled through the first, the second stops.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sharedCorpus } from "../lib/corpus/shared-corpus";
import { startVigilServer, type VigilServer } from "../scripts/support/vigil-server";

const PROXYCHAINS = path.join(sharedCorpus("detection-rules"), "rules/linux/command_and_control_linux_proxychains_activity.toml");
const RULE_ID = "4b868f1f-15ff-4ba3-8c11-d5a7a6356d37";
const PASSWORD = "Lattice-Harbor-42";

let first: VigilServer;
let second: VigilServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  first = await startVigilServer();
  second = await startVigilServer({}, [], first.databaseUrl);
});

test.afterAll(async () => {
  await second?.stop();
  await first?.stop();
});

async function adminCookie(base: string): Promise<string> {
  const { createUser } = await import("../lib/auth/create-user");
  await createUser({ username: "rulesadmin", name: "Rules Admin", password: PASSWORD, role: "admin" });
  const res = await fetch(`${base}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username: "rulesadmin", password: PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const shipTo = (server: VigilServer) =>
  fetch(`${server.base}/es/logs-endpoint.events.process-default/_bulk`, {
    method: "POST",
    headers: { authorization: `ApiKey ${server.apiKey}`, "content-type": "application/x-ndjson" },
    body: `{"create":{}}\n${JSON.stringify({
      "@timestamp": new Date().toISOString(),
      event: { id: randomUUID(), category: ["process"], type: ["start"], action: "exec" },
      host: { name: "node-live", os: { type: "linux" } },
      process: { pid: 77, name: "proxychains", args: ["proxychains", "ssh", "x"], parent: { name: "bash", pid: 76 } },
    })}\n`,
  });

test("a rule imported by the command line and enabled on one instance alerts on the other at once", async () => {
  test.setTimeout(120_000);
  const cli = spawnSync(process.execPath, ["bin/vigil.mjs", "rules", "import", PROXYCHAINS], { encoding: "utf8", env: { ...process.env, DATABASE_URL: first.databaseUrl }, timeout: 60_000 });
  expect(cli.stdout, cli.stderr).toContain("imported 1, updated 0, skipped 0, errors 0");
  expect(cli.status).toBe(0);
  const again = spawnSync(process.execPath, ["bin/vigil.mjs", "rules", "import", PROXYCHAINS], { encoding: "utf8", env: { ...process.env, DATABASE_URL: first.databaseUrl }, timeout: 60_000 });
  expect(again.stdout).toContain("version 1 is not newer than the stored version 1");

  // Imported rules start disabled: the second instance ships without an alert.
  expect((await shipTo(second)).status).toBe(200);
  expect(await second.count(`SELECT count(*) AS n FROM alert WHERE "ruleId" = '${RULE_ID}'`)).toBe(0);

  const cookie = await adminCookie(first.base);
  const rules = await (await fetch(`${first.base}/api/v1/rules?q=ProxyChains`, { headers: { cookie } })).json();
  const id = rules.rules[0].id;
  const enable = await fetch(`${first.base}/api/v1/rules/${id}`, { method: "PATCH", headers: { cookie, origin: first.base, "content-type": "application/json" }, body: JSON.stringify({ enabled: true }) });
  expect(enable.status).toBe(200);

  expect((await shipTo(second)).status).toBe(200);
  expect(await second.count(`SELECT count(*) AS n FROM alert WHERE "ruleId" = '${RULE_ID}'`)).toBe(1);

  await fetch(`${first.base}/api/v1/rules/bulk`, { method: "POST", headers: { cookie, origin: first.base, "content-type": "application/json" }, body: JSON.stringify({ action: "disable", ids: [id] }) });
  expect((await shipTo(second)).status).toBe(200);
  expect(await second.count(`SELECT count(*) AS n FROM alert WHERE "ruleId" = '${RULE_ID}'`)).toBe(1);
  expect(await first.count(`SELECT count(*) AS n FROM audit_entry WHERE action IN ('rule.import', 'rule.update', 'rule.bulk_update')`)).toBe(4);
});
