/**
 * A bench entry (or a server a bench starts) bundled into one ES module, the way Next.js bundles
 * server code, rather than run through tsx's per-file transform (see run-bundled.mjs).
 */
import path from "node:path";
import { build } from "esbuild";

/**
 * @param {string} entry a .ts file
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleForNode(entry) {
  const outfile = path.resolve("node_modules/.cache/vigil-bench", `${path.basename(entry, ".ts")}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
  return outfile;
}
