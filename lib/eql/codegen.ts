/**
 * Generates one JavaScript function per filter for the "is it true?" question: the and/or/not
 * structure becomes `&&`/`||` over leaf tests, each at its own call site, and leaves that test a
 * field's strings against constants (`==`, `in`, `:`, `like`, `regex` and their negations) are
 * written out in full — `x.startsWith("/tmp/")`, `set.has(x)` — so every rule has its own code
 * and type feedback instead of sharing a few megamorphic closures. The top-level conjunction keeps
 * adaptive ordering: the function counts which operand rejected the event and is regenerated with
 * the most decisive operands first. String literals enter the code only through JSON.stringify;
 * everything else (accessors, sets, regexes) is passed in as a parameter.
 */
import type { CompiledExpr, InlineLeaf } from "./compile-expr";
import type { EqlEvent } from "./fields";

type Test = (e: EqlEvent) => boolean;

const REORDER_EVERY = 8192;
/**
 * Calls a predicate answers through the compiled closures before its code is generated. Most
 * rules of a large rule set are rarely reached (the rule index admits few events to them), and a
 * generated function costs ~100 kB of heap (its source, bytecode and feedback): 1,024 rules
 * generated up front took 157 MB. Hot rules get their own code after this many calls.
 */
export const GENERATE_AFTER = 1000;

/** The code of one generated predicate: helper functions and the values they are given. */
class Unit {
  readonly params: string[] = [];
  readonly values: unknown[] = [];
  readonly helpers: string[] = [];
  private readonly helperOf = new Map<CompiledExpr, string>();

  readonly bind = (value: unknown): string => {
    const name = `b${this.values.length}`;
    this.values.push(value);
    this.params.push(name);
    return name;
  };

  /** A function `L<n>(e)` returning the leaf's result (true only when it holds), written once per leaf. */
  leaf(node: CompiledExpr, inline: InlineLeaf): string {
    const known = this.helperOf.get(node);
    if (known) return known;
    const name = `L${this.helperOf.size}`;
    this.helperOf.set(node, name);
    const get = this.bind(inline.get);
    const general = this.bind(inline.general);
    const test = inline.code(this.bind);
    // A negated leaf (`!=`, `not in`) is must_not: true unless an element passes, a missing field included.
    const [hit, miss, none] = inline.negated ? ["false", "true", "true"] : ["true", "false", "null"];
    this.helpers.push(`function ${name}(e) {
  const v = ${get}(e);
  let y;
  if (v === undefined || v === null) return ${none};
  if (typeof v === "string") {
    const x = v;
    return ${inline.negated ? `!(${test})` : test};
  }
  if (!Array.isArray(v)) return ${general}(v);
  let seen = false;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "string") {
      if (x === null || x === undefined) continue;
      return ${general}(v);
    }
    seen = true;
    if (${test}) return ${hit};
  }
  return seen ? ${miss} : ${none};
}`);
    return name;
  }
}

/** The code of "does the condition hold?": conditions are two-valued, so `not` is `!`. */
function emit(node: CompiledExpr, unit: Unit): string {
  const logic = node.logic;
  if (logic?.op === "not") return `!${emit(logic.parts[0], unit)}`;
  if (logic) return `(${logic.parts.map((p) => emit(p, unit)).join(logic.op === "and" ? " && " : " || ")})`;
  if (node.inline) return `(${unit.leaf(node, node.inline)}(e) === true)`;
  return `${unit.bind(node.isTrue)}(e)`;
}

function build(operands: CompiledExpr[], wins: Float64Array, counter: Int32Array, reorder: () => void): Test {
  const unit = new Unit();
  let body = `if (++c[0] >= ${REORDER_EVERY}) reorder();\n`;
  operands.forEach((op, i) => {
    body += `if (!${emit(op, unit)}) { w[${i}]++; return false; }\n`;
  });
  body += "return true;";
  const source = `${unit.helpers.join("\n")}\nreturn function predicate(e) {\n${body}\n};`;
  return new Function("c", "w", "reorder", ...unit.params, source)(counter, wins, reorder, ...unit.values) as Test;
}

/**
 * Returns a fast `(event) => condition is true` for a compiled condition. With `install`, each
 * (re)generated function is handed over to be called directly; without, calls go through a wrapper.
 */
export function generatePredicate(root: CompiledExpr, install?: (test: Test) => void): Test {
  let operands = root.logic?.op === "and" ? root.logic.parts.slice() : [root];
  let wins = new Float64Array(operands.length);
  const counter = new Int32Array(1);
  let current: Test;
  let calls = 0;
  // Until the code is generated: the same answer from the compiled closures of the operands.
  const interpreted: Test = (e) => {
    if (++calls >= GENERATE_AFTER) {
      current = build(operands, wins, counter, reorder);
      install?.(current);
      return current(e);
    }
    for (let i = 0; i < operands.length; i++) if (!operands[i].isTrue(e)) return false;
    return true;
  };
  const reorder = () => {
    counter[0] = 0;
    const order = operands.map((_, i) => i).sort((a, b) => wins[b] - wins[a]);
    if (order.every((v, i) => v === i)) return;
    operands = order.map((i) => operands[i]);
    wins = Float64Array.from(order, (i) => wins[i] / 2);
    current = build(operands, wins, counter, reorder);
    install?.(current);
  };
  current = interpreted;
  if (install) {
    install(current);
    return current;
  }
  return (e) => current(e);
}
