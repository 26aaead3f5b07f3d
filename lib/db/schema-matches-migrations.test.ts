import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrismaSchema, type SchemaTable } from "./prisma-schema";
import { createTestDatabase } from "./test-database";
import { migrate } from "./migrate";

let client: pg.Client;
let url: string;
const expected: SchemaTable[] = parsePrismaSchema(readFileSync("prisma/schema.prisma", "utf8"));

beforeAll(async () => {
  url = await createTestDatabase();
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client.end());

const ON_DELETE: Record<string, string> = { Cascade: "c", SetNull: "n", Restrict: "r", NoAction: "a" };

describe("the migrated database", () => {
  it("records the migrations as Prisma does, and a second run applies nothing", async () => {
    const { rows } = await client.query(`SELECT migration_name, finished_at, applied_steps_count, length(checksum) AS n FROM "_prisma_migrations"`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.finished_at !== null, r.applied_steps_count, r.n]).toEqual([true, 1, 64]);
    expect((await migrate(url)).applied).toEqual([]);
  });

  it("has exactly the tables of schema.prisma", async () => {
    const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected.map((t) => t.table).sort());
  });

  for (const table of expected) {
    it(`matches ${table.model}: columns, types, nullability, defaults, keys, indexes, relations`, async () => {
      const cols = await client.query(
        `SELECT column_name, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table.table],
      );
      const actual = cols.rows
        .map((c) => ({ name: c.column_name, type: c.udt_name.startsWith("_") ? `${c.udt_name.slice(1)}[]` : c.udt_name, nullable: c.is_nullable === "YES", hasDefault: c.column_default !== null }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(actual).toEqual([...table.columns].sort((a, b) => a.name.localeCompare(b.name)));

      const idx = await client.query(
        `SELECT i.indisprimary AS pk, i.indisunique AS uniq,
                array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS cols
           FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = $1`,
        [table.table],
      );
      const pk = idx.rows.find((r) => r.pk);
      expect(pk?.cols).toEqual(table.primaryKey);
      const uniques = idx.rows.filter((r) => r.uniq && !r.pk).map((r) => r.cols.join(",")).sort();
      expect(uniques).toEqual(table.uniques.map((u) => u.join(",")).sort());
      const plain = idx.rows.filter((r) => !r.uniq).map((r) => r.cols.join(",")).sort();
      expect(plain).toEqual(table.indexes.map((i) => i.columns.join(",")).sort());

      const fks = await client.query(
        `SELECT array(SELECT a.attname FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k)::text[] AS cols,
                ref.relname AS ref_table, con.confdeltype AS on_delete,
                array(SELECT a.attname FROM unnest(con.confkey) k JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k)::text[] AS ref_cols
           FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class ref ON ref.oid = con.confrelid
          WHERE con.contype = 'f' AND c.relname = $1`,
        [table.table],
      );
      const actualFks = fks.rows.map((f) => `${f.cols}->${f.ref_table}(${f.ref_cols}) ${f.on_delete}`).sort();
      expect(actualFks).toEqual(table.foreignKeys.map((f) => `${f.columns}->${f.table}(${f.references}) ${ON_DELETE[f.onDelete]}`).sort());
    });
  }
});
