import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY, ingest, kubectlScenario, login } from "./helpers";
import { SAME_ORIGIN } from "./origin";

test("a viewer sees no triage controls and the API refuses their changes", async ({ browser, page, request }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  const created = await page.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { username: "vera", name: "Vera Viewer", password: "viewer-password", role: "viewer" } });
  expect([201, 409]).toContain(created.status());
  const scenario = kubectlScenario();
  await ingest(request, scenario.events);
  const list = await request.get(`/api/v1/alerts?host=${scenario.host}`, { headers: { Authorization: `ApiKey ${API_KEY}` } });
  const alertId = (await list.json()).alerts[0].id as string;

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await login(viewer, "vera", "viewer-password");
  await viewer.goto(`/alerts/${alertId}`);
  await expect(viewer.getByTestId("alert-title")).toBeVisible();
  await expect(viewer.getByTestId("triage")).toHaveCount(0);
  await expect(viewer.getByTestId("check-0")).toBeDisabled();
  await viewer.goto("/alerts");
  await expect(viewer.getByTestId("bulk")).toHaveCount(0);

  const patch = await viewer.request.patch(`/api/v1/alerts/${alertId}`, { headers: SAME_ORIGIN, data: { status: "acknowledged" } });
  expect(patch.status()).toBe(403);
  const tick = await viewer.request.put(`/api/v1/alerts/${alertId}/checklist`, { headers: SAME_ORIGIN, data: { step: 0, checked: true } });
  expect(tick.status()).toBe(403);
  const bulk = await viewer.request.patch(`/api/v1/alerts`, { headers: SAME_ORIGIN, data: { ids: [alertId], status: "acknowledged" } });
  expect(bulk.status()).toBe(403);
  await viewerContext.close();
});

test("markup in process args, user name and host name is shown as text, never run", async ({ page, request }) => {
  const script = "<script>window.__pwned = 1</script>";
  const img = '<img src=x onerror="window.__pwned = 2">';
  const scenario = kubectlScenario({ host: `h${Date.now()}${img}`, user: `u${script}`, args: ["kubectl", `--as=${script}`, img] });
  await ingest(request, scenario.events);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/alerts?host=${encodeURIComponent(scenario.host)}`);
  await expect(page.getByTestId("cell-host")).toHaveText(scenario.host);
  await expect(page.getByTestId("cell-user")).toHaveText(scenario.user);
  await page.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();
  await expect(page.getByTestId("matched-flag")).toHaveText(`--as=${script}`);
  const me = page.getByTestId("process-tree").locator('[data-highlighted="true"]');
  await expect(me.getByTestId("tree-args")).toHaveText(`kubectl --as=${script} ${img}`);
  await expect(page.getByTestId("raw-event")).toContainText(script);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
});
