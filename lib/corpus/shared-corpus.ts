/**
 * Where Elasticsearch's EQL suites and the public detection-rules corpus are: `shared/corpus/`
 * beside the repository (as laid out for developers and CI), inside it, or beside the repository a
 * local clone was made from (a clone in a temporary folder still finds them).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

function originDir(): string | null {
  try {
    const url = execFileSync("git", ["remote", "get-url", "origin"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return path.isAbsolute(url) && existsSync(url) ? url : null;
  } catch {
    return null;
  }
}

/** The candidates, in order, for `shared/corpus/<name>`. */
export function corpusCandidates(name: string): string[] {
  const roots = [process.cwd(), originDir()].filter((r): r is string => r !== null);
  return roots.flatMap((root) => [path.resolve(root, "../shared/corpus", name), path.resolve(root, "shared/corpus", name)]);
}

/** `shared/corpus/<name>`, or the first place it was looked for (so a test that needs it fails naming it). */
export function sharedCorpus(name: string): string {
  const candidates = corpusCandidates(name);
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}
