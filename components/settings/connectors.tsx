"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DEFAULT_WEBHOOK_TEMPLATE } from "@/lib/connectors/webhook-template";

type Kind = "webhook" | "jira" | "servicenow" | "thehive" | "iris";

/** Per kind: the settings fields and the credential fields (sealed server-side, never shown again). */
const FIELDS: Record<Kind, { config: [string, string][]; secret: [string, string][] }> = {
  webhook: { config: [["url", "Webhook URL"]], secret: [["authorization", "Authorization header"]] },
  jira: { config: [["baseUrl", "Jira URL"], ["projectKey", "Project key"], ["issueType", "Issue type"]], secret: [["email", "Account email"], ["apiToken", "API token"]] },
  servicenow: { config: [["instanceUrl", "Instance URL"]], secret: [["username", "Username"], ["password", "Password"]] },
  thehive: { config: [["baseUrl", "TheHive URL"], ["closeStatus", "Closing status (default Ignored)"]], secret: [["apiKey", "API key"]] },
  iris: { config: [["baseUrl", "DFIR-IRIS URL"], ["customerId", "Customer id"]], secret: [["apiKey", "API key"]] },
};

type Listed = { id: string; name: string; kind: string; url: string; config: Record<string, unknown> };

/** Admins add, edit, test and delete ticketing connectors; credentials go in once and are never shown again. */
export function Connectors({ connectors }: { connectors: Listed[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<Listed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tested, setTested] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [webhooks, setWebhooks] = useState<Record<string, { url?: string; secret?: string; signature_header?: string; error?: string }>>({});
  async function test(id: string) {
    setBusy(id);
    try {
      const res = await fetch(`/api/v1/connectors/${id}/test`, { method: "POST" });
      const json = await res.json();
      setTested((t) => ({ ...t, [id]: res.ok ? (json.ok ? "reachable, credentials accepted" : json.reason) : (json.error?.message ?? `failed (${res.status})`) }));
    } finally {
      setBusy(null);
    }
  }
  async function showWebhook(id: string) {
    if (webhooks[id]) return setWebhooks(({ [id]: _shown, ...rest }) => rest);
    const res = await fetch(`/api/v1/connectors/${id}/webhook`);
    const json = await res.json();
    setWebhooks((w) => ({ ...w, [id]: res.ok ? json : { error: json.error?.message ?? `failed (${res.status})` } }));
  }
  async function remove(id: string, name: string) {
    if (!confirm(`Delete the connector ${name}? Cases keep their ticket links; its push history goes.`)) return;
    setBusy(id);
    try {
      const res = await fetch(`/api/v1/connectors/${id}`, { method: "DELETE" });
      if (!res.ok) setError((await res.json()).error?.message ?? `failed (${res.status})`);
      router.refresh();
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="card" id="connectors">
      <h2>Ticketing connectors</h2>
      <ul data-testid="connectors">
        {connectors.map((c) => (
          <li key={c.id}>
            {c.name} <span className="muted">({c.kind}{c.url ? ` → ${c.url}` : ""})</span>{" "}
            <button disabled={busy === c.id} onClick={() => void test(c.id)}>
              Test
            </button>{" "}
            <button disabled={busy === c.id || editing?.id === c.id} onClick={() => setEditing(c)}>
              Edit
            </button>{" "}
            <button disabled={busy === c.id} onClick={() => void remove(c.id, c.name)}>
              Delete
            </button>
            {c.kind !== "webhook" && (
              <>
                {" "}
                <button onClick={() => void showWebhook(c.id)} aria-expanded={!!webhooks[c.id]} title="Where the ticketing system notifies Vigil of status changes">
                  Status webhook
                </button>
              </>
            )}
            {tested[c.id] && <span className="muted" data-testid="connector-test-result"> {tested[c.id]}</span>}
            {webhooks[c.id] &&
              (webhooks[c.id].error ? (
                <div className="error">{webhooks[c.id].error}</div>
              ) : (
                <dl className="webhook-info" data-testid="connector-webhook">
                  <dt>Send notifications to</dt>
                  <dd className="mono">POST {webhooks[c.id].url}</dd>
                  <dt>Signing secret</dt>
                  <dd className="mono">{webhooks[c.id].secret}</dd>
                  <dt>Signature header</dt>
                  <dd className="mono">{webhooks[c.id].signature_header}</dd>
                </dl>
              ))}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
      {editing ? (
        <ConnectorForm key={editing.id} editing={editing} onDone={() => setEditing(null)} />
      ) : (
        <ConnectorForm onDone={() => undefined} />
      )}
    </section>
  );
}

/**
 * The connector form: a new connector (any kind), or an edit of one (its kind stays; settings come
 * filled in; credential fields left blank keep the stored credentials).
 */
function ConnectorForm({ editing, onDone }: { editing?: Listed; onDone: () => void }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>((editing?.kind as Kind) ?? "webhook");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial = (k: string) => (editing?.config[k] === undefined ? undefined : String(editing.config[k]));
  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const value = (k: string) => String(f.get(k) ?? "").trim();
    const config: Record<string, unknown> = {};
    for (const [k] of FIELDS[kind].config) if (value(k)) config[k] = k === "customerId" ? Number(value(k)) : value(k);
    if (kind === "webhook") config.template = f.get("template");
    if (kind === "jira" && f.get("apiVersion") === "2") config.apiVersion = "2";
    let secret: Record<string, unknown> | undefined = {};
    for (const [k] of FIELDS[kind].secret) if (value(k)) secret[k] = value(k);
    if (kind === "webhook") secret = value("authorization") ? { headers: { authorization: value("authorization") } } : undefined;
    // An edit sends credentials only when some were typed: blank keeps what is stored.
    if (editing && secret && Object.keys(secret).length === 0) secret = undefined;
    setSaving(true);
    try {
      const res = editing
        ? await fetch(`/api/v1/connectors/${editing.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: f.get("name"), config, ...(secret ? { secret } : {}) }) })
        : await fetch("/api/v1/connectors", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: f.get("name"), kind, config, ...(secret ? { secret } : {}) }) });
      if (!res.ok) return setError((await res.json()).error?.message ?? `failed (${res.status})`);
      onDone();
      router.refresh();
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={save} key={kind} data-testid={editing ? "connector-edit" : "connector-add"}>
      {editing && <h3>Edit {editing.name}</h3>}
      <div className="filters">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="connector kind" disabled={!!editing}>
            <option value="webhook">Webhook</option>
            <option value="jira">Jira</option>
            <option value="servicenow">ServiceNow</option>
            <option value="thehive">TheHive 5</option>
            <option value="iris">DFIR-IRIS</option>
          </select>
        </label>
        <label>
          Connector name <input name="name" required defaultValue={editing?.name} />
        </label>
        {FIELDS[kind].config.map(([k, label]) => (
          <label key={k}>
            {label} <input name={k} required={k !== "issueType"} defaultValue={initial(k)} type={/url/i.test(k) ? "url" : "text"} style={{ minWidth: /url/i.test(k) ? 300 : 120 }} />
          </label>
        ))}
        {kind === "jira" && (
          <label>
            API
            <select name="apiVersion" defaultValue={initial("apiVersion") ?? "3"}>
              <option value="3">v3 (ADF)</option>
              <option value="2">v2 (plain text)</option>
            </select>
          </label>
        )}
        {FIELDS[kind].secret.map(([k, label]) => (
          <label key={k}>
            {label} (stored encrypted) <input name={k} type="password" required={!editing && kind !== "webhook"} placeholder={editing ? "unchanged" : undefined} autoComplete="new-password" />
          </label>
        ))}
      </div>
      {kind === "webhook" && (
        <label style={{ display: "block" }}>
          Body template (JSON; placeholders are filled with JSON values)
          <textarea name="template" defaultValue={initial("template") ?? DEFAULT_WEBHOOK_TEMPLATE} rows={8} style={{ width: "100%" }} className="mono" />
        </label>
      )}
      <button type="submit" disabled={saving}>
        {editing ? "Save connector" : "Add connector"}
      </button>
      {editing && (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      )}
      {error && <span className="error"> {error}</span>}
    </form>
  );
}
