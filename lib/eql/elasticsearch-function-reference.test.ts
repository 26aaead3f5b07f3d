/**
 * Every example of Elasticsearch's EQL function reference,
 * docs/reference/query-languages/eql/eql-function-ref.md at commit 65a282da, with the field values
 * each example states (`// process.args_count = 4`) as the event.
 *
 * Where the page disagrees with Elasticsearch's code, the code is the reference and the case is
 * asserted with the code's value (DOC_DIFFERS_FROM_CODE below): `indexOf(…, null)` as the start
 * (IndexOfFunctionProcessor reads a null start as 0), `indexOf~(url.domain, "D")` (the first "d"
 * of "subdomain" is at 3, as `indexOf(url.domain, "d")` on the same page says), `stringContains~` (the page says a
 * case-insensitive search for "Regsvr32" in "start regsvr32.exe" is false) and two `subtract`
 * results (-2 - 4 is -6, not -8; -2 - -4 is 2, not 8). The page's typos are
 * read as meant: `add(4. null)` as `add(4, null)`, `add(process.args_count null)` with its comma,
 * `stringContains(command_line, …)` as `process.command_line`.
 */
import { describe, expect, it } from "vitest";
import { compileExpr } from "./compile-expr";
import type { EqlEvent } from "./fields";
import { parseExpression } from "./parser";

const value = (src: string, e: EqlEvent) => compileExpr(parseExpression(src), { source: src }).ev(e);

type Case = [expression: string, expected: unknown];
const SECTIONS: { name: string; event: EqlEvent; cases: Case[] }[] = [
  {
    name: "add",
    event: { process: { args_count: 4, parent: { args_count: 2 } } },
    cases: [
      ["add(4, 5)", 9], ["add(4, 0.5)", 4.5], ["add(0.5, 0.25)", 0.75], ["add(4, -2)", 2], ["add(-2, -2)", -4],
      ["add(process.args_count, 5)", 9], ["add(process.args_count, 0.5)", 4.5], ["add(process.args_count, process.parent.args_count)", 6],
      ["add(null, 4)", null], ["add(4, null)", null], ["add(null, process.args_count)", null], ["add(process.args_count, null)", null],
    ],
  },
  {
    name: "between",
    event: { file: { path: "C:\\Windows\\System32\\cmd.exe" } },
    cases: [
      ['between(file.path, "System32\\\\", ".exe")', "cmd"], ['between(file.path, "system32\\\\", ".exe")', ""], ['between(file.path, "workspace\\\\", ".exe")', ""],
      ['between~(file.path, "system32\\\\", ".exe")', "cmd"], ['between(file.path, "\\\\", "\\\\", false)', "Windows"], ['between(file.path, "\\\\", "\\\\", true)', "Windows\\System32"],
      ['between("", "System32\\\\", ".exe")', ""], ['between("", "", "")', ""], ['between(null, "System32\\\\", ".exe")', null],
    ],
  },
  {
    name: "cidrMatch",
    event: { source: { address: "192.168.152.12" } },
    cases: [
      ['cidrMatch(source.address, "192.168.0.0/16")', true], ['cidrMatch(source.address, "192.168.0.0/16", "10.0.0.0/8")', true],
      ['cidrMatch(source.address, "10.0.0.0/8")', false], ['cidrMatch(source.address, "10.0.0.0/8", "10.128.0.0/9")', false],
      ['cidrMatch(null, "10.0.0.0/8")', null], ["cidrMatch(source.address, null)", null],
    ],
  },
  {
    name: "concat",
    event: { process: { name: "regsvr32.exe", arg_count: 4 } },
    cases: [
      ['concat("process is ", "regsvr32.exe")', "process is regsvr32.exe"], ['concat("regsvr32.exe", " ", 42)', "regsvr32.exe 42"],
      ['concat("regsvr32.exe", " ", 42.5)', "regsvr32.exe 42.5"], ['concat("regsvr32.exe", " ", true)', "regsvr32.exe true"], ['concat("regsvr32.exe")', "regsvr32.exe"],
      ['concat(process.name, " ", 42)', "regsvr32.exe 42"], ['concat(process.name, " ", 42.5)', "regsvr32.exe 42.5"], ['concat("process is ", process.name)', "process is regsvr32.exe"],
      ['concat(process.name, " ", true)', "regsvr32.exe true"], ["concat(process.name)", "regsvr32.exe"], ['concat(process.name, " ", process.arg_count)', "regsvr32.exe 4"],
      ['concat(null, "regsvr32.exe")', null], ["concat(process.name, null)", null], ["concat(null)", null],
    ],
  },
  {
    name: "divide",
    event: { process: { args_count: 4, parent: { args_count: 2 } } },
    cases: [
      ["divide(4, 2)", 2], ["divide(4, 3)", 1], ["divide(4, 3.0)", 4 / 3], ["divide(4, 0.5)", 8], ["divide(0.5, 4)", 0.125], ["divide(0.5, 0.25)", 2.0], ["divide(4, -2)", -2], ["divide(-4, -2)", 2],
      ["divide(process.args_count, 2)", 2], ["divide(process.args_count, 3)", 1], ["divide(process.args_count, 3.0)", 4 / 3], ["divide(12, process.args_count)", 3],
      ["divide(process.args_count, 0.5)", 8], ["divide(0.5, process.args_count)", 0.125], ["divide(process.args_count, process.parent.args_count)", 2],
      ["divide(null, 4)", null], ["divide(4, null)", null], ["divide(null, process.args_count)", null], ["divide(process.args_count, null)", null],
    ],
  },
  {
    name: "endsWith",
    event: { file: { name: "regsvr32.exe", extension: ".exe" } },
    cases: [
      ['endsWith("regsvr32.exe", ".exe")', true], ['endsWith("regsvr32.exe", ".EXE")', false], ['endsWith("regsvr32.exe", ".dll")', false], ['endsWith("", "")', true],
      ['endsWith~("regsvr32.exe", ".EXE")', true], ['endsWith(file.name, ".exe")', true], ['endsWith(file.name, ".dll")', false],
      ['endsWith("regsvr32.exe", file.extension)', true], ['endsWith("ntdll.dll", file.name)', false],
      ['endsWith("regsvr32.exe", null)', null], ['endsWith("", null)', null], ['endsWith(null, ".exe")', null], ["endsWith(null, null)", null],
    ],
  },
  {
    name: "indexOf",
    event: { url: { domain: "subdomain.example.com" } },
    cases: [
      ['indexOf(url.domain, "d")', 3], ['indexOf(url.domain, "D")', null], ['indexOf(url.domain, ".")', 9], ['indexOf(url.domain, ".", 9)', 9], ['indexOf(url.domain, ".", 10)', 17],
      ['indexOf(url.domain, ".", -6)', 9], ['indexOf("", "")', 0], ['indexOf(url.domain, "")', 0], ['indexOf(url.domain, "", 9)', 9],
      ['indexOf(url.domain, "", 10)', 10], ['indexOf(url.domain, "", -6)', 0], ['indexOf(url.domain, "z")', null], ['indexOf(url.domain, "z", 9)', null],
      ['indexOf(url.domain, ".", 30)', null], ['indexOf(null, ".", 9)', null], ["indexOf(url.domain, null, 9)", null],
    ],
  },
  {
    name: "length",
    event: { process: { name: "regsvr32.exe" } },
    cases: [['length("explorer.exe")', 12], ['length("start explorer.exe")', 18], ['length("")', 0], ["length(null)", null], ["length(process.name)", 12]],
  },
  {
    name: "modulo",
    event: { process: { args_count: 10, parent: { args_count: 6 } } },
    cases: [
      ["modulo(10, 6)", 4], ["modulo(10, 5)", 0], ["modulo(10, 0.5)", 0], ["modulo(10, -6)", 4], ["modulo(-10, -6)", -4],
      ["modulo(process.args_count, 6)", 4], ["modulo(process.args_count, 5)", 0], ["modulo(106, process.args_count)", 6], ["modulo(process.args_count, -6)", 4],
      ["modulo(process.args_count, 0.5)", 0], ["modulo(process.args_count, process.parent.args_count)", 4],
      ["modulo(null, 5)", null], ["modulo(7, null)", null], ["modulo(null, process.args_count)", null], ["modulo(process.args_count, null)", null],
    ],
  },
  {
    name: "multiply",
    event: { process: { args_count: 2, parent: { args_count: 3 } } },
    cases: [
      ["multiply(2, 2)", 4], ["multiply(0.5, 2)", 1], ["multiply(0.25, 2)", 0.5], ["multiply(-2, 2)", -4], ["multiply(-2, -2)", 4],
      ["multiply(process.args_count, 2)", 4], ["multiply(0.5, process.args_count)", 1], ["multiply(0.25, process.args_count)", 0.5],
      ["multiply(process.args_count, process.parent.args_count)", 6], ["multiply(null, 2)", null], ["multiply(2, null)", null],
    ],
  },
  {
    name: "number",
    event: { process: { pid: "1337" } },
    cases: [
      ['number("1337")', 1337], ['number("42.5")', 42.5], ['number("deadbeef", 16)', 3735928559], ['number("0xdeadbeef")', 3735928559], ['number("0xdeadbeef", 16)', 3735928559],
      ['number("+1337")', 1337], ['number("-1337")', -1337], ['number("  1337  ")', 1337], ["number(process.pid)", 1337], ["number(null)", null], ["number(null, 16)", null],
      ['number("0xdeadbeef", null)', 3735928559], ['number("1337", null)', 1337],
    ],
  },
  {
    name: "startsWith",
    event: { process: { name: "regsvr32.exe" } },
    cases: [
      ['startsWith("regsvr32.exe", "regsvr32")', true], ['startsWith("regsvr32.exe", "Regsvr32")', false], ['startsWith("regsvr32.exe", "explorer")', false], ['startsWith("", "")', true],
      ['startsWith~("regsvr32.exe", "Regsvr32")', true], ['startsWith(process.name, "regsvr32")', true], ['startsWith(process.name, "explorer")', false],
      ['startsWith("regsvr32.exe", null)', null], ['startsWith("", null)', null], ['startsWith(null, "regsvr32")', null], ["startsWith(null, null)", null],
    ],
  },
  {
    name: "startsWith, with a field as the prefix",
    event: { process: { name: "regsvr32" } },
    cases: [['startsWith("regsvr32.exe", process.name)', true], ['startsWith("explorer.exe", process.name)', false]],
  },
  {
    name: "string",
    event: {},
    cases: [["string(42)", "42"], ["string(42.5)", "42.5"], ['string("regsvr32.exe")', "regsvr32.exe"], ["string(true)", "true"], ["string(null)", null]],
  },
  {
    name: "stringContains",
    event: { process: { command_line: "start regsvr32.exe", name: "regsvr32.exe" } },
    cases: [
      ['stringContains(process.command_line, "regsvr32")', true], ['stringContains(process.command_line, "Regsvr32")', false], ['stringContains(process.command_line, "start ")', true],
      ['stringContains(process.command_line, "explorer")', false], ["stringContains(process.command_line, process.name)", true], ['stringContains("", "")', false],
      ['stringContains(process.command_line, "")', false], ['stringContains(null, "regsvr32")', null], ["stringContains(process.command_line, null)", null],
    ],
  },
  {
    name: "substring",
    event: {},
    cases: [
      ['substring("start regsvr32.exe", 6)', "regsvr32.exe"], ['substring("start regsvr32.exe", 0, 5)', "start"], ['substring("start regsvr32.exe", 6, 14)', "regsvr32"],
      ['substring("start regsvr32.exe", -4)', ".exe"], ['substring("start regsvr32.exe", -4, -1)', ".ex"],
    ],
  },
  {
    name: "subtract",
    event: { process: { args_count: 10, parent: { args_count: 6 } } },
    cases: [
      ["subtract(10, 2)", 8], ["subtract(10.5, 0.5)", 10], ["subtract(1, 0.2)", 0.8],
      ["subtract(process.args_count, 6)", 4], ["subtract(process.args_count, 5)", 5], ["subtract(15, process.args_count)", 5], ["subtract(process.args_count, 0.5)", 9.5],
      ["subtract(process.args_count, process.parent.args_count)", 4], ["subtract(null, 2)", null], ["subtract(2, null)", null],
    ],
  },
];

/** [expression, event, the page's value, the code's value]. */
const DOC_DIFFERS_FROM_CODE: [string, EqlEvent, unknown, unknown][] = [
  ['indexOf(url.domain, ".", null)', { url: { domain: "subdomain.example.com" } }, null, 9],
  ['indexOf~(url.domain, "D")', { url: { domain: "subdomain.example.com" } }, 4, 3],
  ['stringContains~(process.command_line, "Regsvr32")', { process: { command_line: "start regsvr32.exe" } }, false, true],
  ["subtract(-2, 4)", {}, -8, -6],
  ["subtract(-2, -4)", {}, 8, 2],
];

describe("Elasticsearch's EQL function reference, every example", () => {
  for (const section of SECTIONS) {
    it.each(section.cases)(`${section.name}: %s`, (expression, expected) => {
      expect(value(expression, section.event)).toStrictEqual(expected);
    });
  }

  it.each(DOC_DIFFERS_FROM_CODE)("%s is what Elasticsearch's code computes, not the page (%j, page: %j)", (expression, event, _page, code) => {
    expect(value(expression, event)).toStrictEqual(code);
  });
});
