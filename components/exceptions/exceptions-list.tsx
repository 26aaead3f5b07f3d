"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ExceptionHistory } from "./exception-history";

export interface ExceptionRow {
  id: string;
  rule: string;
  entries: { field: string; operator: string; values: string[]; caseInsensitive: boolean }[];
  comment: string;
  enabled: boolean;
  expiresAt: string | null;
  expired: boolean;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  suppressedCount: number;
  lastSuppressedAt: string | null;
  /** Set when the stored exception cannot compile: detection skips it until it is edited. */
  invalidReason: string | null;
}

const OPS: Record<string, string> = {
  is: "is",
  is_not: "is not",
  is_one_of: "is one of",
  is_not_one_of: "is not one of",
  exists: "exists",
  does_not_exist: "does not exist",
  matches: "matches",
  does_not_match: "does not match",
};

/** Exception items: what they match, scope, state, how much they silenced; edit comment, disable, delete. */
export function ExceptionsList({ rows, canEdit }: { rows: ExceptionRow[]; canEdit: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Record<string, string>>({});
  async function send(url: string, method: string, body?: object) {
    setError(null);
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) setError((await res.json()).error?.message ?? `failed (${res.status})`);
    router.refresh();
  }
  return (
    <>
      {error && <p className="error">{error}</p>}
      <table className="grid" data-testid="exceptions">
        <thead>
          <tr>
            <th>Matches</th>
            <th>Scope</th>
            <th>Comment</th>
            <th>State</th>
            <th>Silenced</th>
            <th>Author</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="exception-row">
              <td className="mono">
                {r.entries.map((e, i) => (
                  <div key={i}>
                    {e.field} {OPS[e.operator] ?? e.operator} {e.values.join(", ")}
                    {e.caseInsensitive ? " (any case)" : ""}
                  </div>
                ))}
              </td>
              <td>{r.rule}</td>
              <td>
                {canEdit && editing[r.id] !== undefined ? (
                  <>
                    <input value={editing[r.id]} onChange={(e) => setEditing({ ...editing, [r.id]: e.target.value })} aria-label="comment" />
                    <button
                      onClick={async () => {
                        await send(`/api/v1/exceptions/${r.id}`, "PATCH", { comment: editing[r.id] });
                        const { [r.id]: _done, ...rest } = editing;
                        setEditing(rest);
                      }}
                    >
                      Save
                    </button>
                  </>
                ) : (
                  <span onDoubleClick={() => canEdit && setEditing({ ...editing, [r.id]: r.comment })}>{r.comment}</span>
                )}
              </td>
              <td>
                {r.invalidReason ? (
                  <span className="badge badge-danger" title={r.invalidReason} data-testid="exception-invalid">
                    invalid — skipped by detection
                  </span>
                ) : r.expired ? (
                  <span className="badge">expired</span>
                ) : r.enabled ? (
                  <span className="badge">enabled</span>
                ) : (
                  <span className="badge">disabled</span>
                )}
                {r.invalidReason && <div className="muted">{r.invalidReason}</div>}
                {r.expiresAt && !r.expired && <div className="muted">until {new Date(r.expiresAt).toLocaleString()}</div>}
              </td>
              <td data-testid="suppressed-count">
                {r.suppressedCount}
                {r.lastSuppressedAt && <div className="muted">last {new Date(r.lastSuppressedAt).toLocaleString()}</div>}
              </td>
              <td>
                {r.author ?? "?"}
                <div className="muted">{new Date(r.updatedAt).toLocaleString()}</div>
                <ExceptionHistory id={r.id} />
              </td>
              <td>
                {canEdit && (
                  <>
                    <button onClick={() => setEditing({ ...editing, [r.id]: r.comment })}>Edit</button>{" "}
                    <input
                      type="datetime-local"
                      aria-label="expires"
                      defaultValue={r.expiresAt ? r.expiresAt.slice(0, 16) : ""}
                      onBlur={(e) => {
                        const v = e.target.value;
                        const next = v ? new Date(v).toISOString() : null;
                        if (next !== r.expiresAt) send(`/api/v1/exceptions/${r.id}`, "PATCH", { expiresAt: next });
                      }}
                    />{" "}
                    <button onClick={() => send(`/api/v1/exceptions/${r.id}`, "PATCH", { enabled: !r.enabled })}>{r.enabled ? "Disable" : "Enable"}</button>{" "}
                    <button onClick={() => send(`/api/v1/exceptions/${r.id}`, "DELETE")}>Delete</button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No exceptions.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
