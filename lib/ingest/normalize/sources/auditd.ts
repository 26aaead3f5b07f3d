/**
 * Auditbeat (auditd and system/process datasets) and Elastic Agent's auditd_manager: the process
 * fields come from the audit records already (pid, ppid, executable, args, title); what older
 * Beats put elsewhere is moved to where the rules read it. Parent names and entity ids are not
 * in the data at all; those are rebuilt from Vigil's process table before detection.
 */
import { basename, isObj, splitCommandLine, type Doc } from "./ecs-helpers";
import { withFills } from "./with-fills";

export function normalizeAuditd(doc: Doc): Doc {
  const process = isObj(doc.process) ? doc.process : {};
  const event = isObj(doc.event) ? doc.event : {};
  const auditd = isObj(doc.auditd) ? doc.auditd : undefined;
  const syscall = isObj(auditd?.data) ? auditd.data.syscall : undefined;
  const isAuditd = event.module === "auditd" || auditd !== undefined;
  const exec = syscall === "execve" || event.action === "executed";
  return withFills(doc, [
    // Auditbeat 7.x wrote the parent pid as process.ppid; 8.x as process.parent.pid.
    ["process.parent.pid", process.ppid],
    ["process.name", basename(process.executable)],
    ["process.args", typeof process.title === "string" && process.title ? splitCommandLine(process.title) : undefined],
    // The Linux audit framework only exists on Linux.
    ["host.os.type", isAuditd ? "linux" : undefined],
    ["event.category", isAuditd && exec ? ["process"] : undefined],
    ["event.type", isAuditd && exec ? ["start"] : undefined],
  ]);
}

