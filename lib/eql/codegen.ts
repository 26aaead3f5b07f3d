/**
 * Generates one JavaScript function per filter for the "is it true?" question: the and/or/not
 * structure becomes `&&`/`||` over leaf tests, each at its own call site (monomorphic, inlinable)
 * instead of loops over closures. The top-level conjunction keeps adaptive ordering: the function
 * counts which operand rejected the event and is regenerated with the most decisive operands
 * first. Only leaf functions are referenced from the generated code; no query text is embedded.
 */
import type { CompiledExpr } from "./compile-expr";
import type { EqlEvent } from "./fields";

type Test = (e: EqlEvent) => boolean;

const REORDER_EVERY = 8192;

function emit(node: CompiledExpr, wantTrue: boolean, leaves: Test[]): string {
  const logic = node.logic;
  if (logic?.op === "not") return emit(logic.parts[0], !wantTrue, leaves);
  if (logic) {
    // true?: and → all true, or → any true. false?: and → any false, or → all false.
    const joiner = (logic.op === "and") === wantTrue ? " && " : " || ";
    return `(${logic.parts.map((p) => emit(p, wantTrue, leaves)).join(joiner)})`;
  }
  leaves.push(wantTrue ? node.isTrue : node.isFalse);
  return `f${leaves.length - 1}(e)`;
}

function build(operands: CompiledExpr[], wins: Float64Array, onCall: () => void): Test {
  const leaves: Test[] = [];
  let body = "onCall();\n";
  operands.forEach((op, i) => {
    body += `if (!${emit(op, true, leaves)}) { wins[${i}]++; return false; }\n`;
  });
  body += "return true;";
  const params = ["wins", "onCall", ...leaves.map((_, i) => `f${i}`)];
  return new Function(...params, `return function predicate(e) {\n${body}\n};`)(wins, onCall, ...leaves) as Test;
}

/** Returns a fast `(event) => condition is true` for a compiled condition. */
export function generatePredicate(root: CompiledExpr): Test {
  let operands = root.logic?.op === "and" ? root.logic.parts.slice() : [root];
  let wins = new Float64Array(operands.length);
  let calls = 0;
  let current: Test;
  const onCall = () => {
    if (++calls < REORDER_EVERY) return;
    calls = 0;
    const order = operands.map((_, i) => i).sort((a, b) => wins[b] - wins[a]);
    if (order.every((v, i) => v === i)) return;
    operands = order.map((i) => operands[i]);
    wins = Float64Array.from(order, (i) => wins[i] / 2);
    current = build(operands, wins, onCall);
  };
  current = build(operands, wins, onCall);
  return (e) => current(e);
}
