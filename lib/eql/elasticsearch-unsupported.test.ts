/**
 * Queries Elasticsearch refuses, the whole of its list: x-pack/plugin/eql/src/test/resources/
 * queries-unsupported.eql at commit 08ff29be (fixtures/queries-unsupported.eql), read the way its
 * GrammarTests.java reads it. Every one must be refused here too, with a located EqlError, never
 * run: pipes other than head/tail, process relationships (`descendant of`, `child of`, `event of`),
 * `fork`, decimal maxspans, expressions as join keys, array indexes, single-quoted strings, `=` for
 * `==`, and field-to-field comparisons.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";
import { readEqlQueries } from "./fixtures/read-eql-queries";

const { terminated, trailing } = readEqlQueries("queries-unsupported.eql");

describe("queries Elasticsearch refuses (queries-unsupported.eql)", () => {
  it("is read as Elasticsearch's GrammarTests reads it", () => {
    expect([terminated.length, trailing.length]).toEqual([92, 0]);
  });

  it.each(terminated)("refuses %s", (query) => {
    let thrown: unknown = null;
    try {
      compileQuery(query);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EqlError);
    expect((thrown as EqlError).line).toBeGreaterThan(0);
  });
});
