/** Fresh, migrated databases on the test PostgreSQL server (started once per test run). */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrate, migrationsDir } from "./migrate";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Creates a new database with every migration applied (of `migrations`, a folder laid out as prisma/migrations); returns its URL. */
export async function createTestDatabase(migrations = migrationsDir()): Promise<string> {
  const serverUrl = inject("postgresUrl");
  const name = `vigil_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString(), migrations);
  return url.toString();
}
