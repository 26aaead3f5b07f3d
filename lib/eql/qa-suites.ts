/**
 * Loads Elasticsearch's EQL QA suites (shared/corpus/eql-qa) with their data, mappings and id
 * fields, prepared the way Elasticsearch's own test runner loads them. Used by tests and the CLI's
 * self-check; not part of the engine.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { EngineOptions } from "./compile";
import type { EqlEvent } from "./fields";
import { corpusCandidates, sharedCorpus } from "../corpus/shared-corpus";

export interface QaQuery {
  name: string;
  query: string;
  /** Alternatives of the expected ids (flattened per match; -1 for a missing event). */
  expected: number[][];
  joinKeys: string[] | null;
  size?: number;
}

export interface QaSuite {
  file: string;
  queries: QaQuery[];
  events: EqlEvent[];
  idField: string;
  options: EngineOptions;
}

/** Finds shared/corpus/eql-qa (lib/corpus/shared-corpus.ts). */
export function qaDir(): string {
  const found = sharedCorpus("eql-qa");
  if (!existsSync(found)) throw new Error(`EQL QA suites not found; looked in ${corpusCandidates("eql-qa").join(", ")}`);
  return found;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8").replace(/^\s*\/\/.*$/gm, ""));

/** Windows FILETIME (100 ns since 1601) to epoch milliseconds, as Elasticsearch's loader does. */
const fileTimeToMillis = (t: number) => (t - 116444736000000000) / 10000;

function mergeMappings(mappings: unknown[]): unknown {
  const merged: Record<string, Record<string, unknown>> = {};
  const walk = (props: Record<string, Record<string, unknown>>, into: Record<string, Record<string, unknown>>) => {
    for (const [k, v] of Object.entries(props)) {
      const prev = into[k];
      if (!prev) into[k] = structuredClone(v);
      else if (v.format && prev.format && v.format !== prev.format) prev.format = `${prev.format}||${v.format}`;
      if (v.properties) walk(v.properties as never, (into[k].properties ??= {}) as never);
    }
  };
  for (const m of mappings) walk((m as { properties: never }).properties, merged);
  return { properties: merged };
}

function readQueries(file: string): QaQuery[] {
  // test_extra.toml writes `join_keys = [null]` bare, which is not TOML.
  let text = readFileSync(file, "utf8");
  text = text.replace(/^(\s*join_keys\s*=\s*\[)([^\]\n]*)\]/gm, (_m, head: string, body: string) => `${head}${body.replace(/(^|,\s*)null(?=\s*(,|$))/g, '$1"null"')}]`);
  const doc = parseToml(text) as { queries: Record<string, unknown>[] };
  return doc.queries.map((q, i) => {
    const ids = q.expected_event_ids as unknown[];
    const expected = ids.length > 0 && Array.isArray(ids[0]) ? (ids as number[][]) : [ids as number[]];
    return {
      name: (q.name as string) ?? `query${i}`,
      query: q.query as string,
      expected,
      joinKeys: Array.isArray(q.join_keys) ? (q.join_keys as unknown[]).map(String) : null,
      size: typeof q.size === "number" ? q.size : undefined,
    };
  });
}

/** Loads every suite the EQL issue requires (and optionally the unsupported one). */
export function loadQaSuites(includeUnsupported = false): QaSuite[] {
  const dir = qaDir();
  const endgame = (readJson(path.join(dir, "test_data.json")) as EqlEvent[]).map((e) => ({
    ...e,
    "@timestamp": fileTimeToMillis(e.timestamp as number),
  }));
  // The suites' data is indexed with these mappings plus dynamic mapping for fields they leave out:
  // they give types, not the complete list of fields (mappingIsComplete: false).
  const endgameOptions: EngineOptions = { tiebreakerField: "serial_event_id", mapping: readJson(path.join(dir, "mapping-default.json")), mappingIsComplete: false };
  const data = (name: string) => readJson(path.join(dir, "data", name)) as EqlEvent[];
  const samples = ["sample1", "sample2", "sample3"];
  const suites: QaSuite[] = [
    ...["test_queries.toml", "additional_test_queries.toml"].map((file) => ({
      file,
      queries: readQueries(path.join(dir, file)),
      events: endgame,
      idField: "serial_event_id",
      options: endgameOptions,
    })),
    {
      file: "test_extra.toml",
      queries: readQueries(path.join(dir, "test_extra.toml")),
      events: data("extra.data"),
      idField: "sequence",
      options: { tiebreakerField: "event.sequence", mapping: readJson(path.join(dir, "data", "extra.mapping")), mappingIsComplete: false },
    },
    {
      file: "test_missing_events.toml",
      queries: readQueries(path.join(dir, "test_missing_events.toml")),
      events: data("missing-events.data"),
      idField: "sequence",
      options: { tiebreakerField: "event.sequence", mapping: readJson(path.join(dir, "data", "missing-events.mapping")), mappingIsComplete: false },
    },
    {
      file: "test_sample.toml",
      queries: readQueries(path.join(dir, "test_sample.toml")),
      events: samples.flatMap((s) => data(`${s}.data`)),
      idField: "id",
      options: { mapping: mergeMappings(samples.map((s) => readJson(path.join(dir, "data", `${s}.mapping`)))), mappingIsComplete: false },
    },
  ];
  if (includeUnsupported) {
    suites.push({ ...suites[0], file: "test_queries_unsupported.toml", queries: readQueries(path.join(dir, "test_queries_unsupported.toml")) });
  }
  return suites;
}
