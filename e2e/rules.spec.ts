/**
 * The rules page as an admin uses it: the built-in rule is there and enabled; rules are imported
 * from an archive through the file picker (with a result table); a tag filter and "enable all
 * matching" turn them on; an event shipped to a rule's index alerts at once, one shipped to another
 * index does not; a rule whose query does not compile shows the engine's diagnostic.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { sharedCorpus } from "../lib/corpus/shared-corpus";
import { ADMIN_PASSWORD, API_KEY, ingest, kubectlScenario, login } from "./helpers";
import { SAME_ORIGIN } from "./origin";

const LINUX = path.join(sharedCorpus("detection-rules"), "rules/linux");
const PROXYCHAINS = readFileSync(path.join(LINUX, "command_and_control_linux_proxychains_activity.toml"));
const EARTHWORM = readFileSync(path.join(LINUX, "command_and_control_tunneling_via_earthworm.toml"));
const BROKEN = `[rule]\nrule_id = "e2e-broken"\nname = "E2E broken query"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "eql"\nlanguage = "eql"\ntags = ["E2E: import"]\nquery = '''\nprocess where process.name ==\n'''\n`;

const proxychains = () => ({
  "@timestamp": new Date().toISOString(),
  event: { id: randomUUID(), category: ["process"], type: ["start"], action: "exec" },
  host: { name: `node-${randomUUID().slice(0, 6)}`, os: { type: "linux" } },
  user: { name: "dev" },
  process: { pid: 4242, name: "proxychains", args: ["proxychains", "curl", "http://example.invalid"], parent: { name: "bash", pid: 4200 } },
});

test("import an archive, enable by tag, and an enabled rule alerts for its own indices only", async ({ page }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/rules");
  await expect(page.getByTestId("rule-row").filter({ hasText: "Potential Impersonation Attempt via Kubectl" })).toContainText("on");

  const zip = zipSync({ "linux/proxychains.toml": PROXYCHAINS, "linux/earthworm.toml": EARTHWORM, "broken.toml": new TextEncoder().encode(BROKEN), "README.md": new TextEncoder().encode("notes") });
  await page.getByText("Import rules").click();
  await page.locator('input[type="file"]').setInputFiles({ name: "linux-rules.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("3 imported, 0 updated, 0 skipped, 1 error(s), 1 other file(s) ignored");
  await expect(result).toContainText("linux-rules.zip!broken.toml");
  await expect(result).toContainText(/rule e2e-broken: query does not compile: 1:30 unexpected end of query/);

  // Both Linux rules are disabled; enable every rule tagged "Data Source: Auditd Manager" (earthworm and proxychains).
  await page.goto(`/rules?tag=${encodeURIComponent("Data Source: Auditd Manager")}&enabled=false`);
  await expect(page.getByTestId("rules-total")).toHaveText("2 rule(s)");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Enable all 2 matching" }).click();
  await expect(page.getByRole("status")).toHaveText("2 rule(s) enabled.");
  await expect(page.getByTestId("rules-total")).toHaveText("0 rule(s)");

  // Shipped to the rule's index: an alert within a second. To an unrelated index: none.
  const bulk = (index: string, doc: unknown) =>
    page.request.post(`/es/${index}/_bulk`, { headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: `{"create":{}}\n${JSON.stringify(doc)}\n` });
  const started = Date.now();
  expect((await bulk("logs-endpoint.events.process-default", proxychains())).status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(1000);
  expect((await bulk("some-unrelated-index", proxychains())).status()).toBe(200);
  await page.goto("/rules?q=ProxyChains");
  await expect(page.getByTestId("rule-row")).toContainText("1 / 1");

  // Its page draws the match in this hour of its sparkline; hovering the hour gives its count.
  await page.getByRole("link", { name: "ProxyChains Activity" }).click();
  const spark = page.getByTestId("rule-sparkline");
  await expect(spark).toHaveAttribute("data-alerts", "1");
  await expect(spark.locator("figcaption")).toHaveText("Matches per hour, last 7 days: 1 alert");
  const chart = spark.locator(".recharts-wrapper");
  const box = (await chart.boundingBox())!;
  await chart.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  await expect(spark.locator(".recharts-tooltip-wrapper")).toContainText(/alerts\s*:\s*1/);

  // The broken rule: failed, cannot be enabled, its page shows the diagnostic with the caret.
  await page.goto("/rules?status=failed");
  await expect(page.getByTestId("rule-row")).toHaveCount(1);
  await expect(page.getByRole("switch", { name: "enabled: E2E broken query" })).toBeDisabled();
  await page.getByRole("link", { name: "E2E broken query" }).click();
  await expect(page.getByTestId("rule-diagnostic")).toContainText(/^1:30 unexpected end of query/);
  await expect(page.getByTestId("rule-diagnostic")).toContainText("^");
  const refused = await page.request.patch(page.url().replace("/rules/", "/api/v1/rules/"), { headers: SAME_ORIGIN, data: { enabled: true } });
  expect(refused.status()).toBe(409);
});

test("a Kibana export brings its exception items, and the import offers a preview of its rule", async ({ page }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/rules");
  await page.getByText("Import rules").click();
  await page.locator('input[type="file"]').setInputFiles({ name: "export.ndjson", mimeType: "application/x-ndjson", buffer: readFileSync("lib/rules/fixtures/kibana-export.ndjson") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("1 imported, 0 updated, 2 skipped");
  await expect(result).toContainText("Exception items from the export: 4 added, 0 updated");
  await result.getByRole("link", { name: "Preview what it would have found" }).click();
  await expect(page.getByRole("heading", { name: "Shell from SSH" })).toBeVisible();
  await expect(page).toHaveURL(/#preview$/);
  await expect(page.getByTestId("rule-preview")).toBeVisible();
  await page.goto("/exceptions");
  await expect(page.getByText("imported from Kibana: The bastion host")).toBeVisible();
});

test("the rules API: list with filters and cursor, one rule, overrides, and roles", async ({ page, request }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  const list = await (await page.request.get("/api/v1/rules?limit=1")).json();
  expect(list.rules).toHaveLength(1);
  expect(list.next_cursor).toEqual(expect.any(String));
  const next = await (await page.request.get(`/api/v1/rules?limit=1&cursor=${encodeURIComponent(list.next_cursor)}`)).json();
  expect(next.rules[0].id).not.toBe(list.rules[0].id);
  expect((await page.request.get("/api/v1/rules?cursor=nonsense")).status()).toBe(400);
  expect((await page.request.get("/api/v1/rules?severity=urgent")).status()).toBe(400);

  const seed = (await (await page.request.get("/api/v1/rules?q=Kubectl")).json()).rules[0];
  expect(seed).toMatchObject({ rule_id: "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d", enabled: true, status: "ok", interval: "5m", from: "now-9m", max_signals: 100 });
  const detail = await (await page.request.get(`/api/v1/rules/${seed.id}`)).json();
  expect(detail.rule.query).toContain("kubectl");
  expect(detail.rule.setup).toBeTruthy();

  const patched = await page.request.patch(`/api/v1/rules/${seed.id}`, { headers: SAME_ORIGIN, data: { risk_score: 80 } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).rule.risk_score).toBe(80);
  expect((await page.request.patch(`/api/v1/rules/${seed.id}`, { headers: SAME_ORIGIN, data: { risk_score: null } })).status()).toBe(200);
  expect((await page.request.patch(`/api/v1/rules/${seed.id}`, { headers: { Origin: "https://evil.example" }, data: { enabled: false } })).status()).toBe(403);
  expect((await page.request.post("/api/v1/rules/bulk", { headers: SAME_ORIGIN, data: { action: "enable" } })).status()).toBe(400);

  // An ingest key may not change rules; a read key may list them.
  expect((await request.post("/api/v1/rules/bulk", { headers: { Authorization: `ApiKey ${API_KEY}` }, data: { action: "disable", ids: [seed.id] } })).status()).toBe(403);
  const audit = await (await page.request.get("/api/v1/audit?action=rule.update")).json();
  expect(audit.entries.map((e: { target_id: string; actor: { name: string } }) => [e.target_id, e.actor.name])).toContainEqual([seed.id, "admin"]);
  expect((await (await page.request.get("/api/v1/audit?action=rule.bulk_update")).json()).entries[0].changes).toMatchObject({ action: "enable", updated: 2 });
});

test("preview a rule over stored events, then back-fill its alerts once", async ({ page }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/rules?q=ProxyChains");
  await page.getByRole("link", { name: "ProxyChains Activity" }).click();
  await page.getByRole("button", { name: "Preview" }).click();
  // Two proxychains events were shipped by the first test: one to the rule's index, one elsewhere.
  await expect(page.getByTestId("preview-summary")).toContainText(/^1 match\(es\) in \d+ event\(s\) read, \d+ ms/);
  await expect(page.getByTestId("rule-preview")).toContainText("process.name");

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Create these alerts (back-fill)" }).click();
  const runs = page.getByTestId("rule-runs");
  await expect(runs.locator("tbody tr").first()).toContainText("done");
  // The match alerted at ingest already: the back-fill found it and created nothing twice.
  await expect(runs.locator("tbody tr").first().locator("td").nth(5)).toHaveText("0");
  await expect(runs.locator("tbody tr").first().locator("td").nth(4)).toHaveText("1");
});

test("guide facts come from data: the auditd case shows the parent Vigil reconstructed beside step 2", async ({ page, request }) => {
  const host = `auditd-${randomUUID().slice(0, 6)}`;
  const at = Date.now();
  const base = { host: { name: host, os: { type: "linux" } }, user: { name: "ops" } };
  const shell = { ...base, "@timestamp": new Date(at - 1000).toISOString(), event: { id: randomUUID(), category: ["process"], type: ["start"], action: "executed" }, process: { pid: 5100, name: "bash", executable: "/tmp/.x/bash", args: ["bash"], parent: { pid: 1 } } };
  const kubectl = { ...base, "@timestamp": new Date(at).toISOString(), event: { id: randomUUID(), category: ["process"], type: ["start"], action: "executed" }, process: { pid: 5101, name: "kubectl", args: ["kubectl", "--token=abc", "get", "secrets"], parent: { pid: 5100 } } };
  const res = await request.post("/api/v1/events", { headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: `${JSON.stringify(shell)}\n${JSON.stringify(kubectl)}` });
  expect((await res.json()).alerts_created).toBe(1);
  await login(page, "admin", ADMIN_PASSWORD);
  const list = await (await page.request.get(`/api/v1/alerts?host=${host}`)).json();
  await page.goto(`/alerts/${list.alerts[0].id}`);
  const steps = page.getByTestId("guide-steps").locator("li");
  await expect(steps.nth(0)).toContainText("process.args: kubectl --token=abc get secrets");
  await expect(steps.nth(1)).toContainText("process.parent.name: bash — filled in by Vigil from the parent process");
  await expect(steps.nth(1)).toContainText("process.parent.executable: /tmp/.x/bash — filled in by Vigil");
  await expect(steps.nth(2)).toContainText(`user.name: ops`);
  await expect(steps.nth(3)).toContainText("other alert");
});

test("an admin sends a rule's new alerts to a webhook, throttled, and sees the deliveries on the rule", async ({ page, request }) => {
  const got: { text: string; count: number }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  try {
    await login(page, "admin", ADMIN_PASSWORD);
    await page.goto("/rules?q=Kubectl");
    await page.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();
    const panel = page.getByTestId("rule-actions");
    await panel.getByRole("button", { name: "Add an action" }).click();
    await panel.getByLabel("URL", { exact: true }).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await panel.getByRole("button", { name: "Save actions" }).click();
    await expect(panel.getByRole("status")).toHaveText("Actions saved.");

    const { events } = kubectlScenario({ user: "actions-user" });
    await ingest(request, events);
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(1);
    expect(got[0]).toMatchObject({ count: 1 });
    expect(got[0].text).toContain("Potential Impersonation Attempt via Kubectl");
    await page.reload();
    await expect(page.getByTestId("rule-action-state")).toContainText("1 delivered, 0 failed");
    // Off again, so other tests' alerts are not announced.
    await page.request.patch(page.url().replace("/rules/", "/api/v1/rules/"), { headers: SAME_ORIGIN, data: { actions: null } });
  } finally {
    receiver.close();
  }
});

test("a rule enabled after its events were stored shows its gap, and filling it creates their alerts", async ({ page }) => {
  const name = `e2e-gap-${randomUUID().slice(0, 8)}`;
  const toml = `[rule]\nrule_id = "${name}"\nname = "E2E gap ${name}"\ndescription = "x"\nseverity = "medium"\nrisk_score = 40\ntype = "eql"\nlanguage = "eql"\nfrom = "now-9m"\nindex = ["logs-e2e-gap-*"]\nquery = '''\nprocess where process.name == "${name}"\n'''\n`;
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/rules");
  await page.getByText("Import rules").click();
  await page.locator('input[type="file"]').setInputFiles({ name: `${name}.toml`, mimeType: "application/toml", buffer: Buffer.from(toml) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("1 imported");
  // Shipped while the rule is disabled: stored, no alert.
  const doc = { "@timestamp": new Date(Date.now() - 2 * 60_000).toISOString(), event: { id: randomUUID(), category: ["process"], type: ["start"] }, host: { name: "gap-host" }, user: { name: "dev" }, process: { pid: 7, name, args: [name] } };
  const shipped = await page.request.post("/es/logs-e2e-gap-default/_bulk", { headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: `{"create":{}}\n${JSON.stringify(doc)}\n` });
  expect(shipped.status()).toBe(200);

  await page.goto(`/rules?q=${name}`);
  await page.getByRole("switch", { name: `enabled: E2E gap ${name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`“E2E gap ${name}” enabled.`);
  await page.goto(`/rules?status=gap&q=${name}`);
  await expect(page.getByTestId("rule-row")).toHaveCount(1);
  await expect(page.getByTestId("rule-row")).toContainText("gap");
  await page.getByRole("link", { name: `E2E gap ${name}` }).click();
  await expect(page.getByTestId("rule-gap")).toContainText("were never seen by this rule");
  await page.getByTestId("rule-preview").screenshot({ path: "test-results/screenshots/rule-gap.png" });
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Fill the gap (back-fill)" }).click();
  await expect(page.getByTestId("rule-runs").locator("tbody tr").first()).toContainText("done");
  await expect(page.getByTestId("rule-runs").locator("tbody tr").first().locator("td").nth(5)).toHaveText(/^1\b/);
  await page.reload();
  await expect(page.getByTestId("rule-gap")).toHaveCount(0);
  await expect(page.getByTestId("rule-title")).toHaveText(`E2E gap ${name}`);
});

test("an admin adds a notification policy for every rule at or above a severity, and it is listed and audited", async ({ page }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/settings");
  const section = page.getByTestId("action-policies");
  await section.getByRole("button", { name: "Add a notification policy" }).click();
  await section.getByLabel("Name", { exact: true }).fill("On-call: high and above");
  await section.getByLabel("Alerts of severity").selectOption("high");
  await section.getByLabel("URL", { exact: true }).fill("https://hooks.example.com/oncall");
  await section.getByRole("button", { name: "Add the policy" }).click();
  await expect(section.getByRole("status")).toHaveText("“On-call: high and above” added.");
  const row = section.getByTestId("action-policy-row").filter({ hasText: "On-call: high and above" });
  await expect(row).toContainText("high and above");
  await expect(row).toContainText("webhook https://hooks.example.com/oncall");
  await row.getByRole("switch").click();
  await expect(row.getByRole("switch")).toHaveText("off");
  await section.screenshot({ path: "test-results/screenshots/action-policies.png" });
  const audit = await (await page.request.get("/api/v1/audit?action=action_policy.create")).json();
  expect(audit.entries[0]).toMatchObject({ action: "action_policy.create" });
  // A target the connector policy refuses is refused with its reason.
  await section.getByRole("button", { name: "Add a notification policy" }).click();
  await section.getByLabel("Name", { exact: true }).fill("metadata");
  await section.getByLabel("URL", { exact: true }).fill("http://169.254.169.254/latest");
  await section.getByRole("button", { name: "Add the policy" }).click();
  await expect(section.getByRole("status")).toContainText("actions.targets.0.url");
});

test("strict EQL checking at import fails a query Vigil would otherwise run, with the engine's line:col", async ({ page }) => {
  const name = `e2e-strict-${randomUUID().slice(0, 8)}`;
  const toml = `[rule]\nrule_id = "${name}"\nname = "E2E strict ${name}"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "eql"\nlanguage = "eql"\nquery = '''\nprocess where ?process.name == ?process.parent.name\n'''\n`;
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/rules");
  await page.getByText("Import rules").click();
  await page.getByLabel("Strict EQL checking").check();
  await page.locator('input[type="file"]').setInputFiles({ name: `${name}.toml`, mimeType: "application/toml", buffer: Buffer.from(toml) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("1 imported, 0 updated, 0 skipped, 1 error(s)");
  await expect(page.getByTestId("import-result").locator("tbody tr").first()).toContainText("query does not compile: 1:15 comparing two fields is not supported");
  await page.getByTestId("rule-import").screenshot({ path: "test-results/screenshots/rule-import-strict.png" });
});
