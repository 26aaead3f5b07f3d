import { db } from "../db/client";
import { generateLinuxEvents } from "../demo/generate-linux-events";
import { ingestEvents } from "../ingest/ingest-events";

/** On an empty database, ingests 24 h of generated Linux telemetry so a newcomer sees alerts at once. */
export async function loadDemoData(log: (line: string) => void, count = 20_000): Promise<void> {
  if ((await db().event.count()) > 0) return;
  let batch: { index: number; doc: unknown }[] = [];
  let alerts = 0;
  const flush = async () => {
    alerts += (await ingestEvents(batch, [])).alerts_created;
    batch = [];
  };
  for (const e of generateLinuxEvents({ count, seed: Date.now() % 100_000, impersonationRate: 0.002, sources: "mixed" })) {
    batch.push({ index: batch.length, doc: e });
    if (batch.length === 1000) await flush();
  }
  if (batch.length) await flush();
  log(`loaded demo data: ${count} events, ${alerts} alerts (set VIGIL_DEMO=0 to skip)`);
}
