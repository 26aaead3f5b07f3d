/** Finding 12: pages carry a per-response nonce CSP without 'unsafe-inline' scripts, and still work. */
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, login } from "./helpers";

test("every page gets a fresh script nonce, no inline script runs without it, and the app hydrates under the policy", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const first = (await request.get("/login")).headers()["content-security-policy"] ?? "";
  const second = (await request.get("/login")).headers()["content-security-policy"] ?? "";
  const script = /script-src ([^;]*)/.exec(first)?.[1] ?? "";
  expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(script).not.toContain("'unsafe-inline'");
  expect(first).not.toBe(second);
  expect(first).toContain("frame-ancestors 'none'");

  // Signing in and opening pages needs React to hydrate, which needs Next's inline scripts to run.
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  expect(violations).toEqual([]);
  // A script injected without the nonce does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.appendChild(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);

  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
