import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";

let server: EmbeddedDatabase | undefined;

/** One real PostgreSQL for the whole unit/integration run; each test file creates its own database. */
export default async function setup(project: TestProject) {
  server = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-test-pg-${process.pid}`), ephemeral: true, database: "postgres" });
  project.provide("postgresUrl", server.url);
  return async () => {
    await server?.stop();
  };
}
