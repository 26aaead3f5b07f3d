import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD } from "./helpers";
import { SAME_ORIGIN } from "./origin";

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

/** Another origin on the same site: a page on another port of this host. */
const OTHER_ORIGIN = { Origin: String(SAME_ORIGIN.Origin).replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`) };

async function signedIn(request: APIRequestContext) {
  const res = await request.post("/api/auth/sign-in/username", { headers: SAME_ORIGIN, data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
}

test("sign-in refuses another origin (login CSRF)", async ({ request }) => {
  const res = await request.post("/api/auth/sign-in/username", { headers: OTHER_ORIGIN, data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toContain("cross-origin");
});

test("the self-service account endpoints of the auth library are not exposed", async ({ request }) => {
  await signedIn(request);
  for (const endpoint of ["update-user", "sign-up/email", "change-email"]) {
    const res = await request.post(`/api/auth/${endpoint}`, { headers: SAME_ORIGIN, data: { username: "someone-else" } });
    expect(res.status(), endpoint).toBe(404);
  }
});

for (const entry of entries.filter((e) => e.kind === "route")) {
  const source = readFileSync(entry.file, "utf8");
  const mutations = [...source.matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  for (const method of mutations) {
    test(`${method} ${entry.url} refuses a cross-origin request carrying the admin's session cookie`, async ({ request }) => {
      await signedIn(request);
      // A form post from another port: text/plain, the cookie attached by the browser, a foreign Origin.
      const res = await request.fetch(entry.url, { method, headers: { ...OTHER_ORIGIN, "content-type": "text/plain" }, data: '{"body":"x"}' });
      expect(res.status()).toBe(403);
      expect((await res.json()).error.message).toContain("cross-origin");
      // Without Origin a browser request still says where it came from.
      const site = await request.fetch(entry.url, { method, headers: { "sec-fetch-site": "same-site", "content-type": "text/plain" }, data: "x" });
      expect(site.status()).toBe(403);
    });
    if (new RegExp(`export const ${method} = withRoute\\([^\\n]*\\bbody: `).test(source)) {
      test(`${method} ${entry.url} refuses a non-JSON body from Vigil's own origin with 415`, async ({ request }) => {
        await signedIn(request);
        const res = await request.fetch(entry.url, { method, headers: { ...SAME_ORIGIN, "content-type": "text/plain" }, data: "{}" });
        expect(res.status()).toBe(415);
      });
    }
  }
}
