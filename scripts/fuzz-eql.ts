/**
 * `npm run fuzz:eql` — the parser/compiler fuzz test at length: random strings, token soups and
 * random expression trees (printed) until FUZZ_SECONDS pass (default 120). Any exception other than
 * EqlError, or a single case slower than 1 s, is a failure and is printed with its input.
 */
import fc from "fast-check";
import { exprArb, tokenSoupArb } from "../lib/eql/arbitraries";
import { compileQuery } from "../lib/eql/compile";
import { EqlError } from "../lib/eql/errors";
import { printExpr } from "../lib/eql/printer";

const seconds = Number(process.env.FUZZ_SECONDS ?? 120);
const deadline = Date.now() + seconds * 1000;
let cases = 0;
let typedErrors = 0;

function check(input: string) {
  cases++;
  const t0 = performance.now();
  try {
    compileQuery(input);
  } catch (err) {
    if (!(err instanceof EqlError)) throw new Error(`non-EqlError ${(err as Error)?.name}: ${(err as Error)?.message}\ninput: ${JSON.stringify(input)}`);
    typedErrors++;
  }
  const ms = performance.now() - t0;
  if (ms > 1000) throw new Error(`took ${ms.toFixed(0)} ms\ninput: ${JSON.stringify(input)}`);
}

const inputs = fc.oneof(
  fc.string({ maxLength: 200, unit: "binary" }),
  tokenSoupArb,
  tokenSoupArb.map((s) => `process where ${s}`),
  tokenSoupArb.map((s) => `sequence by host.id with maxspan=5m [process where ${s}] [file where true]`),
  exprArb.map((e) => `any where ${printExpr(e)}`),
);

while (Date.now() < deadline) {
  fc.assert(fc.property(inputs, (s) => check(s)), { numRuns: 2000 });
}
console.log(`fuzz:eql — ${cases} inputs in ${seconds} s, ${typedErrors} typed errors, no other exception, none over 1 s`);
