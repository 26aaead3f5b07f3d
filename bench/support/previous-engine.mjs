/**
 * The engine as it was at an earlier commit, loaded beside the current one so a benchmark can
 * compare the two in the same process, on the same events, in alternating rounds (this machine's
 * speed drifts ±20 % between runs; a ratio measured in one run does not).
 *
 * `lib/` at the commit is taken from git history (`git archive`), bundled with esbuild as the
 * current engine is, and imported. Needs a clone with that commit: a shallow clone answers null.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * @param {string} commit the engine's commit
 * @returns {Promise<Record<string, any> | null>} the engine's exports (Detector, compileRule,
 *   loadRulesFromPaths, kubectlImpersonationRule, compileQuery), or null without that commit
 */
export async function previousEngine(commit) {
  try {
    execFileSync("git", ["cat-file", "-e", `${commit}^{commit}`], { stdio: "ignore" });
  } catch {
    return null;
  }
  const dir = path.resolve("node_modules/.cache/vigil-bench", `engine-${commit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} lib | tar -x -C "${dir}"`]);
  // The generated Prisma client is not in git; the old modules that import it get today's.
  const generated = path.join(dir, "lib", "generated");
  if (!existsSync(generated)) symlinkSync(path.resolve("lib/generated"), generated);
  const entry = path.join(dir, "entry.ts");
  writeFileSync(
    entry,
    [
      'export { Detector } from "./lib/detect";',
      'export { compileRule, loadRulesFromPaths, kubectlImpersonationRule } from "./lib/rules";',
      'export { compileQuery } from "./lib/eql";',
    ].join("\n"),
  );
  const outfile = path.join(dir, "engine.mjs");
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
  return import(pathToFileURL(outfile).href);
}
