import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY } from "../playwright.config";

export { ADMIN_PASSWORD, API_KEY };

export async function login(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(username);
}

/** The seed rule's scenario: an interactive shell that starts kubectl with an impersonation flag. */
export function kubectlScenario(opts: { host?: string; user?: string; flag?: string; args?: string[]; at?: Date } = {}) {
  const host = opts.host ?? `node-${randomUUID().slice(0, 8)}`;
  const user = opts.user ?? "mallory";
  const at = opts.at ?? new Date();
  const shellId = randomUUID();
  const base = { host: { name: host, id: `id-${host}`, os: { type: "linux" } }, user: { name: user } };
  const shell = {
    ...base,
    "@timestamp": new Date(at.getTime() - 2000).toISOString(),
    event: { id: randomUUID(), category: ["process"], type: ["start"], action: "exec" },
    process: { pid: 4100, entity_id: shellId, name: "bash", executable: "/bin/bash", args: ["-bash"], parent: { pid: 4000, name: "sshd", executable: "/usr/sbin/sshd" } },
  };
  const args = opts.args ?? ["kubectl", "get", "secrets", "-A", opts.flag ?? "--as=system:admin"];
  const kubectl = {
    ...base,
    "@timestamp": at.toISOString(),
    event: { id: randomUUID(), category: ["process"], type: ["start"], action: "exec" },
    process: { pid: 4101, entity_id: randomUUID(), name: "kubectl", executable: "/usr/local/bin/kubectl", args, command_line: args.join(" "), parent: { pid: 4100, entity_id: shellId, name: "bash", executable: "/bin/bash" } },
  };
  return { host, user, events: [shell, kubectl] };
}

export async function ingest(request: APIRequestContext, events: unknown[]) {
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `ApiKey ${API_KEY}`, "content-type": "application/x-ndjson" },
    data: events.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}
