/**
 * A rule's index patterns as Elasticsearch resolves them: each entry may be a comma-separated
 * list; `*` matches any run of characters; an entry starting with `-` removes what the entries
 * before it matched (`logs-*`, `-logs-test-*`). A pattern naming a remote cluster (`cluster:logs-*`)
 * matches no event stored here. No pattern at all means every index (Kibana's default indices).
 * Matching is a linear scan with one back-up point per `*`, never a regular expression.
 */
export type IndexMatcher = (index: string) => boolean;

export function indexMatcher(patterns: readonly string[]): IndexMatcher | null {
  const parts = patterns.flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const steps = parts.map((p, i) => (p.startsWith("-") && i > 0 ? { exclude: true, glob: p.slice(1) } : { exclude: false, glob: p }));
  return (index) => {
    let matched = false;
    for (const s of steps) {
      if (s.exclude ? matched : !matched) {
        if (!s.glob.includes(":") && globMatch(s.glob, index)) matched = !s.exclude;
      }
    }
    return matched;
  };
}

/** `*`-only wildcard match in O(pattern × text) at worst (the classic two-pointer scan). */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== "*" && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      mark = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}
