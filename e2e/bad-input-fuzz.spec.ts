/**
 * The bad-input fuzz (scripts/fuzz-ingest.ts) at full size: 10,000 generated malformed, truncated,
 * oversized, deeply nested and binary bodies against a running server.
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

test("10,000 bad bodies and the memory shapes: each a 4xx with a message, the server stays up under 300 MB, nothing partial stored", async () => {
  test.setTimeout(600_000);
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/fuzz-ingest.ts", "--bodies", "10000"], { encoding: "utf8", timeout: 580_000 });
  const out = `${run.stdout}\n${run.stderr}`;
  expect(out).toMatch(/10000 bad bodies — .*malformed \d+.*truncated \d+.*binary \d+.*oversized-body \d+.*deep \d+/);
  expect(out).toMatch(/server up after all: true; events stored (\d+), reported created \1 /);
  // The memory shapes: every one answered, under the RSS bound, the server healthy after each.
  const shapes = [...out.matchAll(/fuzz-ingest: shape .* peak RSS (\d+) MB; healthy after: (\w+)/g)];
  expect(shapes.length).toBeGreaterThanOrEqual(9);
  for (const [line, rss, healthy] of shapes) {
    expect(Number(rss), line).toBeLessThan(300);
    expect(healthy, line).toBe("true");
  }
  expect(out).toContain("fuzz-ingest: PASS");
  expect(run.status, out).toBe(0);
});
