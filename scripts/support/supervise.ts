/**
 * Keeps a child process running: when it exits without being asked to, the reason (exit code or
 * signal) is logged and it is started again after a delay that doubles with each quick failure
 * (1 s, 2 s, 4 s … up to `maxDelayMs`) and resets once it has stayed up for `healthyAfterMs`.
 * `stop()` ends it for good. What the child depends on (the embedded PostgreSQL) stays up meanwhile.
 */
import type { ChildProcess } from "node:child_process";

export interface SuperviseOptions {
  log: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  healthyAfterMs?: number;
}

export interface Supervised {
  /** The running child, if any. */
  current(): ChildProcess | null;
  /** How many times the child was started again. */
  restarts(): number;
  /** Stops the child (SIGTERM, then SIGKILL after `graceMs`) and does not start it again. */
  stop(graceMs?: number): Promise<void>;
}

/** `start` may be async (it may read what the child's flags depend on first). */
export function supervise(start: () => ChildProcess | Promise<ChildProcess>, options: SuperviseOptions): Supervised {
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const healthyAfter = options.healthyAfterMs ?? 60_000;
  let child: ChildProcess | null = null;
  let stopping = false;
  let delay = initial;
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;

  const run = async () => {
    timer = null;
    const startedAt = Date.now();
    const c = await start();
    if (stopping) {
      c.kill("SIGTERM");
      return;
    }
    child = c;
    c.once("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfter) delay = initial;
      options.log(`server exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); starting it again in ${delay / 1000} s`);
      timer = setTimeout(() => {
        restarts++;
        void run();
      }, delay);
      delay = Math.min(delay * 2, max);
    });
  };
  void run();

  return {
    current: () => child,
    restarts: () => restarts,
    async stop(graceMs = 5000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      const kill = setTimeout(() => c.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(kill);
    },
  };
}
