/**
 * Facts beside each investigation step of any rule's guide, from data, not from code per rule: a
 * step is matched to topics by its text (arguments, parent, executable, user, host, network,
 * file, related alerts…); it shows this alert's values of the topic's fields — those the rule's
 * query names first — and the conditions the engine saw hold on them. A rule may name each step's
 * fields itself (`stepFacts`); the seed rule does. Values come from the event as the rule read it,
 * so a parent Vigil reconstructed for an auditd event is shown.
 */
import type { Expr, Query } from "../eql/ast";
import { fieldValue } from "../eql/fields";
import type { StoredExplanation } from "./alert-from-hit";

/** The pseudo-field of a step about the other alerts of the same user or host. */
export const RELATED_ALERTS = "related_alerts";

const TOPICS: { words: RegExp; fields: string[] }[] = [
  { words: /\b(argument|command[- ]line|flag|parameter|option)s?\b/i, fields: ["process.args", "process.command_line"] },
  { words: /\bparent\b/i, fields: ["process.parent.name", "process.parent.executable", "process.parent.command_line"] },
  { words: /\b(executable|binary|path|location|file ?name)s?\b/i, fields: ["process.executable", "process.working_directory"] },
  { words: /\b(user|account|identit(y|ies)|privilege)s?\b/i, fields: ["user.name", "user.id", "user.effective.name"] },
  { words: /\b(host|system|machine|server|node|endpoint)s?\b/i, fields: ["host.name", "host.os.name"] },
  { words: /\b(network|connection|ip|domain|dns|traffic|exfiltrat\w*|transfer)s?\b/i, fields: ["destination.ip", "destination.port", "source.ip", "dns.question.name", "url.full", "host.ip"] },
  { words: /\bfiles?\b/i, fields: ["file.path", "file.name"] },
  { words: /\b(related|other|similar|previous|additional) (alerts?|events?|activity|logs?)\b|\bpattern\b/i, fields: [RELATED_ALERTS] },
];

/** Where the executables attackers favour live. */
const SUSPICIOUS_DIRS = ["/tmp/", "/var/tmp/", "/dev/shm/", "/root/", "/home/"];

export interface StepFact {
  field: string;
  value: string;
  /** A remark on the value (a location attackers favour; filled in by Vigil). */
  note: string | null;
}

export interface StepFacts {
  facts: StepFact[];
  /** The engine's conditions that held on this step's fields. */
  matched: string[];
  related: boolean;
}

/** Every field path a query names. */
export function queryFields(q: Query): string[] {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case "field":
        out.add(e.path.filter((p) => typeof p === "string").join("."));
        return;
      case "not":
      case "neg":
        return walk(e.operand);
      case "paren":
        return walk(e.inner);
      case "logical":
      case "compare":
      case "arith":
        walk(e.left);
        return walk(e.right);
      case "match":
        walk(e.value);
        return e.patterns.forEach(walk);
      case "in":
        walk(e.value);
        return e.items.forEach(walk);
      case "call":
        return e.args.forEach(walk);
      default:
        return;
    }
  };
  if (q.kind === "event") walk(q.filter.condition);
  else {
    for (const t of [...q.terms, ...(q.kind === "sequence" && q.until ? [q.until] : [])]) {
      walk(t.filter.condition);
      t.keys.forEach(walk);
    }
  }
  if (q.kind !== "event") q.keys.forEach(walk);
  return [...out];
}


const show = (v: unknown) => (Array.isArray(v) ? v.map(String).join(" ") : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The fields of one step: the rule's own choice, else those of the topics its text is about (the query's fields of those topics first). */
export function stepFields(text: string, queryFieldNames: string[], explicit: string[] | null): string[] {
  if (explicit) return explicit;
  const fields = TOPICS.filter((t) => t.words.test(text)).flatMap((t) => t.fields);
  const named = queryFieldNames.filter((f) => fields.some((t) => f === t || f.startsWith(`${t}.`)));
  return [...new Set([...named, ...fields])];
}

export function stepFacts(args: {
  steps: string[];
  explicit: string[][] | null;
  query: Query | null;
  event: Record<string, unknown> | null;
  explanation: StoredExplanation;
  reconstructed: string[];
}): StepFacts[] {
  const named = args.query ? queryFields(args.query) : [];
  const conditions = args.explanation.flat();
  return args.steps.map((text, i) => {
    const fields = stepFields(text, named, args.explicit?.[i] ?? (args.explicit ? [] : null));
    const facts: StepFact[] = [];
    for (const field of fields) {
      if (field === RELATED_ALERTS || !args.event) continue;
      const v = fieldValue(args.event, field);
      if (v === undefined || v === null || v === "") continue;
      const value = show(v);
      const note = args.reconstructed.includes(field)
        ? "filled in by Vigil from the parent process (the source sent none)"
        : /executable$/.test(field) && SUSPICIOUS_DIRS.some((d) => value.startsWith(d))
          ? "a location attackers favour"
          : null;
      facts.push({ field, value, note });
    }
    const matched = conditions.filter((c) => c.field !== null && fields.some((f) => c.field === f || c.field!.startsWith(`${f}.`))).map((c) => c.summary);
    return { facts, matched: [...new Set(matched)], related: fields.includes(RELATED_ALERTS) };
  });
}
