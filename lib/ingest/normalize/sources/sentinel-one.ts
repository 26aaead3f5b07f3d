/**
 * SentinelOne Cloud Funnel (`logs-sentinel_one_cloud_funnel.*`): Elastic Agent ships each Deep
 * Visibility record as the raw JSON line in `message` (flat keys such as `tgt.process.name`), and
 * the integration's ingest pipeline maps it to ECS inside Elasticsearch. Vigil stands in for that
 * pipeline: for a process event the target process (`tgt.process.*`) becomes `process` and the
 * source process (`src.process.*`) its parent, as the integration does. SentinelOne sends no
 * argument array, so `process.args` is split from the command line. As in the integration without
 * its `preserve_original_event` tag, the line is not copied to `event.original`: Vigil keeps the
 * document as received beside the normalized one anyway.
 */
import { copyWithout, isObj, splitCommandLine, type Doc } from "./ecs-helpers";
import { SourceError } from "./source-error";

type Flat = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
const time = (v: unknown) => (typeof v === "number" ? new Date(v).toISOString() : str(v));

function typeOf(raw: Flat): string[] {
  const name = raw["meta.event.name"];
  const type = raw["event.type"];
  if (name === "PROCESSCREATION" || type === "Process Creation" || type === "ProcessCreation") return ["start"];
  if (typeof type === "string" && /^Process ?(Exit|Termination)$/.test(type)) return ["end"];
  return ["info"];
}

type Prefix = "tgt.process" | "src.process";

/** The record's keys for one process, spelled once per prefix rather than per event. */
const keysOf = (prefix: Prefix) => ({
  cmdline: `${prefix}.cmdline`,
  name: `${prefix}.name`,
  executable: `${prefix}.image.path`,
  pid: `${prefix}.pid`,
  uid: `${prefix}.uid`,
  title: `${prefix}.displayName`,
  start: `${prefix}.startTime`,
  user: `${prefix}.user`,
  sha256: `${prefix}.image.sha256`,
  sha1: `${prefix}.image.sha1`,
  md5: `${prefix}.image.md5`,
});
const KEYS: Record<Prefix, ReturnType<typeof keysOf>> = { "tgt.process": keysOf("tgt.process"), "src.process": keysOf("src.process") };

function processOf(raw: Flat, prefix: Prefix): Doc | undefined {
  const k = KEYS[prefix];
  const p: Doc = {};
  // Only the fields the record has (no undefined members, no deletes: the object stays fast to read and write out).
  const put = (field: string, v: unknown) => {
    if (v !== undefined) p[field] = v;
  };
  const cmd = str(raw[k.cmdline]);
  put("name", str(raw[k.name]));
  put("executable", str(raw[k.executable]));
  put("pid", num(raw[k.pid]));
  put("entity_id", str(raw[k.uid]));
  put("command_line", cmd);
  put("args", cmd ? splitCommandLine(cmd) : undefined);
  put("title", str(raw[k.title]));
  put("start", time(raw[k.start]));
  put("user", str(raw[k.user]) ? { name: raw[k.user] } : undefined);
  put("hash", raw[k.sha256] ? { sha256: raw[k.sha256], sha1: raw[k.sha1], md5: raw[k.md5] } : undefined);
  return Object.keys(p).length ? p : undefined;
}

function rawRecord(doc: Doc): Flat | null {
  if (typeof doc.message !== "string") return null;
  let raw: unknown;
  try {
    raw = JSON.parse(doc.message);
  } catch {
    throw new SourceError("message: a SentinelOne Cloud Funnel record must be a JSON object");
  }
  if (!isObj(raw)) throw new SourceError("message: a SentinelOne Cloud Funnel record must be a JSON object");
  return raw;
}

export function normalizeSentinelOne(doc: Doc): Doc {
  const raw = rawRecord(doc);
  // Already mapped (for example re-sent from an Elasticsearch that ran the integration's pipeline).
  if (!raw) {
    if (isObj(doc.sentinel_one_cloud_funnel) || isObj(doc.process)) return doc;
    throw new SourceError("message: missing; a SentinelOne Cloud Funnel document carries the record in `message`");
  }
  const category = str(raw["event.category"]) ?? "process";
  const type = typeOf(raw);
  const os = str(raw["endpoint.os"]);
  // The line in `message` is replaced by the record it holds. Built by assignment onto copies, not
  // as literals that spread and then name properties: those cost ~15 µs per document here.
  const event = copyWithout(doc, "message");
  event["@timestamp"] = time(raw["event.time"]) ?? doc["@timestamp"];
  const ev = copyWithout(doc.event);
  ev.id = str(raw["event.id"]);
  ev.kind = "event";
  ev.category = [category];
  ev.type = type;
  // The integration copies event.type into event.action after setting it.
  ev.action = type[0];
  ev.module = "sentinel_one_cloud_funnel";
  ev.dataset = "sentinel_one_cloud_funnel.event";
  event.event = ev;
  const host = copyWithout(doc.host);
  host.name = str(raw["endpoint.name"]);
  host.hostname = str(raw["endpoint.name"]);
  host.type = str(raw["endpoint.type"]);
  host.os = { type: os, platform: os, name: str(raw["os.name"]) };
  event.host = host;
  event.sentinel_one_cloud_funnel = { event: raw };
  if (category === "process") {
    const process = processOf(raw, "tgt.process") ?? {};
    const parent = processOf(raw, "src.process");
    if (parent) process.parent = parent;
    event.process = process;
    const user = str(raw["tgt.process.user"]) ?? str(raw["src.process.user"]);
    if (user) event.user = { name: user.includes("\\") ? user.slice(user.lastIndexOf("\\") + 1) : user };
  }
  return event;
}
