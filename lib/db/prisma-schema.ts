/**
 * Reads the parts of schema.prisma that decide the database shape (models, scalar fields,
 * ids, uniques, indexes, relations), for the test that compares it with the migrated database.
 * Covers the Prisma schema features this project uses; anything else is reported, not ignored.
 */
export interface SchemaColumn {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}
export interface SchemaTable {
  model: string;
  table: string;
  columns: SchemaColumn[];
  primaryKey: string[];
  uniques: string[][];
  indexes: { columns: string[]; unique: boolean }[];
  foreignKeys: { columns: string[]; table: string; references: string[]; onDelete: string }[];
}

const SCALARS: Record<string, string> = { String: "text", Int: "int4", Boolean: "bool", DateTime: "timestamp", Json: "jsonb", Float: "float8", BigInt: "int8", Bytes: "bytea" };

export function parsePrismaSchema(source: string): SchemaTable[] {
  const text = source.replace(/\/\/.*$/gm, "");
  const blocks = [...text.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)];
  const modelTables = new Map(blocks.map((b) => [b[1], /@@map\("([^"]+)"\)/.exec(b[2])?.[1] ?? b[1]]));
  return blocks.map(([, model, body]) => {
    const t: SchemaTable = { model, table: modelTables.get(model)!, columns: [], primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const block = /^@@(\w+)\(\[([^\]]*)\]/.exec(line);
      if (block) {
        const cols = block[2].split(",").map((c) => c.trim().replace(/\(.*\)$/, "")).filter(Boolean);
        if (block[1] === "id") t.primaryKey = cols;
        else if (block[1] === "unique") t.uniques.push(cols);
        else if (block[1] === "index") t.indexes.push({ columns: cols, unique: false });
        continue;
      }
      if (line.startsWith("@@")) continue;
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m) throw new Error(`unread schema line in ${model}: ${line}`);
      const [, name, type, list, optional, attrs] = m;
      if (modelTables.has(type)) {
        const rel = /@relation\((?:"[^"]*",\s*)?fields:\s*\[([^\]]*)\],\s*references:\s*\[([^\]]*)\](?:,\s*onDelete:\s*(\w+))?/.exec(attrs);
        if (rel) {
          t.foreignKeys.push({
            columns: rel[1].split(",").map((s) => s.trim()),
            table: modelTables.get(type)!,
            references: rel[2].split(",").map((s) => s.trim()),
            onDelete: rel[3] ?? "Restrict",
          });
        }
        continue;
      }
      if (!SCALARS[type]) throw new Error(`unknown type ${type} in ${model}.${name}`);
      const pgType = (attrs.includes("@db.Uuid") ? "uuid" : attrs.includes("@db.Json") ? "json" : SCALARS[type]) + (list ? "[]" : "");
      const dbDefault = /@default\(/.test(attrs) && !/@default\((uuid|cuid)\(\)\)/.test(attrs);
      t.columns.push({ name, type: pgType, nullable: !!optional || !!list, hasDefault: dbDefault });
      if (/@id\b/.test(attrs)) t.primaryKey = [name];
      if (/@unique\b/.test(attrs)) t.uniques.push([name]);
    }
    return t;
  });
}
