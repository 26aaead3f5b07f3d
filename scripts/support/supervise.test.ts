/** Finding 2: a server that dies is started again with growing delays; stop() ends it for good. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervise } from "./supervise";

const until = async (f: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("supervise", () => {
  it("restarts a child that exits or is killed, with doubling delays, and logs why", async () => {
    const lines: string[] = [];
    const starts: number[] = [];
    const s = supervise(
      () => {
        starts.push(Date.now());
        // The first two runs crash at once; then it stays up.
        return spawn(process.execPath, ["-e", starts.length <= 2 ? "process.exit(3)" : "setInterval(() => {}, 1000)"]);
      },
      { log: (l) => lines.push(l), initialDelayMs: 100, maxDelayMs: 1000, healthyAfterMs: 60_000 },
    );
    await until(() => starts.length === 3 && s.current()?.pid !== undefined);
    expect(lines[0]).toMatch(/exit code 3\); starting it again in 0.1 s/);
    expect(lines[1]).toMatch(/exit code 3\); starting it again in 0.2 s/);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(starts[1] - starts[0]);

    s.current()!.kill("SIGKILL");
    await until(() => starts.length === 4 && s.current()?.pid !== undefined);
    expect(lines[2]).toMatch(/signal SIGKILL\); starting it again in 0.4 s/);
    expect(s.restarts()).toBe(3);

    const last = s.current()!;
    await s.stop();
    expect(last.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 600));
    expect(starts).toHaveLength(4);
    expect(s.current()).toBeNull();
  });
});
