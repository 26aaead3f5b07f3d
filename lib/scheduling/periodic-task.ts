/**
 * Background work the running server repeats (retention, ticket status sync): the first run after a
 * start-up delay, then every `everyMs`; a run still going when the next is due is not started
 * twice; a failure is logged and the next run goes ahead. Timers never keep the process alive.
 */
export function startPeriodicTask(name: string, everyMs: number, firstAfterMs: number, run: () => Promise<void>): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (err) {
      console.warn(`vigil: ${name} failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, firstAfterMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
