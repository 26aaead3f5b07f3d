import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, kubectlScenario, login } from "./helpers";
import { SAME_ORIGIN } from "./origin";

test("an admin creates an API key and a user on the settings page; the key ingests, only its secret's hash is kept", async ({ page, request }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "Settings" }).click();
  const keyForm = page.locator("form").filter({ hasText: "Create key" });
  await keyForm.getByLabel("Name", { exact: true }).fill("sensor fleet");
  await keyForm.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-key").locator(".mono").textContent())!;
  expect(secret).toMatch(/^vgl_/);
  await expect(page.getByTestId("keys")).toContainText("sensor fleet");
  await expect(page.getByTestId("keys")).not.toContainText(secret);

  const scenario = kubectlScenario();
  const res = await request.post("/api/v1/events", { headers: { Authorization: `ApiKey ${secret}`, "content-type": "application/json" }, data: scenario.events });
  expect(res.status()).toBe(200);
  const reading = await request.get("/api/v1/alerts", { headers: { Authorization: `ApiKey ${secret}` } });
  expect(reading.status()).toBe(403);

  const userForm = page.locator("form").filter({ hasText: "Add user" });
  await userForm.getByLabel("Username", { exact: true }).fill("annie");
  await userForm.getByLabel("Name", { exact: true }).fill("Annie Analyst");
  await userForm.getByLabel("Password").fill("analyst-password");
  await userForm.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("users")).toContainText("annie");

  await page.getByRole("row", { name: /sensor fleet/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /sensor fleet/ })).toContainText("revoked");
  const after = await request.post("/api/v1/events", { headers: { Authorization: `ApiKey ${secret}`, "content-type": "application/json" }, data: scenario.events });
  expect(after.status()).toBe(401);
});

test("settings are for admins only", async ({ browser, page }) => {
  await login(page, "admin", ADMIN_PASSWORD);
  const made = await page.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { username: "nora", name: "Nora", password: "analyst-password", role: "analyst" } });
  expect([201, 409]).toContain(made.status());
  const ctx = await browser.newContext();
  const analyst = await ctx.newPage();
  await login(analyst, "nora", "analyst-password");
  await expect(analyst.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await analyst.goto("/settings");
  await expect(analyst).toHaveURL(/\/alerts$/);
  expect((await analyst.request.get("/api/v1/api-keys")).status()).toBe(403);
  expect((await analyst.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { username: "x", name: "x", password: "xxxxxxxx", role: "admin" } })).status()).toBe(403);
  await ctx.close();
});
