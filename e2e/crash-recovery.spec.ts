/**
 * The crash test (scripts/crash-test.ts) run small: the server is killed with SIGKILL twice while
 * shippers stream; what was not acknowledged is re-sent; counts must match the ground truth.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

/** The pid of the server process `npm start` supervises for this run (its command line names the bundle and the port). */
function serverPid(port: string): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.some((a) => a.endsWith("vigil/serve.mjs")) && cmd.includes(port)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

test("npm start brings the server back after it is killed, with PostgreSQL and the data intact", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const port = new URL(baseURL!).port;
  const pid = serverPid(port);
  expect(pid, "the supervised server process").not.toBeNull();
  process.kill(pid!, "SIGKILL");
  await expect.poll(async () => (await request.get("/api/health").catch(() => null))?.status() ?? 0, { timeout: 60_000, intervals: [250] }).toBe(200);
  expect(serverPid(port)).not.toBe(pid);
  expect(await (await request.get("/api/health")).json()).toMatchObject({ database: "ok" });
});
