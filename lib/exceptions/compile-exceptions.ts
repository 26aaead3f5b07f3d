/**
 * Exceptions evaluated by the EQL engine itself: every entry becomes an EQL condition (printed,
 * parsed and compiled like any rule's), so arrays, case folding and missing fields behave exactly
 * as in rules. An item applies when all its entries hold; items are alternatives; a rule then
 * effectively runs `query and not (item1 or item2 …)`.
 */
import type { EqlEvent } from "../eql";
import { compileCondition } from "../eql/compile-expr";
import { parseExpression } from "../eql/parser";
import { printString } from "../eql/printer";
import type { TExceptionEntry, TExceptionItem } from "./exception-item";

/** Backquotes every segment, so any field name is read as a name. */
const fieldRef = (field: string) => field.split(".").map((s) => `\`${s.replace(/`/g, "``")}\``).join(".");
const list = (values: string[]) => `(${values.map(printString).join(", ")})`;

/**
 * The positive EQL condition of an entry, and whether the entry is its negation. Negations follow
 * Elastic: "is not" and "does not match" also hold when the field is missing.
 */
export function entryCondition(entry: TExceptionEntry): { eql: string; negated: boolean } {
  const f = fieldRef(entry.field);
  const ci = entry.caseInsensitive;
  switch (entry.operator) {
    case "is":
    case "is_one_of":
      return { eql: `${f} ${ci ? "in~" : "in"} ${list(entry.values)}`, negated: false };
    case "is_not":
    case "is_not_one_of":
      return { eql: `${f} ${ci ? "in~" : "in"} ${list(entry.values)}`, negated: true };
    case "matches":
      return { eql: `${f} ${ci ? "like~" : "like"} ${list(entry.values)}`, negated: false };
    case "does_not_match":
      return { eql: `${f} ${ci ? "like~" : "like"} ${list(entry.values)}`, negated: true };
    case "exists":
      return { eql: `${f} != null`, negated: false };
    case "does_not_exist":
      return { eql: `${f} != null`, negated: true };
  }
}

/** Why the engine cannot compile an entry, or null when it can. */
export function entryProblem(entry: TExceptionEntry): string | null {
  try {
    const { eql } = entryCondition(entry);
    compileCondition(parseExpression(eql), { source: eql });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface CompiledException {
  item: TExceptionItem;
  /** True when every entry holds for the event. */
  matches: (e: EqlEvent) => boolean;
}

export function compileException(item: TExceptionItem): CompiledException {
  const tests = item.entries.map((entry) => {
    const { eql, negated } = entryCondition(entry);
    const isTrue = compileCondition(parseExpression(eql), { source: eql }).isTrue;
    return negated ? (e: EqlEvent) => !isTrue(e) : isTrue;
  });
  return { item, matches: (e) => tests.every((t) => t(e)) };
}

/** The exceptions in force for detection, with an injectable clock for expiry. */
export class ExceptionSet {
  private readonly compiled: CompiledException[];

  constructor(
    items: TExceptionItem[] | CompiledException[],
    private readonly now: () => Date = () => new Date(),
  ) {
    const compiled = items.map((i) => ("matches" in i ? i : compileException(i)));
    this.compiled = compiled.filter((c) => c.item.enabled);
  }

  /** The exceptions in force, compiled; a stored one that does not compile is set aside with the reason instead. */
  static fromStored(rows: { id: string; parse: () => TExceptionItem }[], now: () => Date): { set: ExceptionSet; invalid: { id: string; reason: string }[] } {
    const items: CompiledException[] = [];
    const invalid: { id: string; reason: string }[] = [];
    for (const row of rows) {
      try {
        items.push(compileException(row.parse()));
      } catch (err) {
        invalid.push({ id: row.id, reason: (err as Error).message.slice(0, 500) });
      }
    }
    return { set: new ExceptionSet(items, now), invalid };
  }

  /** The first exception that silences this rule's match on the event, or null. */
  match(ruleId: string, e: EqlEvent): TExceptionItem | null {
    const now = this.now().getTime();
    for (const c of this.compiled) {
      if (c.item.ruleId !== null && c.item.ruleId !== ruleId) continue;
      if (c.item.expiresAt && c.item.expiresAt.getTime() <= now) continue;
      if (c.matches(e)) return c.item;
    }
    return null;
  }
}
