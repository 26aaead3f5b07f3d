/** Configuration: every variable the code reads is declared in lib/config.ts and documented in the README's table. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, parseConfig } from "./config";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Variables of the test and benchmark tooling, not of Vigil. */
const TOOLING = new Set(["NODE_ENV", "NEXT_TELEMETRY_DISABLED", "FUZZ_SECONDS", "CI", "E2E_PORT"]);

describe("configuration", () => {
  const files = [...sources("lib"), ...sources("app"), ...sources("scripts"), ...sources("components"), "proxy.ts", "next.config.mjs"].filter((f) => !f.includes("test-support"));

  it("declares every environment variable Vigil reads", () => {
    const read = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[["']([A-Z_][A-Z0-9_]*)["']\]/g)) read.add(m[1] ?? m[2]);
    const undeclared = [...read].filter((k) => !TOOLING.has(k) && !(CONFIG_KEYS as string[]).includes(k));
    expect(undeclared).toEqual([]);
  });

  it("documents every variable in the README's configuration table", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5));
    const missing = CONFIG_KEYS.filter((k) => !table.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it("refuses a bad value naming the variable, and treats empty as unset", () => {
    expect(() => parseConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseConfig({ VIGIL_ENCRYPTION_KEY: "short" })).toThrow(/VIGIL_ENCRYPTION_KEY/);
    expect(() => parseConfig({ VIGIL_INGEST_MAX_EVENTS: "0" })).toThrow(/VIGIL_INGEST_MAX_EVENTS/);
    const c = parseConfig({ DATABASE_URL: "", PORT: "8080" });
    expect([c.DATABASE_URL, c.PORT]).toEqual([undefined, 8080]);
  });
});
