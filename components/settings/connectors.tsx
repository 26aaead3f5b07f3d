"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DEFAULT_WEBHOOK_TEMPLATE } from "@/lib/connectors/webhook-template";

/** Admins add ticketing connectors; credentials go in once and are never shown again. */
export function Connectors({ connectors }: { connectors: { id: string; name: string; kind: string; url: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const auth = String(f.get("authorization") ?? "").trim();
    const res = await fetch("/api/v1/connectors", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: f.get("name"),
        kind: "webhook",
        config: { url: f.get("url"), template: f.get("template") },
        ...(auth ? { secret: { headers: { authorization: auth } } } : {}),
      }),
    });
    if (!res.ok) return setError((await res.json()).error?.message ?? `failed (${res.status})`);
    router.refresh();
  }
  return (
    <section className="card">
      <h2>Ticketing connectors</h2>
      <ul data-testid="connectors">
        {connectors.map((c) => (
          <li key={c.id}>
            {c.name} <span className="muted">({c.kind} → {c.url})</span>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <div className="filters">
          <label>
            Connector name <input name="name" required />
          </label>
          <label>
            Webhook URL <input name="url" type="url" required style={{ minWidth: 320 }} />
          </label>
          <label>
            Authorization header (stored encrypted) <input name="authorization" type="password" />
          </label>
        </div>
        <label style={{ display: "block" }}>
          Body template (JSON; placeholders are filled with JSON values)
          <textarea name="template" defaultValue={DEFAULT_WEBHOOK_TEMPLATE} rows={8} style={{ width: "100%" }} className="mono" />
        </label>
        <button type="submit">Add webhook connector</button>
        {error && <span className="error"> {error}</span>}
      </form>
    </section>
  );
}
