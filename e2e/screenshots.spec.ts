/** Screenshots of the pages this work changed, at the two screen sizes analysts use most, for review. */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, login } from "./helpers";

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`settings and exceptions at ${size.width}x${size.height}`, async ({ page }) => {
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
  });
}
