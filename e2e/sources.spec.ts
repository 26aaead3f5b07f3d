/**
 * A SentinelOne Cloud Funnel record shipped through the bulk API as Elastic Agent sends it: the
 * alert page shows the event as the rules read it, and — on request — the document as received.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY, login } from "./helpers";

test("an alert from SentinelOne shows the normalized event and the document as received", async ({ page, request }) => {
  const lines = readFileSync("lib/ingest/normalize/sources/fixtures/sentinel-one.ndjson", "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const body = lines.map((f: { index: string; doc: unknown }) => `${JSON.stringify({ create: { _index: f.index } })}\n${JSON.stringify(f.doc)}\n`).join("");
  const res = await request.post("/es/_bulk", { headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" }, data: body });
  expect((await res.json()).errors).toBe(false);

  const list = await (await request.get("/api/v1/alerts?host=k8s-node-05", { headers: { Authorization: `ApiKey ${API_KEY}` } })).json();
  expect(list.alerts).toHaveLength(1);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/alerts/${list.alerts[0].id}`);
  await expect(page.getByText("from the sentinel_one source")).toBeVisible();
  await expect(page.getByTestId("raw-event")).toContainText('"command_line": "kubectl --kubeconfig /home/mallory/.kube/stolen --as cluster-admin get secrets -n kube-system"');
  await expect(page.getByTestId("original-event")).toBeHidden();
  await page.getByText("As received, before normalizing").click();
  await expect(page.getByTestId("original-event")).toContainText("tgt.process.cmdline");
});
