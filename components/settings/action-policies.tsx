"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFields, DEFAULT_ACTIONS, type Actions } from "@/components/rules/action-fields";

const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export interface PolicyRow {
  id: string;
  name: string;
  min_severity: string;
  actions: Actions;
  enabled: boolean;
  state: { sent: number; failed: number; last_sent_at: string | null; last_error: string | null; last_error_at: string | null };
}

const targetText = (a: Actions) => a.targets.map((t) => (t.kind === "email" ? `email ${t.to.join(", ")}` : `${t.kind} ${t.url}`)).join("; ");

/** Admins announce new alerts of every rule at or above a severity, beside each rule's own actions. */
export function ActionPolicies({ policies }: { policies: PolicyRow[] }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const [minSeverity, setMinSeverity] = useState<string>("high");
  const [actions, setActions] = useState<Actions>({ ...DEFAULT_ACTIONS, targets: [{ kind: "webhook", url: "" }] });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function call(url: string, init: RequestInit, done: string) {
    if (busy) return;
    setBusy(true);
    try {
      const res = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
      const body = res.status === 204 ? null : await res.json();
      setMessage(res.ok ? done : (body?.error?.message ?? `failed (${res.status})`));
      if (res.ok) {
        setAdding(false);
        router.refresh();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" id="notifications" data-testid="action-policies">
      <h2>Notifications by severity</h2>
      <p className="muted small">New alerts of every rule at or above a severity, at most one message per rule per throttle window. Rules' own actions are set on each rule's page.</p>
      <table className="grid dense">
        <thead>
          <tr>
            <th>Name</th>
            <th>Severity</th>
            <th>Targets</th>
            <th>Delivered</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.id} data-testid="action-policy-row">
              <td>{p.name}</td>
              <td>{p.min_severity} and above</td>
              <td className="mono">{targetText(p.actions)}</td>
              <td className={p.state.last_error ? "error" : undefined} title={p.state.last_error ?? undefined}>
                {p.state.sent} sent, {p.state.failed} failed{p.state.last_error_at ? ` (last failure ${new Date(p.state.last_error_at).toLocaleString()})` : ""}
              </td>
              <td>
                <button type="button" role="switch" aria-checked={p.enabled} aria-label={`enabled: ${p.name}`} disabled={busy} onClick={() => call(`/api/v1/rules/action-policies/${p.id}`, { method: "PATCH", body: JSON.stringify({ enabled: !p.enabled }) }, `“${p.name}” ${p.enabled ? "disabled" : "enabled"}.`)}>
                  {p.enabled ? "on" : "off"}
                </button>
              </td>
              <td>
                <button type="button" disabled={busy} onClick={() => window.confirm(`Delete the notification policy “${p.name}”?`) && call(`/api/v1/rules/action-policies/${p.id}`, { method: "DELETE" }, `“${p.name}” deleted.`)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {policies.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                None: only rules with their own actions notify.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {adding ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void call("/api/v1/rules/action-policies", { method: "POST", body: JSON.stringify({ name, min_severity: minSeverity, actions }) }, `“${name}” added.`);
          }}
        >
          <div className="filters">
            <label>
              Name <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              Alerts of severity
              <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s} and above
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ActionFields actions={actions} setActions={setActions} canEdit />
          <p>
            <button className="primary" type="submit" disabled={busy || actions.targets.length === 0}>
              Add the policy
            </button>{" "}
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </p>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => setAdding(true)}>
            Add a notification policy
          </button>
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
