"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Edit a case's title, markdown description, severity and tags. */
export function CaseDetailsForm({ caseId, title, description, severity, tags }: { caseId: string; title: string; description: string; severity: string; tags: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ title, description, severity, tags: tags.join(", ") });
  const [error, setError] = useState<string | null>(null);
  if (!open) return <button onClick={() => setOpen(true)}>Edit details</button>;
  return (
    <div className="card" data-testid="case-details-form">
      <div className="filters">
        <label style={{ flex: 1 }}>
          Title <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} style={{ width: "100%" }} />
        </label>
        <label>
          Severity
          <select value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
            {["low", "medium", "high", "critical"].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Tags <input value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} placeholder="a, b" />
        </label>
      </div>
      <label style={{ display: "block" }}>
        Description (markdown)
        <textarea value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} rows={5} style={{ width: "100%" }} />
      </label>
      <button
        className="primary"
        onClick={async () => {
          setError(null);
          const body = { title: form.title, description: form.description, severity: form.severity, tags: form.tags.split(",").map((t) => t.trim()).filter(Boolean) };
          const res = await fetch(`/api/v1/cases/${caseId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          if (!res.ok) return setError((await res.json()).error?.message ?? `failed (${res.status})`);
          setOpen(false);
          router.refresh();
        }}
      >
        Save details
      </button>{" "}
      <button onClick={() => setOpen(false)}>Cancel</button>
      {error && <span className="error"> {error}</span>}
    </div>
  );
}
