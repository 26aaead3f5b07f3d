/**
 * Elasticsearch's grammar test file, x-pack/plugin/eql/src/test/resources/queries-supported.eql at
 * commit b352e933 (fixtures/queries-supported.eql): every query there parses in Elasticsearch
 * (its GrammarTests read it). Read the way GrammarTests reads it — a query ends with a line ending
 * in `;`, `//` lines skipped — plus the file's last 26 lines, which carry no `;` (GrammarTests never
 * reaches them) and are one query each.
 *
 * Vigil's grammar must take every one of them: none may fail with a syntax error. Past the grammar,
 * Elasticsearch's verifier refuses some (`:` against a number, two fields compared, a condition
 * that is not boolean, an argument of the wrong type or count, join keys of unequal number), and so
 * does Vigil's checker, each with a located error; `join` parses in Elasticsearch and never runs, so
 * Vigil refuses it as unsupported. The tally below is the whole file's outcome.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";
import { readEqlQueries } from "./fixtures/read-eql-queries";

/** "ok", or the error's kind and its reason with the query's own text taken out. */
function outcome(query: string): string {
  try {
    compileQuery(query);
    return "ok";
  } catch (err) {
    if (!(err instanceof EqlError)) throw err;
    return `${err.kind}: ${err.reason.replace(/\[[^\]]*\]/g, "[…]").replace(/\d+/g, "N")}`;
  }
}

describe("Elasticsearch's queries-supported.eql", () => {
  const { terminated, trailing } = readEqlQueries("queries-supported.eql");

  it("is read as Elasticsearch's GrammarTests reads it", () => {
    expect([terminated.length, trailing.length]).toEqual([193, 26]);
  });

  it("parses every query: no syntax errors, and each refusal is one Elasticsearch's verifier also makes", () => {
    const tally: Record<string, number> = {};
    for (const q of [...terminated, ...trailing]) {
      const o = outcome(q);
      expect(o, q).not.toMatch(/^syntax/);
      tally[o] = (tally[o] ?? 0) + 1;
    }
    expect(tally).toEqual({
      ok: 118,
      "semantic: ':' compares strings, found the number […]": 60,
      "semantic: comparing two fields is not supported: […]": 13,
      "semantic: a condition must be boolean, found […]": 6,
      "semantic: first argument of […] must be a string, found […]": 1,
      "semantic: function 'between' takes N to N arguments but got N": 3,
      "semantic: every filter needs the same number of join keys (the first has N)": 4,
      "unsupported: join is not supported; a sequence (sequence by … […] […]) finds ordered events": 14,
    });
  });

  it("runs the optional-field and sample forms Elasticsearch added", () => {
    const forms = trailing.filter((l) => l.startsWith("any") || /^sample (by x )?\[any where true\]( by \w)? \[any where true\]( by \w)?$/.test(l));
    expect(forms).toHaveLength(8);
    for (const q of forms) expect(outcome(q), q).toBe("ok");
  });
});
