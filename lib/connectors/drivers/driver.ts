import { fetch } from "undici";
import type { LoadedCase } from "../../cases/cases";
import { connectorAgent, urlProblem } from "../url-policy";

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

/** The ticket was created, then something after it failed (its comments): the ticket is known, the comments are still owed. */
export class CreatedButIncomplete extends Error {
  constructor(
    readonly created: Created,
    cause: Error,
  ) {
    super(cause.message);
    this.name = "CreatedButIncomplete";
  }
}

/** One ticketing system: how to create a ticket for a case and how to update it. */
export interface Driver<Config, Secret> {
  create(input: PushInput, config: Config, secret: Secret): Promise<Created>;
  update(externalId: string, input: PushInput, config: Config, secret: Secret): Promise<void>;
  /** A read-only call that proves the URL is reachable and the credentials are accepted (throws otherwise). */
  test(config: Config, secret: Secret): Promise<void>;
  /** The ticket's state as the ticketing system has it (for status sync); absent where the system cannot tell (webhooks). */
  status?(externalId: string, config: Config, secret: Secret): Promise<TicketStatus>;
  /** Closes the ticket because its case was closed in Vigil; absent where the system has no closing Vigil should do for it. */
  close?(externalId: string, note: string, config: Config, secret: Secret): Promise<void | { skipped: string }>;
}

/** Where a ticket stands: closed (resolved, done, closed) or not, who closed it and when, when the system says. */
export interface TicketStatus {
  closed: boolean;
  /** The system's own name for the state ("Done", "Resolved", "Closed"…). */
  state: string;
  by?: string | null;
  at?: Date | null;
}

/**
 * A short, inert reason from an error answer: the message field the systems use (Jira's
 * errorMessages/errors, ServiceNow's error.message, TheHive's and IRIS's message), else nothing —
 * never the raw body (it may echo internals, or markup). At most 120 plain characters.
 */
export function errorReason(text: string): string {
  let reason = "";
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const err = j.error as { message?: unknown; detail?: unknown } | string | undefined;
    const candidates = [
      Array.isArray(j.errorMessages) ? j.errorMessages[0] : undefined,
      j.errors && typeof j.errors === "object" ? Object.entries(j.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`)[0] : undefined,
      typeof err === "object" ? err?.message : err,
      j.message,
    ];
    reason = String(candidates.find((c) => typeof c === "string" && c.trim()) ?? "");
  } catch {
    // not JSON: no reason shown
  }
  // Control characters and markup become spaces: the reason is shown to analysts as plain text.
  const plain = Array.from(reason, (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || "<>`".includes(ch) ? " " : ch)).join("");
  return plain.replace(/\s+/g, " ").trim().slice(0, 120);
}

/** An HTTP call that fails with a message naming the system, the status, a short reason and (for 401/403) the credentials. */
export async function call(system: string, url: string, init: { method: string; headers?: Record<string, string>; body?: unknown }): Promise<unknown> {
  // Checked on every call too: connectors saved before the policy, and URLs built from templates.
  const problem = urlProblem(url);
  if (problem) throw new Error(`${system}: the URL is not allowed: ${problem}`);
  let res: Awaited<ReturnType<typeof fetch>>;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { "content-type": "application/json", accept: "application/json", ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
      dispatcher: connectorAgent(),
    });
  } catch (err) {
    const e = err as Error & { cause?: Error & { code?: string } };
    if (e.name === "TimeoutError") throw e;
    const cause = e.cause?.code === "ECONNREFUSED_POLICY" ? e.cause.message : (e.cause?.code ?? e.message);
    throw new Error(`${system} could not be reached: ${cause}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const reason = errorReason(text);
    throw new Error(`${system} answered ${res.status}${res.status === 401 || res.status === 403 ? " (check the credentials)" : ""}${reason ? `: ${reason}` : ""}`);
  }
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
