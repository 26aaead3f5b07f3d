/**
 * Queries Elasticsearch refuses are refused at compile time with a position: one case per check,
 * each form taken from Elasticsearch's own refusals (queries-unsupported.eql, the queries commented
 * out of test_queries.toml) or its verifier's rules. Elasticsearch's QA suites and the
 * detection-rules corpus pass the checker untouched (qa-suites.test.ts, the corpus tests).
 */
import { describe, expect, it } from "vitest";
import { checkQuery } from "./check";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";
import { parse } from "./parser";

const errorsOf = (q: string) => checkQuery(parse(q), q).map((e) => `${e.line}:${e.column} ${e.reason}`);

describe("the checker refuses what Elasticsearch refuses", () => {
  it.each([
    ['process where process.args[0] == "x"', "1:28 array indexes are not supported: [process.args[0]]"],
    ["process where a == 1 == 1", "1:15 comparisons cannot be chained: [a == 1 == 1]; add parentheses"],
    ["process where process.name == process.executable", "1:15 comparing two fields is not supported: [process.name == process.executable]"],
    ['process where 1 : "1"', "1:15 ':' compares strings, found the number [1]"],
    ["process where process.name : 1", "1:30 ':' compares strings, found the number [1]"],
    ["file where 1 - -2", "1:12 a condition must be boolean, found [1 - -2]"],
    ['file where "text"', '1:12 a condition must be boolean, found ["text"]'],
    ["file where length(file.name)", "1:12 a condition must be boolean, found [length(file.name)]"],
    ["process where number(1) == 1", "1:22 first argument of [number(1)] must be a string, found [1]"],
    ['process where startsWith(1, "x")', "1:26 first argument of [startsWith(1, \"x\")] must be a string, found [1]"],
    ["process where length(1) > 0", "1:22 first argument of [length(1)] must be a string, found [1]"],
    ['process where add("1", 2) == 3', '1:19 [add("1", 2)] needs numbers, found the string ["1"]'],
    ['process where "1" + 2 == 3', '1:15 arithmetic needs numbers, found the string ["1"]'],
    ['`process` where true', "1:1 an event category cannot be back-quoted: [`process`]; write it as a name or a string"],
    ["sequence by length(host.name) [process where true] [file where true]", "1:13 a join key must be a field, found [length(host.name)]"],
    ["sequence with maxspan=1.5s [process where true] [file where true]", "1:23 maxspan must be a whole number of a unit, found [1.5s]"],
    ["sequence with maxspan=1m by host.id [process where true] [file where true]", "1:26 'by' must come before 'with maxspan'"],
    ["sequence [process where true] ![file where true] [network where true]", "1:31 a sequence with a missing event (![...]) needs 'with maxspan'"],
    ["process where true | tail", "1:20 '| tail' needs a number of results"],
  ])("%s", (query, expected) => {
    expect(errorsOf(query)).toEqual([expected]);
  });

  it("reports every error, in source order, and compiling stops at the first with its caret", () => {
    const q = "process where a[1] == 1 and b == c and 2 + 3";
    expect(errorsOf(q)).toEqual([
      "1:17 array indexes are not supported: [a[1]]",
      "1:29 comparing two fields is not supported: [b == c]",
      "1:40 a condition must be boolean, found [2 + 3]",
    ]);
    let thrown: unknown;
    try {
      compileQuery(q);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EqlError);
    expect((thrown as EqlError).excerpt).toBe(`${q}\n                ^`);
  });

  it("lets through what Elasticsearch runs", () => {
    for (const q of [
      'process where process.name == "x" and not process.args : "-c"',
      "process where bool_field",
      "process where ?x == ?y",
      "process where (a == 1) == true",
      'sequence by host.id with maxspan=5m [process where true] ![file where true] [network where true] | tail 3',
      'process where length(process.name) > 3 and startsWith~(process.name, "ku") | head 5',
    ]) expect(errorsOf(q)).toEqual([]);
  });

  it("refuses in strict mode what it otherwise lets through", () => {
    const strictErrors = (q: string) => checkQuery(parse(q), q, undefined, true, true).map((e) => e.reason);
    expect(errorsOf("process where ?x == ?y")).toEqual([]);
    expect(strictErrors("process where ?x == ?y")).toEqual(["comparing two fields is not supported: [?x == ?y]"]);
    const types = new Map([["x", { type: "long" }], ["y", { type: "boolean" }]]);
    const withTypes = (q: string, strict: boolean) => checkQuery(parse(q), q, types, true, strict).map((e) => e.reason);
    expect(withTypes('process where ?x in ("a")', false)).toEqual([]);
    expect(withTypes('process where ?x in ("a")', true)).toEqual(['1st argument of [?x in ("a")] must be [long], found value ["a"] of type string']);
    // Elasticsearch's verifier lets any literal into a comparison; strict refuses one the field cannot read.
    expect(withTypes('process where x == "abc" and y == "yes" and x == "12" and y == "true"', false)).toEqual([]);
    expect(withTypes('process where x == "abc" and y == "yes" and x == "12" and y == "true"', true)).toEqual([
      '[x == "abc"]: ["abc"] cannot be read as a [long] value of [x]',
      '[y == "yes"]: ["yes"] cannot be read as a [boolean] value of [y]',
    ]);
  });

  describe("with a mapping", () => {
    const mapping = {
      properties: {
        "@timestamp": { type: "date" },
        event: { properties: { category: { type: "keyword" } } },
        process: { properties: { name: { type: "keyword" }, pid: { type: "long" }, title: { type: "text" }, command_line: { type: "text", fields: { keyword: { type: "keyword" } } }, alias_name: { type: "alias", path: "process.name" } } },
        host: { properties: { ip: { type: "ip" }, location: { type: "geo_point" } } },
        user: { type: "nested", properties: { name: { type: "keyword" } } },
        ports: { type: "integer_range" },
        is_admin: { type: "boolean" },
      },
    };
    const errorsWith = (q: string) => {
      try {
        compileQuery(q, { mapping });
        return null;
      } catch (err) {
        return (err as EqlError).reason;
      }
    };
    it.each([
      ['process where process.nmae == "x"', "unknown field [process.nmae] (not in the mapping); did you mean any of [process.name, process.pid, process.title]?"],
      ['process where process == "x"', "[process] is an object, not a field with a value"],
      ['process where host.location == "x"', "field [host.location] has the type [geo_point], which EQL cannot query"],
      ['process where user == "x"', "field [user] has the type [nested], which EQL cannot query"],
      ["process where ports == 1", "field [ports] has the type [integer_range], which EQL cannot query"],
      ['process where process.title == "x"', "field [process.title] is [text] without a keyword sub-field: it has no exact values to compare"],
      ['process where process.pid in ("1", "2")', '1st argument of [process.pid in ("1", "2")] must be [long], found value ["1"] of type string'],
      ['process where process.name in ("a", "b", 3)', '3rd argument of [process.name in ("a", "b", 3)] must be [keyword], found value [3] of type number'],
      ['process where process.alias_name in ("a", 2)', '2nd argument of [process.alias_name in ("a", 2)] must be [keyword], found value [2] of type number'],
      // Without a type for the field, a list that mixes types is refused as such.
      ['process where ?process.unmapped in ("a", 2)', 'the values of [?process.unmapped in ("a", 2)] mix types (string, number)'],
      ['process where process.pid : "1*"', "':' matches strings, but [process.pid] is [long]"],
      ["sequence [process where true] by process.name [process where true] by process.pid", "join key [process.pid] is [long] but [process.name] is [keyword]: they never join"],
    ])("%s", (query, reason) => {
      expect(errorsWith(query)).toBe(reason);
    });

    it("accepts what the mapping allows: optional unknown fields, exact sub-fields, dates and ips with strings", () => {
      for (const q of [
        'process where ?process.nmae == "x" and process.name == "x"',
        'process where process.command_line : "*curl*" and process.command_line.keyword == "x"',
        'process where @timestamp > "2026-01-01T00:00:00Z" and host.ip == "10.0.0.1" and process.pid in (1, 2)',
        'process where process.alias_name == "x" and is_admin',
        // VerifierTests.testQueryOk: "Mismatched type, still ok".
        'process where process.pid == "abcdef" and process.name == 1 and is_admin == "yes"',
        "sequence [process where true] by process.name [process where true] by process.alias_name",
      ]) expect(errorsWith(q)).toBeNull();
    });
  });
});
