import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { loadQaSuites } from "./qa-suites";
import { runQuery } from "./run";

/** Flattened ids of the results, -1 where a missing event stood. */
function idsOf(results: ReturnType<typeof runQuery>, idField: string): number[] {
  return results.flatMap((r) => (r.kind === "event" ? [r.event] : r.events).map((e) => (e === null ? -1 : (e[idField] as number))));
}

const keysOf = (results: ReturnType<typeof runQuery>) =>
  results.flatMap((r) => (r.kind === "event" ? [] : r.joinKeys.map((k) => (k === null ? "null" : String(k)))));

for (const suite of loadQaSuites()) {
  describe(`Elasticsearch EQL suite ${suite.file}`, () => {
    for (const q of suite.queries) {
      it(q.name, () => {
        const compiled = compileQuery(q.query, suite.options);
        const results = runQuery(compiled, suite.events, { size: q.size });
        const ids = idsOf(results, suite.idField);
        expect(q.expected.map((alt) => JSON.stringify(alt))).toContain(JSON.stringify(ids));
        if (q.joinKeys && q.joinKeys.length > 0) expect(keysOf(results)).toEqual(q.joinKeys);
      });
    }
  });
}
