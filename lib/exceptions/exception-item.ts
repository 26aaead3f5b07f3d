import { z } from "zod";
import { entryProblem } from "./compile-exceptions";

/** Elastic's exception operators; each can compare case-insensitively. */
export const EXCEPTION_OPERATORS = ["is", "is_not", "is_one_of", "is_not_one_of", "exists", "does_not_exist", "matches", "does_not_match"] as const;
export type ExceptionOperator = (typeof EXCEPTION_OPERATORS)[number];

/** Fields offered first in forms; any field may be used. */
export const SUGGESTED_FIELDS = ["user.name", "host.name", "host.id", "process.parent.executable", "process.parent.name", "process.executable", "process.args", "process.command_line"];

/** Dotted names: no empty segment (`a..b`, `user.` are not fields). The engine then compiles the entry. */
const FIELD = /^[A-Za-z_@][A-Za-z0-9_@-]*(?:\.[A-Za-z0-9_@-]+)*$/;

export const ZExceptionEntry = z
  .object({
    field: z.string().regex(FIELD, "field: a dotted field name such as user.name"),
    operator: z.enum(EXCEPTION_OPERATORS),
    /** One value for is/matches, several for is one of; none for exists. */
    values: z.array(z.string().max(4096)).max(1000).default([]),
    caseInsensitive: z.boolean().default(false),
  })
  .superRefine((e, ctx) => {
    const n = e.values.length;
    const want = e.operator === "exists" || e.operator === "does_not_exist" ? 0 : e.operator === "is_one_of" || e.operator === "is_not_one_of" ? -1 : 1;
    if ((want === 0 && n !== 0) || (want === 1 && n !== 1) || (want === -1 && n === 0)) {
      ctx.addIssue({ code: "custom", path: ["values"], message: want === 0 ? `${e.operator} takes no value` : want === 1 ? `${e.operator} takes exactly one value` : `${e.operator} needs at least one value` });
      return;
    }
    // What detection will run: the entry compiled by the EQL engine, so what is saved always compiles.
    const problem = entryProblem(e);
    if (problem) ctx.addIssue({ code: "custom", path: ["field"], message: `the engine refuses this entry: ${problem}` });
  });

/** An exception item: entries that must all hold (AND), scoped to one rule or all, with an optional expiry. */
export const ZExceptionItem = z.object({
  id: z.string().min(1),
  /** null: applies to every rule. */
  ruleId: z.string().min(1).nullable(),
  entries: z.array(ZExceptionEntry).min(1, "an exception needs at least one entry").max(50),
  comment: z.string().min(1, "comment is required").max(4000),
  enabled: z.boolean().default(true),
  expiresAt: z.coerce.date().nullable().default(null),
});

export type TExceptionEntry = z.infer<typeof ZExceptionEntry>;
export type TExceptionItem = z.infer<typeof ZExceptionItem>;
