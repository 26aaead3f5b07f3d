/** Small helpers the source normalizers share. */
export type Doc = Record<string, unknown>;

export const isObj = (v: unknown): v is Doc => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A shallow copy of `obj`'s own keys (as a spread copies them), leaving out `omit`, for callers
 * that then add properties. V8 defines each property an object literal names after a spread
 * (`{ ...a, b: 1 }`) through its runtime: ~4 µs for a handful, where a copy and assignments cost
 * ~0.1–0.5 µs. A `__proto__` key (JSON.parse makes it an own key) stays an own key.
 */
export function copyWithout(obj: unknown, omit?: string): Doc {
  const out: Doc = {};
  if (!isObj(obj)) return out;
  for (const key of Object.keys(obj)) {
    if (key === omit) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value: obj[key], enumerable: true, writable: true, configurable: true });
    else out[key] = obj[key];
  }
  return out;
}

export const basename = (p: unknown) => (typeof p === "string" && p ? p.slice(p.lastIndexOf("/") + 1) : undefined);

/** Splits a command line into arguments as a POSIX shell would for plain words and quotes. */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let cur = "";
  let inArg = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inArg = true;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inArg = true;
    } else if (c === " " || c === "\t") {
      if (inArg) args.push(cur);
      cur = "";
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) args.push(cur);
  return args;
}
