import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY, kubectlScenario, login } from "./helpers";

// Runs last (files run in name order): it fills the seed rule's cap for the current 5-minute window.
test("matches over the rule's cap per 5 minutes are counted as suppressed and shown", async ({ page, request }) => {
  const events = Array.from({ length: 110 }, (_, i) => kubectlScenario({ host: `cap-${i}` }).events[1]);
  const res = await request.post("/api/v1/events", { headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/json" }, data: events });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.accepted).toBe(110);
  expect(body.alerts_suppressed).toBeGreaterThanOrEqual(10);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/alerts");
  await expect(page.getByTestId("suppressed")).toContainText(`${body.alerts_suppressed} match(es) of “Potential Impersonation Attempt via Kubectl”`);
});
