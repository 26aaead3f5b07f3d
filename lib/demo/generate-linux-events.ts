/**
 * Generates realistic Linux endpoint telemetry in ECS (Elastic Defend shape): interactive shells,
 * CI runners, cron, package managers, services, network and file activity, and kubectl used both
 * legitimately and with impersonation flags. Deterministic for a seed. Used by the demo data, the
 * tests and the benchmarks.
 */
import { createRng, type Rng } from "./rng";
import { shapeAs, type DataSource } from "./source-shapes";

export type EcsEvent = Record<string, unknown>;

export interface GenerateOptions {
  /** Number of events to produce. */
  count: number;
  seed?: number;
  /** Time of the first event (default: 24 h before `end`). */
  start?: Date;
  end?: Date;
  hostCount?: number;
  /** Share of events that are kubectl starts (default 1 %). */
  kubectlRate?: number;
  /** Share of events that are kubectl impersonation attempts the seed rule must catch (default 0.1 %). */
  impersonationRate?: number;
  /** Shape of process events: one source, or "mixed" (each host reports through one of the five). Default Elastic Defend. */
  sources?: DataSource | "mixed";
}

const USERS = ["alice", "bob", "carol", "dave", "erin", "deploy", "root", "svc-ci"];
const SHELLS = ["bash", "zsh", "sh", "dash"];
const COMMANDS: [string, string[]][] = [
  ["ls", ["-la"]],
  ["cat", ["/etc/os-release"]],
  ["grep", ["-r", "error", "/var/log/syslog"]],
  ["ps", ["aux"]],
  ["systemctl", ["status", "nginx"]],
  ["curl", ["-s", "https://example.internal/health"]],
  ["git", ["pull", "--ff-only"]],
  ["vim", ["/etc/hosts"]],
  ["tail", ["-f", "/var/log/nginx/access.log"]],
  ["df", ["-h"]],
  ["ssh", ["build-02"]],
  ["docker", ["ps"]],
  ["python3", ["manage.py", "migrate"]],
  ["journalctl", ["-u", "kubelet", "--since", "1h"]],
];
const CI_STEPS: [string, string[]][] = [
  ["git", ["clone", "--depth=1", "https://git.internal/app.git"]],
  ["npm", ["ci"]],
  ["node", ["scripts/build.js"]],
  ["docker", ["build", "-t", "app:latest", "."]],
  ["helm", ["upgrade", "--install", "app", "./chart"]],
];
const CRON: [string, string[]][] = [
  ["run-parts", ["--report", "/etc/cron.hourly"]],
  ["logrotate", ["/etc/logrotate.conf"]],
  ["certbot", ["renew", "--quiet"]],
];
const PKG: [string, string[]][] = [
  ["apt-get", ["update"]],
  ["apt-get", ["install", "-y", "jq"]],
  ["dpkg", ["--configure", "-a"]],
];
const KUBECTL_BENIGN = [
  ["get", "pods", "-n", "default"],
  ["describe", "deployment", "api"],
  ["logs", "deploy/api", "--tail=100"],
  ["apply", "-f", "manifests/"],
  ["rollout", "status", "deployment/api"],
];
const IMPERSONATION = [
  ["get", "secrets", "-A", "--as=system:admin"],
  ["--as-group=system:masters", "get", "clusterrolebindings"],
  ["--token=eyJhbGciOiJSUzI1NiIsImtpZCI6Ik", "auth", "can-i", "--list"],
  ["--kubeconfig=/tmp/.kube/stolen", "get", "nodes"],
  ["auth", "can-i", "create", "pods", "--as-uid=1000"],
  ["--as", "system:serviceaccount:kube-system:default", "get", "pods"],
];

interface Host {
  name: string;
  id: string;
  os: Record<string, string>;
  ip: string;
}

/** Generates `count` events in time order. */
export function* generateLinuxEvents(options: GenerateOptions): Generator<EcsEvent> {
  const rng = createRng(options.seed ?? 1);
  const end = (options.end ?? new Date()).getTime();
  const start = (options.start ?? new Date(end - 24 * 3600_000)).getTime();
  const kubectlRate = options.kubectlRate ?? 0.01;
  const impersonationRate = options.impersonationRate ?? 0.001;
  const hosts: Host[] = Array.from({ length: options.hostCount ?? 12 }, (_, i) => ({
    name: i < 4 ? `k8s-node-${i + 1}` : i < 6 ? `ci-runner-${i - 3}` : `web-${i - 5}`,
    id: rng.hex(32),
    os: { type: "linux", name: i % 2 ? "Ubuntu" : "Debian GNU/Linux", family: "debian", kernel: "6.1.0-28-amd64", platform: i % 2 ? "ubuntu" : "debian" },
    ip: `10.20.${Math.floor(i / 8)}.${(i % 250) + 10}`,
  }));
  let pid = 2000;
  const step = (end - start) / Math.max(1, options.count);
  let produced = 0;
  let t = start;
  const pending: EcsEvent[] = [];
  // In a mixed fleet each host reports through one sensor; the Kubernetes nodes cover four sources.
  const fleet: DataSource[] = ["elastic_defend", "endgame", "sentinel_one", "auditbeat", "elastic_defend", "auditd_manager"];
  const sourceOf = new Map(hosts.map((h, i) => [h.name, options.sources === "mixed" ? fleet[i % fleet.length] : (options.sources ?? "elastic_defend")] as const));
  const ctx: Ctx = { rng, hosts, nextPid: () => (pid = pid >= 4_000_000 ? 2000 : pid + 1), now: () => t };
  while (produced < options.count) {
    if (pending.length === 0) {
      const r = rng.next();
      if (r < impersonationRate) pending.push(...impersonationScenario(ctx));
      else if (r < kubectlRate) pending.push(...benignKubectl(ctx));
      else if (r < 0.85) pending.push(...processScenario(ctx));
      else if (r < 0.95) pending.push(networkEvent(ctx));
      else pending.push(fileEvent(ctx));
    }
    t += step * (0.5 + rng.next());
    const e = pending.shift()!;
    e["@timestamp"] = new Date(Math.min(t, end)).toISOString();
    (e.event as Record<string, unknown>).id = rng.hex(20);
    produced++;
    const source = sourceOf.get((e.host as { name: string }).name) ?? "elastic_defend";
    yield source === "elastic_defend" ? e : shapeAs(source, e);
  }
}

interface Ctx {
  rng: Rng;
  hosts: Host[];
  nextPid: () => number;
  now: () => number;
}

interface Proc {
  pid: number;
  entity_id: string;
  name: string;
  executable: string;
  args: string[];
}

function proc(ctx: Ctx, name: string, args: string[], dir = "/usr/bin"): Proc {
  const executable = `${dir}/${name}`;
  return { pid: ctx.nextPid(), entity_id: ctx.rng.hex(24), name, executable, args: [executable === `/usr/bin/${name}` ? name : executable, ...args] };
}

const userOf = (name: string) => ({ name, id: name === "root" ? "0" : String(1000 + USERS.indexOf(name)) });

/** A process start as Elastic Defend reports it on Linux; the parent runs as the same user unless said otherwise (sshd runs as root). */
function processStart(ctx: Ctx, host: Host, user: string, p: Proc, parent: Proc, parentUser = user): EcsEvent {
  return {
    agent: { type: "endpoint", version: "8.15.0" },
    data_stream: { dataset: "endpoint.events.process", namespace: "default", type: "logs" },
    event: { category: ["process"], type: ["start"], action: "exec", kind: "event", dataset: "endpoint.events.process", module: "endpoint" },
    host: { name: host.name, hostname: host.name, id: host.id, os: host.os, ip: [host.ip] },
    user: userOf(user),
    group: { id: userOf(user).id, name: user },
    process: {
      pid: p.pid,
      entity_id: p.entity_id,
      name: p.name,
      executable: p.executable,
      args: p.args,
      args_count: p.args.length,
      command_line: p.args.join(" "),
      working_directory: user === "root" ? "/root" : `/home/${user}`,
      parent: {
        pid: parent.pid,
        entity_id: parent.entity_id,
        name: parent.name,
        executable: parent.executable,
        args: parent.args,
        args_count: parent.args.length,
        command_line: parent.args.join(" "),
        user: userOf(parentUser),
        group: { id: userOf(parentUser).id, name: parentUser },
      },
    },
  };
}

function processEnd(start: EcsEvent): EcsEvent {
  const e = structuredClone(start);
  e.event = { ...(e.event as object), type: ["end"], action: "end" };
  (e.process as Record<string, unknown>).exit_code = 0;
  return e;
}

const SSHD: Omit<Proc, "pid" | "entity_id"> = { name: "sshd", executable: "/usr/sbin/sshd", args: ["sshd: alice [priv]"] };

function shellSession(ctx: Ctx, host: Host, user: string): { shell: Proc; events: EcsEvent[] } {
  const sshd: Proc = { ...SSHD, pid: ctx.nextPid(), entity_id: ctx.rng.hex(24), args: [`sshd: ${user} [priv]`] };
  const shellName = ctx.rng.pick(SHELLS);
  const shell = proc(ctx, shellName, [], "/bin");
  shell.args = [`-${shellName}`];
  return { shell, events: [processStart(ctx, host, user, shell, sshd, "root")] };
}

function processScenario(ctx: Ctx): EcsEvent[] {
  const { rng } = ctx;
  const host = rng.pick(ctx.hosts);
  const kind = rng.next();
  if (kind < 0.55) {
    const user = rng.pick(USERS);
    const { shell, events } = shellSession(ctx, host, user);
    const [name, args] = rng.pick(COMMANDS);
    const child = processStart(ctx, host, user, proc(ctx, name, args), shell);
    return rng.next() < 0.3 ? [...events, child, processEnd(child)] : [child];
  }
  const runner: Proc = { pid: ctx.nextPid(), entity_id: rng.hex(24), name: "gitlab-runner", executable: "/usr/bin/gitlab-runner", args: ["gitlab-runner", "run"] };
  if (kind < 0.8) {
    const [name, args] = rng.pick(CI_STEPS);
    return [processStart(ctx, host, "svc-ci", proc(ctx, name, args), runner)];
  }
  const cron: Proc = { pid: ctx.nextPid(), entity_id: rng.hex(24), name: "cron", executable: "/usr/sbin/cron", args: ["/usr/sbin/cron", "-f"] };
  if (kind < 0.92) {
    const [name, args] = rng.pick(CRON);
    return [processStart(ctx, host, "root", proc(ctx, name, args, "/usr/sbin"), cron)];
  }
  const [name, args] = rng.pick(PKG);
  const { shell } = shellSession(ctx, host, "root");
  return [processStart(ctx, host, "root", proc(ctx, name, args), shell)];
}

function benignKubectl(ctx: Ctx): EcsEvent[] {
  const { rng } = ctx;
  const host = rng.pick(ctx.hosts.slice(0, 6));
  if (rng.next() < 0.5) {
    // An engineer at a shell, without impersonation flags.
    const user = rng.pick(["alice", "bob", "carol"]);
    const { shell } = shellSession(ctx, host, user);
    return [processStart(ctx, host, user, proc(ctx, "kubectl", rng.pick(KUBECTL_BENIGN), "/usr/local/bin"), shell)];
  }
  // CI deploys with a kubeconfig, started by the runner itself (not a shell): not impersonation.
  const runner: Proc = { pid: ctx.nextPid(), entity_id: rng.hex(24), name: "gitlab-runner", executable: "/usr/bin/gitlab-runner", args: ["gitlab-runner", "run"] };
  return [processStart(ctx, host, "svc-ci", proc(ctx, "kubectl", ["--kubeconfig=/etc/ci/kubeconfig", ...rng.pick(KUBECTL_BENIGN)], "/usr/local/bin"), runner)];
}

function impersonationScenario(ctx: Ctx): EcsEvent[] {
  const { rng } = ctx;
  const host = rng.pick(ctx.hosts.slice(0, 4));
  const user = rng.pick(["mallory", "bob", "www-data", "deploy"]);
  const args = rng.pick(IMPERSONATION);
  const variant = rng.next();
  if (variant < 0.5) {
    const { shell, events } = shellSession(ctx, host, user);
    const k = processStart(ctx, host, user, proc(ctx, "kubectl", args, "/usr/local/bin"), shell);
    return [...events, k];
  }
  const { shell, events } = shellSession(ctx, host, user);
  const dropper = variant < 0.75 ? proc(ctx, ".x", [], "/tmp") : proc(ctx, "sync.sh", [], `/home/${user}`);
  const dropperStart = processStart(ctx, host, user, dropper, shell);
  const k = processStart(ctx, host, user, proc(ctx, "kubectl", args, "/usr/local/bin"), dropper);
  return [...events, dropperStart, k];
}

function networkEvent(ctx: Ctx): EcsEvent {
  const { rng } = ctx;
  const host = rng.pick(ctx.hosts);
  const p = proc(ctx, rng.pick(["curl", "nginx", "node", "sshd", "kubelet"]), []);
  return {
    agent: { type: "endpoint", version: "8.15.0" },
    event: { category: ["network"], type: ["start", "connection"], action: "connection_attempted", kind: "event", dataset: "endpoint.events.network" },
    host: { name: host.name, id: host.id, os: host.os, ip: [host.ip] },
    process: { pid: p.pid, entity_id: p.entity_id, name: p.name, executable: p.executable },
    source: { ip: host.ip, port: 30000 + rng.int(30000) },
    destination: { ip: `10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}`, port: rng.pick([443, 80, 6443, 5432, 22]) },
    network: { transport: "tcp", direction: "egress" },
  };
}

function fileEvent(ctx: Ctx): EcsEvent {
  const { rng } = ctx;
  const host = rng.pick(ctx.hosts);
  const name = rng.pick(["app.log", "cache.db", "index.html", "config.yaml", ".bash_history"]);
  const dir = rng.pick(["/var/log/app", "/tmp", "/srv/www", "/home/alice", "/etc/app"]);
  return {
    agent: { type: "endpoint", version: "8.15.0" },
    event: { category: ["file"], type: [rng.pick(["creation", "change", "deletion"])], action: "modification", kind: "event", dataset: "endpoint.events.file" },
    host: { name: host.name, id: host.id, os: host.os },
    process: { pid: 1000 + rng.int(5000), name: rng.pick(["nginx", "node", "bash", "python3"]), executable: "/usr/bin/node" },
    file: { path: `${dir}/${name}`, name, extension: name.split(".").pop() },
    user: { name: rng.pick(USERS) },
  };
}
