import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";

function errorOf(query: string): EqlError {
  try {
    compileQuery(query);
  } catch (err) {
    if (err instanceof EqlError) return err;
    throw err;
  }
  throw new Error(`expected ${query} to fail`);
}

describe("query errors", () => {
  it("point at the line and column with a caret", () => {
    const err = errorOf('process where\n  process.name == "a" and and');
    expect(err.kind).toBe("syntax");
    expect([err.line, err.column]).toEqual([2, 27]);
    expect(err.message).toBe(`2:27 unexpected keyword 'and'\n  process.name == "a" and and\n                          ^`);
  });

  it.each([
    ['process where foo("a")', "unknown function 'foo'", 15],
    ['process where length("a", "b")', "function 'length' takes 1 arguments but got 2", 15],
    ['process where concat~("a")', "function 'concat' has no case-insensitive form '~'", 15],
    ['process where a regex "("', "invalid regular expression", 23],
    ["process where a == 'x'", "single quotes are not supported", 20],
    ['process where a == "x" | unique a', "pipe 'unique' is not supported", 26],
    ['process where a == "x', "unterminated string", 20],
    ["sequence [process where true]", "at least 2 bracketed filters", 30],
    ["sequence [a where true] by x [b where true]", "same number of join keys", 30],
    ["sequence ![a where true] [b where true]", "needs 'with maxspan'", 40],
    ['process where "\\q"', "invalid escape sequence", 16],
    ["sequence with maxspan=5 [a where true] [b where true]", "time unit", 25],
  ])("%s → %s", (query, message, column) => {
    const err = errorOf(query);
    expect(err.reason).toContain(message);
    expect(err.column).toBe(column);
  });
});
