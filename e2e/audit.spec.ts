/** Findings 3 and 8 against the running server: the audit log records who did what from where, and forged address headers do not count. */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, login } from "./helpers";
import { SAME_ORIGIN } from "./origin";

test("changes and sign-ins are in the audit log with the real peer address; the Settings page shows it", async ({ page, request }) => {
  // A failed sign-in that forges both the internal address header and X-Forwarded-For.
  const forged = await request.post("/api/auth/sign-in/username", {
    headers: { ...SAME_ORIGIN, "x-vigil-client-address": "203.0.113.9", "x-forwarded-for": "198.51.100.7" },
    data: { username: "mallory_audit", password: "not-the-password-1" },
  });
  expect(forged.status()).toBe(401);

  await login(page, "admin", ADMIN_PASSWORD);
  const created = await page.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { username: "audra", name: "Audra", password: "Granite-Willow-77", role: "viewer" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  const made = (await (await page.request.get(`/api/v1/audit?action=user.create&target_id=${id}`)).json()).entries;
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ actor: { name: "admin", ip: "127.0.0.1" }, target_type: "user", target_id: id, changes: { username: "audra", password: "[redacted]" } });
  const failed = (await (await page.request.get("/api/v1/audit?action=auth.sign_in_failed&actor=mallory_audit")).json()).entries;
  expect(failed).toHaveLength(1);
  expect(failed[0].actor.ip).toBe("127.0.0.1");

  // Viewers and analysts do not read the log.
  const anon = await request.get("/api/v1/audit");
  expect(anon.status()).toBe(401);

  await page.goto("/settings");
  const log = page.getByTestId("audit-log");
  await expect(log.getByText("user.create").first()).toBeVisible();
  await log.getByLabel("Action").fill("auth.sign_in_failed");
  await log.getByRole("button", { name: "Filter" }).click();
  await expect(log.getByRole("cell", { name: "mallory_audit", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/settings-audit.png", fullPage: true });
});
