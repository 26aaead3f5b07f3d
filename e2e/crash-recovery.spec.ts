/**
 * The crash test (scripts/crash-test.ts) run small: the server is killed with SIGKILL twice while
 * shippers stream; what was not acknowledged is re-sent; counts must match the ground truth.
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

test("events and alerts survive SIGKILLs of the server exactly once", async () => {
  test.setTimeout(300_000);
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/crash-test.ts", "--events", "6000", "--kills", "2", "--batch", "300"], { encoding: "utf8", timeout: 280_000 });
  const out = `${run.stdout}\n${run.stderr}`;
  expect(out).toMatch(/SIGKILL 2 after \d+ acknowledged requests/);
  expect(out).toMatch(/events stored 6000 \(sent 6000\); alerts (\d+) \(due \1\), on \1 distinct events/);
  expect(out).toContain("PASS — none lost, none doubled");
  expect(run.status, out).toBe(0);
});
