/**
 * The five data sources the seed rule reads, as each fills ECS for a process start: Elastic Defend
 * (the generator's own shape), Auditbeat's auditd module, Elastic Agent's auditd_manager, Endgame
 * and SentinelOne Cloud Funnel. The auditd-based ones carry no parent name, parent executable or
 * entity ids; only pids link their processes.
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
    event: { id: event.id, category: ["process"], type: start ? ["start"] : ["end"], action: start ? "executed" : "exited", module: "auditd", kind: "event", outcome: "success" },
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
      sequence: Math.floor(Math.random() * 1e6),
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
    return {
      ...e,
      agent: { type: "endgame", version: "3.60.0" },
      data_stream: undefined,
      event: { ...event, action: start ? "start" : "end", module: "endgame", dataset: "esensor", kind: "event" },
      endgame: { event_type_full: "process_event", event_subtype_full: start ? "creation_event" : "termination_event", serial_event_id: Math.floor(Math.random() * 1e6) },
    };
  }
  const p = (e.process ?? {}) as Proc;
  return {
    ...e,
    agent: { type: "filebeat", version: "8.15.0" },
    data_stream: { dataset: "sentinel_one_cloud_funnel.event", namespace: "default", type: "logs" },
    event: { ...event, action: start ? "process_started" : "process_terminated", module: "sentinel_one_cloud_funnel", kind: "event" },
    sentinel_one_cloud_funnel: { event: { type: start ? "Process Creation" : "Process Exit", src: { process: { name: p.name, cmdline: p.args?.join(" ") } } } },
  };
}
