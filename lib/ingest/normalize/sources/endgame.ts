/**
 * Endgame (`endgame-*`): the sensor writes ECS beside its own `endgame.*` fields. Where the ECS
 * field is missing, it is taken from Endgame's: pids, unique pids (as host-scoped entity ids),
 * names, paths, command line, user; the event's category and type from Endgame's event type.
 */
import { isObj, splitCommandLine, type Doc } from "./ecs-helpers";
import { withFills } from "./with-fills";

const SUBTYPE_TYPE: Record<string, string> = { creation_event: "start", termination_event: "end", exec_event: "start", fork_event: "start" };

export function normalizeEndgame(doc: Doc): Doc {
  const eg = isObj(doc.endgame) ? doc.endgame : {};
  const host = isObj(doc.host) ? doc.host : {};
  const os = isObj(host.os) ? host.os : {};
  const hostKey = (host.id ?? host.name) as string | undefined;
  const entity = (u: unknown) => (u !== undefined && u !== null && hostKey ? `endgame:${hostKey}:${u}` : undefined);
  const commandLine = typeof eg.command_line === "string" ? eg.command_line : undefined;
  const isProcess = eg.event_type_full === "process_event";
  const type = typeof eg.event_subtype_full === "string" ? SUBTYPE_TYPE[eg.event_subtype_full] : undefined;
  return withFills(doc, [
    ["process.pid", eg.pid],
    ["process.parent.pid", eg.ppid],
    ["process.entity_id", entity(eg.unique_pid)],
    ["process.parent.entity_id", entity(eg.unique_ppid)],
    ["process.name", eg.process_name],
    ["process.executable", eg.process_path],
    ["process.command_line", commandLine],
    ["process.args", commandLine ? splitCommandLine(commandLine) : undefined],
    ["process.parent.name", eg.parent_process_name],
    ["process.parent.executable", eg.parent_process_path],
    ["user.name", eg.user_name],
    ["host.os.type", typeof os.platform === "string" ? os.platform.toLowerCase() : undefined],
    ["event.category", isProcess ? ["process"] : undefined],
    ["event.type", isProcess && type ? [type] : undefined],
  ]);
}
