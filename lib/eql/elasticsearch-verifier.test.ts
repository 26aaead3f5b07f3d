/**
 * Elasticsearch's verifier tests, replayed: every query of
 * x-pack/plugin/eql/src/test/java/org/elasticsearch/xpack/eql/analysis/VerifierTests.java at commit
 * 003af09894ba1e52c6cc3ea82e51b747178f94a4, against the mappings it loads from
 * x-pack/plugin/eql/src/test/resources/mapping-*.json (the fields the tests name, with the
 * `event.category` every index needs). A query Elasticsearch accepts must compile here; one it
 * refuses must be refused at the position Elasticsearch reports (Vigil's wording is its own).
 *
 * 110 of its 112 queries. Not replayed: testAliasErrors' two (its test loads the mapping without
 * resolving the alias, so the alias is "unsupported"; a real index resolves it through field caps,
 * and so does Vigil) and testRemoteClusterVersionCheck (cross-cluster search has no counterpart).
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";

const category = { event: { properties: { category: { type: "keyword" } } } };
const withText = (extra: Record<string, unknown> = {}) => ({ type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } }, ...extra });

const MAPPINGS: Record<string, { properties: Record<string, unknown> }> = {
  default: {
    properties: {
      ...category,
      "@timestamp": { type: "date" },
      bool: { type: "boolean" },
      bytes_written_string: { type: "keyword" },
      bytes_written_string_list: { type: "keyword" },
      command_line: { type: "keyword" },
      constant_keyword: { type: "constant_keyword" },
      exit_code: { type: "long" },
      file_name: withText(),
      hostname: withText(),
      md5: { type: "keyword" },
      opcode: { type: "long" },
      pid: { type: "long" },
      ppid: { type: "long" },
      process_name: { type: "keyword" },
      process_path: { type: "keyword" },
      serial_event_id: { type: "long" },
      source_address: { type: "ip" },
      user_domain: { type: "keyword" },
      user_name: { type: "keyword" },
    },
  },
  numeric: {
    properties: {
      ...category,
      ...Object.fromEntries(["long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float"].map((t) => [`${t}_field`, { type: t }])),
      wrong_int_type_field: { type: "int" },
    },
  },
  date: {
    properties: {
      ...category,
      date: { type: "date" },
      date_with_format: { type: "date", format: "yyyy-MM-dd" },
      date_with_multi_format: { type: "date", format: "yyyy-MM-dd || basic_time || year" },
      date_nanos_field: { type: "date_nanos" },
    },
  },
  boolean: { properties: { ...category, boolean_field: { type: "boolean" } } },
  binary: { properties: { ...category, blob: { type: "binary" } } },
  range: {
    properties: {
      ...category,
      ...Object.fromEntries(["integer", "float", "long", "double", "date", "ip"].map((t) => [`${t}_range_field`, { type: `${t}_range` }])),
    },
  },
  object: { properties: { ...category, endgame: { properties: { pid: { type: "long" } } } } },
  nested: {
    properties: {
      ...category,
      long_field: { type: "long" },
      processes: { type: "nested", properties: { pid: { type: "long" }, path: withText() } },
    },
  },
  geo: { properties: { ...category, location: { type: "geo_point" }, site: { type: "geo_shape" } } },
  ip: { properties: { ...category, ip_addr: { type: "ip" } } },
  multiField: {
    properties: {
      ...category,
      multi_field: { type: "text", fields: { raw: { type: "keyword" }, english: { type: "text", analyzer: "english" } } },
      multi_field_options: { type: "text", fields: { raw: { type: "keyword" }, key: { type: "keyword" } } },
      multi_field_ambiguous: { type: "text", fields: { one: { type: "keyword" }, two: { type: "keyword" }, normalized: { type: "keyword", normalizer: "some_normalizer" } } },
      multi_field_nested: {
        type: "nested",
        properties: { dep_name: { type: "text" }, dep_id: withText(), end_date: { type: "date" }, start_date: { type: "date" } },
      },
    },
  },
  missingEventCategory: { properties: { pid: { type: "long" } } },
  nodoc: { properties: { ...category, description_nodoc: { type: "keyword", doc_values: false } } },
  join: { properties: { ...category, serial_event_id: { type: "long" }, relation: { type: "join", relations: { question: "answer" } } } },
};

/** "ok", or where and why the query is refused. */
function outcome(query: string, mapping = MAPPINGS.default): string {
  try {
    compileQuery(query, { mapping });
    return "ok";
  } catch (err) {
    if (!(err instanceof EqlError)) throw err;
    return `${err.line}:${err.column} ${err.reason}`;
  }
}

describe("Elasticsearch's VerifierTests.java, replayed", () => {
  it.each([
    // testQueryCondition
    ["any where pid", "1:11 a condition must be boolean, found [pid] of type [long]"],
    ["any where @timestamp", "1:11 a condition must be boolean, found [@timestamp] of type [date]"],
    ["any where command_line", "1:11 a condition must be boolean, found [command_line] of type [keyword]"],
    ["any where hostname", "1:11 a condition must be boolean, found [hostname] of type [text]"],
    ["any where constant_keyword", "1:11 a condition must be boolean, found [constant_keyword] of type [constant_keyword]"],
    ["any where source_address", "1:11 a condition must be boolean, found [source_address] of type [ip]"],
    // testQueryStartsWithNumber, testOptionalFieldsUnsupported
    ["42 where true", "1:1 expected an event category (or 'any', 'sequence', 'sample') but found number 42"],
    ["?x where true", "1:1 expected an event category (or 'any', 'sequence', 'sample') but found '?'"],
    // testMissingColumn, testMisspelledColumn, testMisspelledColumnWithMultipleOptions
    ["foo where xxx == 100", "1:11 unknown field [xxx] (not in the mapping)"],
    ["foo where md4 == 1", "1:11 unknown field [md4] (not in the mapping); did you mean [md5]?"],
    ["foo where pib == 1", "1:11 unknown field [pib] (not in the mapping); did you mean any of [pid, ppid]?"],
    // testProcessRelationshipsUnsupported
    ['process where opcode==1 and process_name == "csrss.exe"\n  and descendant of [file where file_name == "csrss.exe" and opcode==0]', "2:7 process relationships ('descendant of [...]') are not supported"],
    ['process where process_name=="svchost.exe"\n  and child of [file where file_name="svchost.exe" and opcode==0]', "2:7 process relationships ('child of [...]') are not supported"],
    // testArrayFunctionsUnsupported, testFunctionParsingUnknown
    ['registry where arrayContains(bytes_written_string_list, "En")', "1:16 unknown function 'arrayContains'"],
    ["registry where arraySearch(bytes_written_string_list, bytes_written_string, true)", "1:16 unknown function 'arraySearch'"],
    ["registry where arrayCount(bytes_written_string_list, bytes_written_string, true) == 1", "1:16 unknown function 'arrayCount'"],
    ["network where safe(process_name)", "1:15 unknown function 'safe'"],
    // testArrayIndexesUnsupported
    ['registry where length(bytes_written_string_list) > 0 and bytes_written_string_list[0] == "EN-us"', "1:84 array indexes are not supported: [bytes_written_string_list[0]]"],
    // testIncorrectUsageOfStringEquals
    ["foo where pid : 123", "1:11 ':' matches strings, but [pid] is [long]"],
    // testKeysWithDifferentTypes, testKeysWithSimilarYetDifferentTypes
    ["sequence [process where true] by pid [process where true] by md5", "1:62 join key [md5] is [keyword] but [pid] is [long]: they never join"],
    ["sequence [process where true] by @timestamp [process where true] by opcode", "1:69 join key [opcode] is [long] but [@timestamp] is [date]: they never join"],
  ])("refuses %s", (query, expected) => {
    expect(outcome(query)).toBe(expected);
  });

  it("accepts testQueryOk's queries, mismatched literal types included", () => {
    for (const q of [
      "foo where true",
      "any where bool",
      'process where serial_event_id == "abcdef"',
      "process where serial_event_id == 1",
      "process where serial_event_id < 4",
      "process where exit_code > -1",
      "process where -1 < exit_code",
      'process where process_name == "impossible name" or (serial_event_id < 4.5 and serial_event_id >= 3.1)',
      "process where (serial_event_id<=8 and not serial_event_id > 7) and (opcode==3 and opcode>2)",
      "process where not (exit_code > -1)\n  and serial_event_id in (58, 64, 69, 74, 80, 85, 90, 93, 94)",
      'file where serial_event_id == 82 and (true == (process_name in ("svchost.EXE", "bad.exe", "bad2.exe")))',
      'process where process_path == "*\\\\MACHINE\\\\SAM\\\\SAM\\\\*\\\\Account\\\\Us*ers\\\\00*03E9\\\\F"',
      "file where serial_event_id - 1 == 81",
      "file where serial_event_id + 1 == 83",
      "file where serial_event_id * 2 == 164",
      "file where serial_event_id / 2 == 41",
      "file where serial_event_id % 40 == 2",
      "file where ?foo == 123",
      "file where ?foo == null",
      "file where ?`?foo` == null",
      "file where ?`f?oo` == null",
      'file where serial_event_id == 82 and (true == (?bar in ("abc", "xyz")))',
      'file where concat(?foo, "test", ?bar) == "onetest!"',
      // testKeysWithDifferentButCompatibleTypes: text (with a keyword) and keyword join.
      "sequence [process where true] by hostname [process where true] by user_domain",
    ]) expect(outcome(q), q).toBe("ok");
  });

  it("accepts fields without doc values and beside a join field (testNoDoc, testJoin)", () => {
    expect(outcome('foo where description_nodoc == ""', MAPPINGS.nodoc)).toBe("ok");
    expect(outcome("foo where serial_event_id == 0", MAPPINGS.join)).toBe("ok");
  });

  it("refuses an index without event.category (testMissingEventCategory)", () => {
    expect(outcome("foo where true", MAPPINGS.missingEventCategory)).toBe("1:1 unknown field [event.category] (not in the mapping): events are selected by it");
  });

  it("accepts every numeric type and refuses an unknown one (testNumeric)", () => {
    for (const t of ["long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float"]) expect(outcome(`foo where ${t}_field == 0`, MAPPINGS.numeric)).toBe("ok");
    expect(outcome("foo where wrong_int_type_field == 0", MAPPINGS.numeric)).toBe("1:11 field [wrong_int_type_field] has the type [int], which EQL cannot query");
  });

  it("accepts any string against dates, booleans, binaries and ips (testDate, testBoolean, testBinary, testIP)", () => {
    for (const field of ["date", "date_with_format", "date_with_multi_format", "date_nanos_field"]) {
      for (const literal of ['""', '"2020-02-02"', '"2020-02-41"', '"20200241"']) expect(outcome(`foo where ${field} == ${literal}`, MAPPINGS.date)).toBe("ok");
    }
    expect(outcome('foo where date_with_multi_format == "11:12:13"', MAPPINGS.date)).toBe("ok");
    for (const literal of ["true", '"bar"', "0", "123456"]) expect(outcome(`foo where boolean_field == ${literal}`, MAPPINGS.boolean)).toBe("ok");
    for (const literal of ['""', '"bar"', "0", "123456"]) expect(outcome(`foo where blob == ${literal}`, MAPPINGS.binary)).toBe("ok");
    expect(outcome("foo where ip_addr == 0", MAPPINGS.ip)).toBe("ok");
  });

  it("refuses range types (testRange) and geo types (testGeo)", () => {
    for (const t of ["integer", "float", "long", "double", "date", "ip"]) {
      expect(outcome(`foo where ${t}_range_field == ""`, MAPPINGS.range)).toBe(`1:11 field [${t}_range_field] has the type [${t}_range], which EQL cannot query`);
    }
    expect(outcome("foo where location == 0", MAPPINGS.geo)).toBe("1:11 field [location] has the type [geo_point], which EQL cannot query");
    expect(outcome("foo where site == 0", MAPPINGS.geo)).toBe("1:11 field [site] has the type [geo_shape], which EQL cannot query");
  });

  it("refuses a list item of another type than the field (testMixedSet)", () => {
    expect(outcome('foo where long_field in (1, "string")', MAPPINGS.numeric)).toBe('1:29 2nd argument of [long_field in (1, "string")] must be [long], found value ["string"] of type string');
  });

  it("resolves object sub-fields and refuses nested ones (testObject, testNested)", () => {
    expect(outcome("foo where endgame.pid == 0", MAPPINGS.object)).toBe("ok");
    expect(outcome("foo where endgame.pi == 0", MAPPINGS.object)).toBe("1:11 unknown field [endgame.pi] (not in the mapping); did you mean [endgame.pid]?");
    expect(outcome("foo where processes == 0", MAPPINGS.nested)).toBe("1:11 field [processes] has the type [nested], which EQL cannot query");
    expect(outcome("foo where processes.pid == 0", MAPPINGS.nested)).toBe("1:11 field [processes.pid] is inside the nested field [processes], which EQL cannot query");
    expect(outcome("foo where processe.pid == 0", MAPPINGS.nested)).toBe("1:11 unknown field [processe.pid] (not in the mapping); did you mean any of [processes.pid, processes.path, processes.path.keyword]?");
    expect(outcome("foo where long_field == 123", MAPPINGS.nested)).toBe("ok");
  });

  it("needs exact values: text without a keyword, normalized keywords and nested multi-fields are refused (testMultiField, testStringFunctionWithText)", () => {
    const m = MAPPINGS.multiField;
    for (const f of ["multi_field.raw", "multi_field_options.raw", "multi_field_options.key", "multi_field_ambiguous.one", "multi_field_ambiguous.two"]) expect(outcome(`foo where ${f} == "bar"`, m)).toBe("ok");
    expect(outcome('foo where multi_field.english == "bar"', m)).toBe("1:11 field [multi_field.english] is [text] without a keyword sub-field: it has no exact values to compare");
    expect(outcome('foo where multi_field_ambiguous.normalized == "bar"', m)).toBe('1:11 [multi_field_ambiguous.normalized == "bar"]: [multi_field_ambiguous.normalized] is a keyword with the normalizer [some_normalizer], which exact matches cannot use');
    for (const f of ["multi_field_nested.dep_name", "multi_field_nested.dep_id.keyword", "multi_field_nested.end_date", "multi_field_nested.start_date"]) {
      expect(outcome(`foo where ${f} == "bar"`, m)).toBe(`1:11 field [${f}] is inside the nested field [multi_field_nested], which EQL cannot query`);
    }
    expect(outcome('process where string(multi_field.english) == "foo"', m)).toBe("1:22 field [multi_field.english] is [text] without a keyword sub-field: it has no exact values to compare");
  });
});
