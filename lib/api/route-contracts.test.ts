/** Every API route goes through the route layer, and every mutation says what it audits. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function routeFiles(dir = "app"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

const files = routeFiles();
const AUTH_ROUTE = path.join("app", "api", "auth", "[...all]", "route.ts");
/** Public by design: liveness for load balancers and orchestrators. */
const HEALTH_ROUTE = path.join("app", "api", "health", "route.ts");
/** Authenticated by the sender's HMAC signature, not a session or key (lib/connectors/webhook-signature.ts). */
const NOTIFY_ROUTE = path.join("app", "api", "v1", "connectors", "[id]", "notify", "route.ts");

describe("route contracts", () => {
  it("finds the routes", () => expect(files.length).toBeGreaterThan(20));

  for (const file of files.filter((f) => f !== AUTH_ROUTE && f !== HEALTH_ROUTE && f !== NOTIFY_ROUTE)) {
    const source = readFileSync(file, "utf8");
    it(`${file}: every handler is a withRoute contract and every mutation declares its audit`, () => {
      const exports = [...source.matchAll(/^export (?:const|async function|function) (GET|HEAD|POST|PUT|PATCH|DELETE)\b(.*)$/gm)];
      expect(exports.length).toBeGreaterThan(0);
      for (const [, method, rest] of exports) {
        expect(rest, `${method} must be withRoute(...)`).toMatch(/^ = withRoute\(\{/);
        if (method !== "GET" && method !== "HEAD") expect(rest, `${method} must declare audit (or audit: null)`).toMatch(/\baudit: (null|\{)/);
      }
      expect(source).not.toMatch(/req\.json\(\)/);
      // JSON answers of the management API go through respond(schema, …): no raw Prisma row leaves.
      if (file.startsWith(path.join("app", "api", "v1"))) expect(source, "answer through respond(schema, data)").not.toMatch(/\b(NextResponse|Response)\.json\(/);
    });
  }

  it("the notify route checks the signature before anything else it does", () => {
    const source = readFileSync(NOTIFY_ROUTE, "utf8");
    expect(source.indexOf("hasValidSignature")).toBeGreaterThan(0);
    expect(source.indexOf("hasValidSignature")).toBeLessThan(source.indexOf("syncTicketStatuses("));
  });

  it("the auth route records sign-ins itself", () => {
    expect(readFileSync(AUTH_ROUTE, "utf8")).toMatch(/recordAudit/);
  });
});
