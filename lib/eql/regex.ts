/**
 * EQL's `regex` and `regex~` on a linear-time engine. Elasticsearch runs them as Lucene automaton
 * regexes, never a backtracking engine; Vigil uses RE2 (re2js): a rule's or a user's pattern
 * cannot make matching take more than time linear in the value. The pattern must match the whole
 * value; `.` matches newlines too, and `regex~` ignores case.
 */
import { RE2JS } from "re2js";

export type RegexMatcher = (s: string) => boolean;

/** Compiles a pattern, or throws with RE2's reason (RE2 has no backreferences or lookaround). */
export function compileRegex(pattern: string, insensitive: boolean): RegexMatcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.DOTALL | (insensitive ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (err) {
    throw new Error((err as Error).message.replace(/^error parsing regexp: /, ""));
  }
  return (s) => re.matches(s);
}
