/** Small helpers the source normalizers share. */
export type Doc = Record<string, unknown>;

export const isObj = (v: unknown): v is Doc => v !== null && typeof v === "object" && !Array.isArray(v);

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
