import { resolvePath } from "../eql/fields";

export interface Observable {
  type: "user" | "host" | "executable" | "args" | "parent" | "ip" | "hash";
  value: string;
}

const get = (e: Record<string, unknown>, path: string) => resolvePath(e, path.split("."), 0);
const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : []);

/** Indicators in events: user, host, executable, arguments, parent, IP addresses and hashes present. */
export function extractObservables(events: Record<string, unknown>[]): Observable[] {
  const out = new Map<string, Observable>();
  const add = (type: Observable["type"], values: string[]) => {
    for (const value of values) if (value.trim() !== "") out.set(`${type}\u0000${value}`, { type, value });
  };
  for (const e of events) {
    add("user", strings(get(e, "user.name")));
    add("host", strings(get(e, "host.name")));
    add("executable", strings(get(e, "process.executable")));
    const args = strings(get(e, "process.args"));
    if (args.length) add("args", [args.join(" ")]);
    add("parent", strings(get(e, "process.parent.executable") ?? get(e, "process.parent.name")));
    add("ip", ["source.ip", "destination.ip", "client.ip", "server.ip", "host.ip"].flatMap((f) => strings(get(e, f))));
    add("hash", ["process.hash.sha256", "process.hash.sha1", "process.hash.md5", "file.hash.sha256"].flatMap((f) => strings(get(e, f))));
  }
  return [...out.values()];
}
