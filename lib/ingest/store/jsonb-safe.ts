/**
 * PostgreSQL's jsonb cannot hold the NUL character or a lone UTF-16 surrogate; either would fail
 * the whole batch's COPY. Such documents are refused one by one instead, with the reason.
 */
const SUSPECT = /\\u(0000|[dD][89a-fA-F])/;

function badString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function walk(v: unknown): boolean {
  if (typeof v === "string") return badString(v);
  if (v === null || typeof v !== "object") return false;
  for (const [k, x] of Object.entries(v)) if (badString(k) || walk(x)) return true;
  return false;
}

/** Null when the JSON text can be stored as jsonb, else why not. */
export function jsonbProblem(jsonText: string): string | null {
  if (!SUSPECT.test(jsonText)) return null;
  return walk(JSON.parse(jsonText)) ? "the document contains a \\u0000 character or an unpaired surrogate, which cannot be stored" : null;
}
