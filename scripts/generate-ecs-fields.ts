/**
 * Writes lib/ingest/mapping/ecs-fields.json — each ECS field's Elasticsearch type and whether ECS
 * expects an array — from the `generated/csv/fields.csv` of an elastic/ecs release:
 *   git -C ecs show v8.17.0:generated/csv/fields.csv > /tmp/fields.csv
 *   tsx scripts/generate-ecs-fields.ts /tmp/fields.csv 8.17.0
 */
import { readFileSync, writeFileSync } from "node:fs";

/** RFC 4180 rows: quoted cells may hold commas, newlines and doubled quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === "\n") {
      row.push(cell);
      cell = "";
      if (ch === "\n") {
        rows.push(row);
        row = [];
      }
    } else if (ch !== "\r") cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const [file, version] = process.argv.slice(2);
if (!file || !version) throw new Error("usage: tsx scripts/generate-ecs-fields.ts <fields.csv> <ecs version>");
const [header, ...rows] = csvRows(readFileSync(file, "utf8"));
const at = (name: string) => header.indexOf(name);
const fields: Record<string, string> = {};
for (const r of rows) {
  if (r.length < header.length) continue;
  // "keyword" or "keyword[]" (ECS's array normalization).
  fields[r[at("Field")]] = r[at("Type")] + (r[at("Normalization")].split(", ").includes("array") ? "[]" : "");
}
const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync("lib/ingest/mapping/ecs-fields.json", JSON.stringify({ source: `elastic/ecs v${version} generated/csv/fields.csv`, fields: sorted }, null, 0) + "\n");
console.log(`wrote ${Object.keys(sorted).length} fields of ECS ${version}`);
