import { copyWithout, isObj, type Doc } from "./ecs-helpers";

const segments = new Map<string, string[]>();
/** A path's keys, split once per path rather than per document. */
const keysOf = (path: string) => {
  let keys = segments.get(path);
  if (!keys) segments.set(path, (keys = path.split(".")));
  return keys;
};

function has(doc: Doc, path: string): boolean {
  let at: unknown = doc;
  for (const key of keysOf(path)) {
    if (!isObj(at)) return false;
    at = at[key];
  }
  return at !== undefined && at !== null;
}

/**
 * Fills the given ECS paths that the document lacks. Returns the document itself when nothing
 * applies (no copy), else a copy — only the objects on the filled paths are copied, the rest is
 * shared — so the document as received stays as it was.
 */
export function withFills(doc: Doc, fills: [string, unknown][]): Doc {
  const due = fills.filter(([path, value]) => value !== undefined && value !== null && value !== "" && !has(doc, path));
  if (due.length === 0) return doc;
  // Copies by assignment: a property added to a spread copy (`{ ...doc }`) goes through V8's runtime (copyWithout).
  const root: Doc = copyWithout(doc);
  const copied = new Set<Doc>([root]);
  for (const [path, value] of due) {
    const keys = keysOf(path);
    let at = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i];
      const next = at[key];
      if (isObj(next) && copied.has(next)) at = next;
      else {
        const copy: Doc = copyWithout(next);
        copied.add(copy);
        at[key] = copy;
        at = copy;
      }
    }
    at[keys[keys.length - 1]] = value;
  }
  return root;
}
