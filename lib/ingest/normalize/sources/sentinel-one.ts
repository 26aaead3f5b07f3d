/**
 * SentinelOne Cloud Funnel (`logs-sentinel_one_cloud_funnel.*`): Elastic Agent ships each Deep
 * Visibility record as the raw JSON line in `message` (flat keys such as `tgt.process.name`), and
 * the integration's ingest pipeline maps it to ECS inside Elasticsearch. Vigil stands in for that
 * pipeline: for a process event the target process (`tgt.process.*`) becomes `process` and the
 * source process (`src.process.*`) its parent, as the integration does. SentinelOne sends no
 * argument array, so `process.args` is split from the command line.
 */
import { isObj, splitCommandLine, type Doc } from "./ecs-helpers";
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

function processOf(raw: Flat, prefix: "tgt.process" | "src.process" | "src.process.parent"): Doc | undefined {
  const cmd = str(raw[`${prefix}.cmdline`]);
  const p: Doc = {
    name: str(raw[`${prefix}.name`]),
    executable: str(raw[`${prefix}.image.path`]),
    pid: num(raw[`${prefix}.pid`]),
    entity_id: str(raw[`${prefix}.uid`]),
    command_line: cmd,
    args: cmd ? splitCommandLine(cmd) : undefined,
    title: str(raw[`${prefix}.displayName`]),
    start: time(raw[`${prefix}.startTime`]),
    user: str(raw[`${prefix}.user`]) ? { name: raw[`${prefix}.user`] } : undefined,
    hash: raw[`${prefix}.image.sha256`] ? { sha256: raw[`${prefix}.image.sha256`], sha1: raw[`${prefix}.image.sha1`], md5: raw[`${prefix}.image.md5`] } : undefined,
  };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
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
  const event: Doc = {
    ...doc,
    "@timestamp": time(raw["event.time"]) ?? doc["@timestamp"],
    event: {
      ...(isObj(doc.event) ? doc.event : {}),
      id: str(raw["event.id"]),
      kind: "event",
      category: [category],
      type,
      // The integration copies event.type into event.action after setting it.
      action: type[0],
      module: "sentinel_one_cloud_funnel",
      dataset: "sentinel_one_cloud_funnel.event",
      original: doc.message,
    },
    host: {
      ...(isObj(doc.host) ? doc.host : {}),
      name: str(raw["endpoint.name"]),
      hostname: str(raw["endpoint.name"]),
      type: str(raw["endpoint.type"]),
      os: { type: os, platform: os, name: str(raw["os.name"]) },
    },
    sentinel_one_cloud_funnel: { event: raw },
  };
  delete event.message;
  if (category === "process") {
    const process = processOf(raw, "tgt.process") ?? {};
    const parent = processOf(raw, "src.process");
    event.process = parent ? { ...process, parent } : process;
    const user = str(raw["tgt.process.user"]) ?? str(raw["src.process.user"]);
    if (user) event.user = { name: user.includes("\\") ? user.slice(user.lastIndexOf("\\") + 1) : user };
  }
  return event;
}
