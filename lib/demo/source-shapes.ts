/**
 * The five data sources the seed rule reads, as each fills ECS for a process start: Elastic Defend
 * (the generator's own shape), Auditbeat's auditd module, Elastic Agent's auditd_manager, Endgame
 * and SentinelOne Cloud Funnel. The auditd-based ones carry no parent name, parent executable or
 * entity ids (only pids link their processes), and no event.id.
 */
import type { EcsEvent } from "./generate-linux-events";

export const DATA_SOURCES = ["elastic_defend", "auditbeat", "auditd_manager", "endgame", "sentinel_one"] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

type Proc = Record<string, unknown> & { parent?: Record<string, unknown>; args?: string[]; executable?: string; name?: string; pid?: number };

function auditd(e: EcsEvent, dataset: string | null): EcsEvent {
  const p = (e.process ?? {}) as Proc;
  const event = e.event as Record<string, unknown>;
  const start = (event.type as string[]).includes("start");
  const user = (e.user ?? {}) as Record<string, unknown>;
  return {
    "@timestamp": e["@timestamp"],
    agent: { type: "auditbeat", version: "8.15.0" },
    ...(dataset ? { data_stream: { dataset, namespace: "default", type: "logs" } } : {}),
    // No event.id: Auditbeat and auditd_manager send none (Vigil identifies these by a hash of their content).
    event: { category: ["process"], type: start ? ["start"] : ["end"], action: start ? "executed" : "exited", module: "auditd", kind: "event", outcome: "success" },
    host: e.host,
    user: { name: user.name, id: user.id, effective: { name: user.name, id: user.id } },
    process: {
      pid: p.pid,
      name: p.name,
      executable: p.executable,
      args: p.args,
      args_count: p.args?.length,
      title: p.args?.join(" ").slice(0, 128),
      working_directory: p.working_directory,
      parent: { pid: p.parent?.pid },
    },
    auditd: {
      data: { syscall: start ? "execve" : "exit_group", a0: "7ffd", tty: "pts0" },
      summary: { actor: { primary: user.name, secondary: user.name }, object: { type: "file", primary: p.executable }, how: p.executable },
      // The kernel's audit record serial, unique per host; derived here so the same seed gives the same documents.
      sequence: (Date.parse(e["@timestamp"] as string) % 1e9) * 8 + ((p.pid ?? 0) % 8),
    },
  };
}

/** Re-shapes an Elastic Defend process event as the given source would have sent it. */
export function shapeAs(source: DataSource, e: EcsEvent): EcsEvent {
  const category = (e.event as { category: string[] }).category;
  if (source === "elastic_defend" || !category.includes("process")) return e;
  if (source === "auditbeat") return auditd(e, null);
  if (source === "auditd_manager") return auditd(e, "auditd_manager.auditd");
  const event = e.event as Record<string, unknown>;
  const start = (event.type as string[]).includes("start");
  if (source === "endgame") {
    // Endgame keeps its own process identity (unique_pid) beside ECS; Vigil derives entity ids from it.
    const p = (e.process ?? {}) as Proc;
    const parent = (p.parent ?? {}) as Proc;
    const { entity_id: _e, ...process } = p;
    const { entity_id: _pe, ...parentWithoutId } = parent;
    const unique = (id: unknown) => (typeof id === "string" ? parseInt(id.slice(0, 8), 16) : undefined);
    return {
      ...e,
      agent: { type: "endgame", version: "3.60.0" },
      data_stream: undefined,
      process: { ...process, parent: parentWithoutId },
      event: { ...event, action: start ? "start" : "end", module: "endgame", dataset: "esensor", kind: "event" },
      endgame: {
        event_type_full: "process_event",
        event_subtype_full: start ? "creation_event" : "termination_event",
        serial_event_id: Math.floor(Date.parse(e["@timestamp"] as string) % 1e9),
        pid: p.pid,
        ppid: parent.pid,
        unique_pid: unique(p.entity_id),
        unique_ppid: unique(parent.entity_id),
        process_name: p.name,
        process_path: p.executable,
        command_line: p.args?.join(" "),
        user_name: ((e.user ?? {}) as { name?: string }).name,
      },
    };
  }
  return sentinelOneRecord(e, start);
}

/** The index (or data stream) each source writes to — what its shipper names in a bulk request. */
export const INDEX_OF: Record<DataSource, string> = {
  elastic_defend: "logs-endpoint.events.process-default",
  auditbeat: "auditbeat-8.15.0",
  auditd_manager: "logs-auditd_manager.auditd-default",
  endgame: "endgame-3.60.0",
  sentinel_one: "logs-sentinel_one_cloud_funnel.event-default",
};

/**
 * The index a generated document is sent to: its source's, or — for plain ECS events (network,
 * file) — an Elastic Defend data stream, whose normalizer keeps them as they are.
 */
export function indexFor(source: DataSource | "ecs"): string {
  return source === "ecs" ? "logs-endpoint.events.network-default" : INDEX_OF[source];
}

/**
 * SentinelOne Cloud Funnel as Elastic Agent ships it: the Deep Visibility record (flat keys, as in
 * the integration's test data) as a JSON string in `message`; Elasticsearch's ingest pipeline — in
 * Vigil, the sentinel_one normalizer — maps it to ECS.
 */
function sentinelOneRecord(e: EcsEvent, start: boolean): EcsEvent {
  const p = (e.process ?? {}) as Proc;
  const parent = (p.parent ?? {}) as Proc;
  const host = (e.host ?? {}) as { name?: string; id?: string; os?: { name?: string } };
  const user = ((e.user ?? {}) as { name?: string }).name;
  const event = e.event as { id?: string };
  const time = Date.parse(e["@timestamp"] as string);
  const record: Record<string, unknown> = {
    "event.time": time,
    "event.id": event.id,
    "event.category": "process",
    "event.type": start ? "Process Creation" : "Process Exit",
    "meta.event.name": start ? "PROCESSCREATION" : "PROCESSTERMINATION",
    "endpoint.name": host.name,
    "endpoint.os": "linux",
    "endpoint.type": "server",
    "os.name": host.os?.name,
    "agent.uuid": host.id,
    "agent.version": "24.1.2.6",
    "site.name": "Default site",
    "i.scheme": "edr",
    "dataSource.name": "SentinelOne",
    "tgt.process.name": p.name,
    "tgt.process.pid": p.pid,
    "tgt.process.uid": p.entity_id,
    "tgt.process.cmdline": p.args?.join(" "),
    "tgt.process.image.path": p.executable,
    "tgt.process.user": user,
    "tgt.process.startTime": time,
    "src.process.name": parent.name,
    "src.process.pid": parent.pid,
    "src.process.uid": parent.entity_id,
    "src.process.cmdline": parent.args?.join(" "),
    "src.process.image.path": parent.executable,
    "src.process.user": user,
  };
  return {
    "@timestamp": e["@timestamp"],
    message: JSON.stringify(record),
    agent: { type: "filebeat", version: "8.15.0", name: "s1-cloud-funnel-collector" },
    data_stream: { dataset: "sentinel_one_cloud_funnel.event", namespace: "default", type: "logs" },
    event: { dataset: "sentinel_one_cloud_funnel.event" },
    input: { type: "aws-s3" },
    ecs: { version: "8.11.0" },
    tags: ["forwarded", "sentinel_one_cloud_funnel-event"],
  };
}
