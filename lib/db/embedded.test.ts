/** Finding 12: each embedded cluster has a generated password of its own, kept beside its data. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

const root = mkdtempSync(path.join(os.tmpdir(), "vigil-embedded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function canConnect(port: number, password: string): Promise<boolean> {
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

describe("the embedded PostgreSQL's password", () => {
  it("is generated per data folder, kept with mode 0600, reused on restart, and the old constant is replaced", async () => {
    const dataDir = path.join(root, "pg");
    const first = await startEmbeddedPostgres({ dataDir });
    const port = Number(new URL(first.url).port);
    const file = `${dataDir}.password`;
    const password = readFileSync(file, "utf8");
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
    expect(await canConnect(port, "vigil")).toBe(false);
    expect(await canConnect(port, password)).toBe(true);

    // As an older Vigil left it: the constant password, no password file.
    const admin = new pg.Client({ connectionString: first.url.replace(/\/vigil$/, "/postgres") });
    await admin.connect();
    await admin.query("ALTER USER postgres PASSWORD 'vigil'");
    await admin.end();
    await first.stop();
    rmSync(file);

    const again = await startEmbeddedPostgres({ dataDir });
    const port2 = Number(new URL(again.url).port);
    expect(existsSync(file)).toBe(true);
    const replaced = readFileSync(file, "utf8");
    expect(replaced).not.toBe("vigil");
    expect(await canConnect(port2, "vigil")).toBe(false);
    expect(await canConnect(port2, replaced)).toBe(true);
    await again.stop();
  });
});
