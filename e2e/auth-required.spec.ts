import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Every page and API route under app/, found on disk (not listed by hand), with its URL. */
function discover(dir = "app", prefix = ""): { kind: "page" | "route"; url: string; file: string }[] {
  const out: { kind: "page" | "route"; url: string; file: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      let segment = decodeURIComponent(name);
      if (/^\(.*\)$/.test(name)) segment = "";
      else if (/^\[\.\.\..*\]$/.test(name)) segment = "session";
      else if (/^\[.*\]$/.test(name)) segment = "00000000-0000-4000-8000-000000000000";
      out.push(...discover(full, segment ? `${prefix}/${segment}` : prefix));
    } else if (/^page\.tsx?$/.test(name)) out.push({ kind: "page", url: prefix || "/", file: full });
    else if (/^route\.ts$/.test(name)) out.push({ kind: "route", url: prefix, file: full });
  }
  return out;
}

const PUBLIC = new Set(["/login", "/api/health"]);
const entries = discover().filter((e) => !PUBLIC.has(e.url) && !e.url.startsWith("/api/auth/"));

test("the app has pages and routes to check", () => {
  expect(entries.filter((e) => e.kind === "page").length).toBeGreaterThanOrEqual(3);
  expect(entries.filter((e) => e.kind === "route").length).toBeGreaterThanOrEqual(4);
});

for (const entry of entries) {
  if (entry.kind === "page") {
    test(`page ${entry.url} redirects to /login without a session`, async ({ request }) => {
      const res = await request.get(entry.url, { maxRedirects: 0 });
      expect([307, 308]).toContain(res.status());
      const location = res.headers()["location"] ?? "";
      // "/" redirects to /alerts, which redirects to /login.
      if (entry.url === "/") expect(location).toContain("/alerts");
      else expect(location).toContain("/login");
    });
  } else {
    const methods = [...readFileSync(entry.file, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    for (const method of methods) {
      test(`${method} ${entry.url} answers 401 without a session or key`, async ({ request }) => {
        const res = await request.fetch(entry.url, { method, data: method === "GET" ? undefined : "{}", headers: { "content-type": "application/json" } });
        expect(res.status()).toBe(401);
        expect((await res.json()).error.code).toBe("unauthorized");
      });
    }
  }
}
