"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { AuditEntryJson } from "@/lib/audit/audit-log";

type Entry = AuditEntryJson;

/** The audit log (GET /api/v1/audit): newest first, filtered by actor, action and target, paged by cursor; times in the browser's zone. */
export function AuditLog() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (f: Record<string, string>, after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const qs = new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), limit: "50", ...(after ? { cursor: after } : {}) });
      const res = await fetch(`/api/v1/audit?${qs}`);
      const json = await res.json();
      if (!res.ok) throw new Error(json.error?.message ?? `failed (${res.status})`);
      setEntries((prev) => (after ? [...prev, ...json.entries] : json.entries));
      setCursor(json.next_cursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load({}, null);
  }, [load]);

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v).trim()]));
    setFilters(f);
    void load(f, null);
  }

  return (
    <section className="card" id="audit-log" data-testid="audit-log">
      <h2>Audit log</h2>
      <form className="filters" onSubmit={filter}>
        <label>
          Actor <input name="actor" placeholder="username or id" />
        </label>
        <label>
          Action <input name="action" placeholder="e.g. user.update" />
        </label>
        <label>
          Target type <input name="target_type" placeholder="alert, case, user…" />
        </label>
        <label>
          Target id <input name="target_id" />
        </label>
        <button type="submit" disabled={loading}>
          Filter
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="grid audit-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Address</th>
            <th>Action</th>
            <th>Target</th>
            <th>Changes</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td title={e.at}>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor.name}</td>
              <td className="muted">{e.actor.ip ?? ""}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.target_type} <span className="muted">{e.target_id ?? ""}</span>
              </td>
              <td>
                <code className="muted">{e.changes === null ? "" : JSON.stringify(e.changes).slice(0, 300)}</code>
              </td>
            </tr>
          ))}
          {entries.length === 0 && !loading && (
            <tr>
              <td colSpan={6} className="muted">
                No entries.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {cursor && (
        <button onClick={() => void load(filters, cursor)} disabled={loading}>
          Older entries
        </button>
      )}
    </section>
  );
}
