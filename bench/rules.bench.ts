/**
 * `npm run bench:rules` — the rule lifecycle's costs on this machine: importing Elastic's whole
 * detection-rules corpus into the catalogue (target: under 30 s), and previewing rules over a
 * million stored events (target: under 5 s), as a scan rate beside `JSON.parse` of the same
 * documents in the same run (the least any scan of stored JSON must do). Events are stored as
 * ingest stores them (prepared, blocks of compressed documents, binary COPY), without the HTTP path.
 */
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { copyEvents } from "../lib/ingest/store/copy-events";
import { preparedRows, preparedWindows } from "./support/prepared-rows";
import { recordResults } from "./support/results";

recordResults("rules");

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WINDOW = 2000;

async function main() {
  const database = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-bench-rules-${Date.now()}`), ephemeral: true });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    const { db } = await import("../lib/db/client");
    const { inPgTransaction } = await import("../lib/db/pg-pool");
    const { importRuleFiles } = await import("../lib/rules/import/import-rules");
    const { ruleFilesOfPaths } = await import("../lib/rules/import/rule-files");
    const { sharedCorpus } = await import("../lib/corpus/shared-corpus");
    const { installBuiltinRules } = await import("../lib/rules/catalog/install-builtin-rules");
    const { previewRule } = await import("../lib/rules/preview/preview-rule");
    console.log(`vigil bench:rules — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);

    await installBuiltinRules(db());
    const t0 = performance.now();
    const { files } = await ruleFilesOfPaths([sharedCorpus("detection-rules")]);
    const imported = await importRuleFiles(db(), files);
    const importSecs = (performance.now() - t0) / 1000;
    console.log(
      `  import of the detection-rules corpus: ${files.length} files, ${imported.imported} imported, ${imported.skipped.length} skipped, ${imported.errors.length} errors in ${importSecs.toFixed(1)} s (target < 30 s)`,
    );

    // A million events over the last 24 hours, stored in windows as ingest stores them.
    const t1 = performance.now();
    const end = new Date();
    let stored = 0;
    let parseMs = 0;
    const CHUNK = 100_000;
    for (let i = 0; i < EVENTS; i += CHUNK) {
      const events = [...generateLinuxEvents({ count: Math.min(CHUNK, EVENTS - i), seed: 40 + i, end, sources: "mixed", impersonationRate: 0.002 })];
      const rows = preparedRows(events);
      // The baseline: JSON.parse of the same documents, one core.
      const texts = rows.map((r) => (typeof r.received === "string" ? r.received : Buffer.from(r.received).toString("utf8")));
      const p0 = performance.now();
      for (const t of texts) JSON.parse(t);
      parseMs += performance.now() - p0;
      for (const w of await preparedWindows(rows, WINDOW)) {
        await inPgTransaction((client) => copyEvents(client, w.rows, w.block));
      }
      stored += rows.length;
    }
    const parseRate = (stored / parseMs) * 1000;
    console.log(`  stored ${stored} events (five sources mixed, over 24 h) in ${((performance.now() - t1) / 1000).toFixed(0)} s; JSON.parse of their documents: ${parseRate.toFixed(0)} documents/s on one core`);

    const from = new Date(end.getTime() - 2 * 86_400_000);
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d" } });
    const cases: { label: string; request: Parameters<typeof previewRule>[0] }[] = [
      { label: "the seed rule (process.name == \"kubectl\": the prefilter reads only those rows, through the processName index)", request: { rule: seed.id, from, limit: 50 } },
      { label: "a draft with no indexed condition (every process event read and matched)", request: { query: 'process where process.args : ("--as=*", "--token=*")', from, limit: 50 } },
      { label: "a sequence over every process event", request: { query: 'sequence by host.name with maxspan=30s [process where process.name == "bash"] [process where process.args : "--as=*"]', from, limit: 50 } },
    ];
    for (const c of cases) {
      const p = await previewRule(c.request);
      const secs = p.took_ms / 1000;
      console.log(
        `  preview, ${c.label}: ${p.matches_total} matches, ${p.events_scanned} of ${stored} events read in ${secs.toFixed(2)} s — ${p.events_per_second} events/s read, ${((p.events_per_second / parseRate) * 100).toFixed(0)} % of JSON.parse alone (ratio ${(p.events_per_second / parseRate).toFixed(2)}); over all ${stored}: ${((stored / secs) | 0)} events/s (target: 1 M in < 5 s)`,
      );
    }
    await db().$disconnect();
  } finally {
    await database.stop();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
