/**
 * What Elasticsearch's query translator makes of a condition decides which events it selects. These
 * cases come from its own translator tests — x-pack/plugin/eql/src/test/resources/
 * querytranslator_tests.txt at commit 09910273100b77a365b9246f245f84d1d1fd4b94 — and from the script
 * helper they call (InternalEqlScriptUtils.multiValueDocValues at commit
 * 53258b3effc530a13f860f4e5410a4cc677c8eec: each value of the field in turn, a missing field as
 * null, null results filtered out as false). For each case: the translation the file expects, and
 * the events that translation selects and does not.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";

type Case = {
  /** The case's name in querytranslator_tests.txt. */
  name: string;
  query: string;
  /** The query DSL the file expects, in short. */
  translation: string;
  selects: Record<string, unknown>[];
  skips: Record<string, unknown>[];
};

const proc = (fields: Record<string, unknown>) => ({ event: { category: "process" }, ...fields });

const CASES: Case[] = [
  {
    name: "notFilter",
    query: "process where not (exit_code > -1)",
    translation: "must_not range exit_code > -1",
    selects: [proc({ exit_code: -5 }), proc({})],
    skips: [proc({ exit_code: 0 })],
  },
  {
    name: "notFieldsConjunction",
    query: 'process where not (exit_code > 1 and user_name == "root")',
    translation: "must_not (range exit_code > 1 and term user_name root)",
    selects: [proc({ exit_code: 2 }), proc({ user_name: "root" }), proc({}), proc({ exit_code: 0, user_name: "root" })],
    skips: [proc({ exit_code: 2, user_name: "root" })],
  },
  {
    name: "notOneFieldConjunctionNotSecondField",
    query: 'process where not (exit_code > 1) and not (user_name == "root")',
    translation: "must (must_not range exit_code > 1, must_not term user_name root)",
    selects: [proc({}), proc({ exit_code: 1, user_name: "admin" })],
    skips: [proc({ exit_code: 2 }), proc({ user_name: "root" })],
  },
  {
    name: "inFilterWithScripting",
    query: 'process where substring(command_line, 5) in ("test*", "best")',
    translation: "script: any value v with in(substring(v, 5), list), null as false",
    selects: [proc({ command_line: "abcdebest" }), proc({ command_line: ["x", "12345test*"] })],
    skips: [proc({}), proc({ command_line: "12345testing" })],
  },
  {
    name: "negatedInFilterWithScripting",
    query: 'process where substring(command_line, 5) not in ("test*", "best")',
    translation: "script: not (any value v with in(substring(v, 5), list)); a missing field tests null, so the not holds",
    selects: [proc({}), proc({ command_line: "12345other" })],
    skips: [proc({ command_line: "abcdebest" }), proc({ command_line: ["x", "12345best"] })],
  },
  {
    name: "functionEqualsFalse",
    query: 'process where cidrMatch(source_address, "10.0.0.0/8") == false',
    translation: "must_not terms source_address [10.0.0.0/8]",
    selects: [proc({}), proc({ source_address: "192.168.1.1" })],
    skips: [proc({ source_address: "10.1.2.3" })],
  },
  {
    name: "functionNotEqualsTrue",
    query: 'process where cidrMatch(source_address, "10.0.0.0/8") != true',
    translation: "must_not terms source_address [10.0.0.0/8]",
    selects: [proc({}), proc({ source_address: "192.168.1.1" })],
    skips: [proc({ source_address: "10.1.2.3" })],
  },
  {
    name: "functionNotEqualsFalse",
    query: 'process where cidrMatch(source_address, "10.0.0.0/8") != false',
    translation: "terms source_address [10.0.0.0/8]",
    selects: [proc({ source_address: "10.1.2.3" }), proc({ source_address: ["192.168.1.1", "10.0.0.9"] })],
    skips: [proc({}), proc({ source_address: "192.168.1.1" })],
  },
  {
    name: "twoFunctionsEqualsBooleanLiterals-caseSensitive",
    query: 'process where endsWith(process_path, "x") == true and endsWith(process_path, "yx") != true',
    translation: "must (wildcard process_path *x, must_not wildcard process_path *yx)",
    selects: [proc({ process_path: "/bin/ax" })],
    skips: [proc({ process_path: "/bin/ayx" }), proc({}), proc({ process_path: "/bin/aX" })],
  },
  {
    name: "fieldNoEquals",
    query: "process where bool",
    translation: "term bool true",
    selects: [proc({ bool: true }), proc({ bool: [false, true] })],
    skips: [proc({}), proc({ bool: false })],
  },
  {
    name: "fieldNotEqualsTrue",
    query: "process where bool != true",
    translation: "must_not term bool true",
    selects: [proc({}), proc({ bool: false })],
    skips: [proc({ bool: true }), proc({ bool: [false, true] })],
  },
  {
    name: "fieldNotEqualsFalse",
    query: "process where bool != false",
    translation: "must_not term bool false",
    selects: [proc({}), proc({ bool: true })],
    skips: [proc({ bool: false }), proc({ bool: [true, false] })],
  },
  {
    name: "lengthFunctionWithExactSubField",
    query: "process where length(file_name) > 0",
    translation: "script: any value v with length(v) > 0",
    selects: [proc({ file_name: "a" }), proc({ file_name: ["", "a"] })],
    skips: [proc({}), proc({ file_name: "" }), proc({ file_name: [""] })],
  },
  {
    name: "numberFunctionTwoArguments",
    query: "process where number(process_name, 16) != null",
    translation: "script: not (any value v with isNull(number(v, 16))); a missing field tests null, so it fails",
    selects: [proc({ process_name: "ff" })],
    skips: [proc({}), proc({ process_name: "zz" }), proc({ process_name: ["ff", "zz"] })],
  },
  {
    name: "addOperator",
    query: "process where serial_event_id + 2 == -2147483647",
    translation: "script: any value v with v + 2 == -2147483647",
    selects: [proc({ serial_event_id: -2147483649 }), proc({ serial_event_id: [5, -2147483649] })],
    skips: [proc({}), proc({ serial_event_id: 5 })],
  },
  {
    name: "likeMultiArgWithScript",
    query: 'process where substring(command_line, 5) like ("net.e*", "net.e?e")',
    translation: "should (script any value like net.e*, script any value like net.e?e)",
    selects: [proc({ command_line: "12345net.exe" }), proc({ command_line: ["x", "12345net.eye"] })],
    skips: [proc({}), proc({ command_line: "12345NET.EXE" })],
  },
];

describe("conditions select what Elasticsearch's translation of them selects (querytranslator_tests.txt)", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.translation}`, () => {
      const q = compileQuery(c.query);
      if (q.kind !== "event") throw new Error("event queries only");
      expect(c.selects.map((e) => q.filter.matches(e))).toEqual(c.selects.map(() => true));
      expect(c.skips.map((e) => q.filter.matches(e))).toEqual(c.skips.map(() => false));
    });
  }
});
