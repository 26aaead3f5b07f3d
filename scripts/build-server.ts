/**
 * Bundles scripts/serve.ts (Vigil's HTTP server in front of Next.js) into .next/vigil/serve.mjs,
 * one ES module with the packages left external, so the server runs on plain node: run through
 * tsx's per-file loader it took ~115 MB more memory. `npm run build` and `npm start` call it.
 */
import path from "node:path";
import { build } from "esbuild";

export const SERVER_BUNDLE = path.resolve(".next/vigil/serve.mjs");

export async function buildServer(): Promise<string> {
  await build({ entryPoints: ["scripts/serve.ts"], outfile: SERVER_BUNDLE, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
  return SERVER_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) void buildServer();
