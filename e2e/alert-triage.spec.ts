import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY, ingest, kubectlScenario, login } from "./helpers";

test("an analyst sees the seed scenario's alert, its tree and flags, works the checklist and closes it", async ({ page, request }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  const scenario = kubectlScenario();
  const result = await ingest(request, scenario.events);
  expect(result).toMatchObject({ accepted: 2, alerts_created: 1 });

  await page.goto(`/alerts?host=${scenario.host}`);
  const row = page.getByTestId("alert-row");
  await expect(row).toHaveCount(1, { timeout: 1000 });
  await expect(row).toContainText("Potential Impersonation Attempt via Kubectl");
  await row.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();

  // Process tree: shell → kubectl, the alert's process highlighted with its arguments.
  const tree = page.getByTestId("process-tree");
  await expect(tree.getByTestId("tree-name")).toHaveText(["bash", "kubectl"]);
  const me = tree.locator('[data-highlighted="true"]');
  await expect(me.getByTestId("tree-name")).toHaveText("kubectl");
  await expect(me.getByTestId("tree-args")).toHaveText("kubectl get secrets -A --as=system:admin");

  // The flag that matched, highlighted with the pattern it matched.
  const flag = page.getByTestId("matched-flag");
  await expect(flag).toHaveText("--as=system:admin");
  await expect(flag).toHaveAttribute("title", 'matched like~ "--as*"');
  await expect(page.getByTestId("conditions")).toContainText('process.parent.name "bash" in "bash"');

  // Checklist ticks persist with who and when.
  await page.getByTestId("check-0").check();
  await expect(page.getByTestId("ticked-0")).toContainText("ticked by admin");
  await page.reload();
  await expect(page.getByTestId("check-0")).toBeChecked();
  await expect(page.getByTestId("ticked-0")).toContainText("ticked by admin at");

  // open → acknowledged → closed as false positive.
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("acknowledged");
  await page.getByLabel("close reason").selectOption("false_positive");
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("closed · false_positive");

  const api = await request.get(`/api/v1/alerts?host=${scenario.host}`, { headers: { Authorization: `ApiKey ${API_KEY}` } });
  expect((await api.json()).alerts[0]).toMatchObject({ status: "closed", close_reason: "false_positive", host: scenario.host });
});

test("filters and sorting change the rows", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const a = kubectlScenario({ host: `filter-a-${tag}`, user: `alice-${tag}`, at: new Date(Date.now() - 60_000) });
  const b = kubectlScenario({ host: `filter-b-${tag}`, user: `bob-${tag}`, at: new Date() });
  await ingest(request, [...a.events, ...b.events]);
  await login(page, "admin", ADMIN_PASSWORD);

  await page.goto(`/alerts?q=${encodeURIComponent("--as=system:admin")}&sort=created_at&order=desc`);
  await page.getByLabel("User", { exact: true }).fill(`alice-${tag}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("cell-user")).toHaveText([`alice-${tag}`]);

  await page.goto(`/alerts?host=filter-a-${tag}`);
  await expect(page.getByTestId("cell-host")).toHaveText([`filter-a-${tag}`]);

  // Both, newest first by event time, then reversed.
  await page.goto(`/alerts?sort=event_time&order=desc&limit=500`);
  const desc = await page.getByTestId("cell-host").allTextContents();
  await page.getByTestId("sort-event_time").click();
  await expect(page).toHaveURL(/order=asc/);
  const asc = await page.getByTestId("cell-host").allTextContents();
  const ours = (xs: string[]) => xs.filter((x) => x.endsWith(tag));
  expect(ours(desc)).toEqual([`filter-b-${tag}`, `filter-a-${tag}`]);
  expect(ours(asc)).toEqual([`filter-a-${tag}`, `filter-b-${tag}`]);
});
