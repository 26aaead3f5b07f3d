/**
 * Times are shown in the browser's time zone, not the server's: the server renders UTC and the
 * browser replaces it with its own local time once the page has loaded.
 */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, ingest, kubectlScenario, login } from "./helpers";

test.use({ timezoneId: "Asia/Tokyo", locale: "en-US" });

test("an alert's event time is shown in the browser's time zone (Tokyo, UTC+9)", async ({ page, request }) => {
  // An alert to open: this one, or (when earlier tests filled the rule's cap for this window) any.
  await ingest(request, kubectlScenario({ host: `tz-${Date.now().toString(36)}` }).events);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/alerts");
  await page.locator('a[href^="/alerts/"]').first().click();
  await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
  const time = page.locator("time").first();
  const iso = (await time.getAttribute("datetime"))!;
  const tokyo = new Date(iso).toLocaleString("en-US", { timeZone: "Asia/Tokyo" });
  const utc = new Date(iso).toLocaleString("en-US", { timeZone: "UTC" });
  expect(tokyo).not.toBe(utc);
  await expect(time).toHaveText(tokyo);
});
