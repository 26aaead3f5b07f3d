import type { LoadedCase } from "../../cases/cases";

/** What a push sends: the case, its link back, the comments added since the last push. */
export interface PushInput {
  c: LoadedCase;
  link: string;
  newComments: { author: string; body: string; at: string }[];
}

export interface Created {
  id: string;
  url: string | null;
}

/** One ticketing system: how to create a ticket for a case and how to update it. */
export interface Driver<Config, Secret> {
  create(input: PushInput, config: Config, secret: Secret): Promise<Created>;
  update(externalId: string, input: PushInput, config: Config, secret: Secret): Promise<void>;
}

/** An HTTP call that fails with a message naming the system, the status and (for 401/403) the credentials. */
export async function call(system: string, url: string, init: { method: string; headers?: Record<string, string>; body?: unknown }): Promise<unknown> {
  const res = await fetch(url, {
    method: init.method,
    headers: { "content-type": "application/json", accept: "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(10_000),
    redirect: "error",
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${system} answered ${res.status}${res.status === 401 || res.status === 403 ? " (check the credentials)" : ""}: ${text.slice(0, 300)}`);
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
export const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** Severity → the 1 (low) … 4 (critical) scale most systems use. */
export const SEVERITY_LEVEL: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** The case's facts as plain lines (for systems that take text). */
export function caseLines(c: LoadedCase, link: string): string[] {
  const host = c.alerts[0]?.alert.hostName ?? "?";
  const user = c.alerts[0]?.alert.userName ?? "?";
  const cmd = c.alerts[0]?.alert.commandLine ?? "";
  return [
    c.description || "(no description)",
    "",
    `Host: ${host}   User: ${user}`,
    `Command line: ${cmd}`,
    `Alerts: ${c.alerts.length}   Severity: ${c.severity}   Status: ${c.status}`,
    `ATT&CK: ${[...c.attack.tactics, ...c.attack.techniques].map((t) => t.id).join(", ")}`,
    `Vigil: ${link}`,
  ];
}
