/**
 * Keeps what a benchmark prints and writes it to `bench/results/<name>.txt` when the run ends, so
 * the latest figures of each benchmark are in the repository beside the code that measured them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format } from "node:util";

export function recordResults(name: string): void {
  const lines: string[] = [];
  const log = console.log.bind(console);
  console.log = (...args: unknown[]) => {
    lines.push(format(...args));
    log(...args);
  };
  process.on("exit", (code) => {
    if (code !== 0 || lines.length === 0) return; // a failed run leaves the last good result
    const dir = path.join(process.cwd(), "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.txt`), lines.join("\n") + "\n");
  });
}
