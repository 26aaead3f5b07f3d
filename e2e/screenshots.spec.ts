/** Screenshots of the pages this work changed, at the two screen sizes analysts use most, for review. */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, ingest, kubectlScenario, login } from "./helpers";

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`settings, the connector edit form and exceptions at ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await login(page, "admin", ADMIN_PASSWORD);
    for (const [path, heading] of [
      ["/settings", "Settings"],
      ["/exceptions", "Exceptions"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/${path.slice(1)}-${size.width}x${size.height}.png` });
    }
    // The side navigation brings a section below the fold into view.
    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Notifications by severity" }).click();
    await expect(page.getByTestId("action-policies")).toBeInViewport();
    await expect(page.getByRole("navigation", { name: "Settings sections" })).toBeInViewport();
    await page.screenshot({ path: `test-results/screenshots/settings-notifications-${size.width}x${size.height}.png` });
    // The connector edit form, filled in from the stored settings.
    const name = `screenshot-${size.width}-${Date.now().toString(36)}`;
    const origin = new URL(page.url()).origin;
    const created = await page.request.post("/api/v1/connectors", { headers: { origin }, data: { name, kind: "jira", config: { baseUrl: "https://jira.example.com", projectKey: "SEC" }, secret: { email: "soc@example.com", apiToken: "t0ken" } } });
    expect(created.status()).toBe(201);
    await page.goto("/settings");
    await page.getByTestId("connectors").locator("li", { hasText: name }).getByRole("button", { name: "Edit" }).click();
    const form = page.getByTestId("connector-edit");
    await expect(form.getByLabel("Jira URL")).toHaveValue("https://jira.example.com");
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/connector-edit-${size.width}x${size.height}.png` });
    await page.getByTestId("connectors").locator("li", { hasText: name }).getByRole("button", { name: "Status webhook" }).click();
    await expect(page.getByTestId("connector-webhook")).toContainText(/POST http\S+\/notify\s*Signing secret\s*[0-9a-f]{64}/);
    await page.screenshot({ path: `test-results/screenshots/connector-webhook-${size.width}x${size.height}.png` });
  });

  test(`an alert page and the cases list at ${size.width}x${size.height}`, async ({ page, request }) => {
    await page.setViewportSize(size);
    await ingest(request, kubectlScenario({ host: `shot-${size.width}-${Date.now().toString(36)}` }).events);
    await login(page, "admin", ADMIN_PASSWORD);
    await page.goto("/alerts");
    await page.locator('a[href^="/alerts/"]').first().click();
    await expect(page.locator("time").first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/alert-${size.width}x${size.height}.png` });
    await page.goto("/cases");
    await expect(page.getByRole("heading", { name: "Cases", exact: true })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/cases-${size.width}x${size.height}.png` });
  });

  test(`the rules page and a rule page at ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await login(page, "admin", ADMIN_PASSWORD);
    await page.goto("/rules");
    await expect(page.getByRole("heading", { name: "Rules", exact: true })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/rules-${size.width}x${size.height}.png` });
    await page.getByText("Import rules").click();
    await expect(page.getByLabel("Strict EQL checking")).toBeVisible();
    await page.getByTestId("rule-import").screenshot({ path: `test-results/screenshots/rule-import-${size.width}x${size.height}.png` });
    await page.getByText("Import rules").click();
    await page.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();
    await expect(page.getByTestId("rule-title")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/rule-${size.width}x${size.height}.png`, fullPage: true });
  });
}
