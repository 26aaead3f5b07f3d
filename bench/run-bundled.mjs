/**
 * Runs a benchmark the way production runs the engine: bundled into one ES module, as Next.js
 * bundles server code, rather than through tsx's per-file transform. tsx compiles with esbuild's
 * `keepNames`, which re-defines `name` on every function and costs the detector's hot path
 * 10–20 %; a bundle measures the code, not the loader.
 *
 *   node bench/run-bundled.mjs bench/eql.bench.ts [node flags…]
 */
import { spawnSync } from "node:child_process";
import { bundleForNode } from "./support/bundle.mjs";

const [entry, ...nodeFlags] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node bench/run-bundled.mjs <bench file> [node flags…]");
  process.exit(2);
}
const outfile = await bundleForNode(entry);
const run = spawnSync(process.execPath, [...nodeFlags, outfile], { stdio: "inherit" });
process.exit(run.status ?? 1);
