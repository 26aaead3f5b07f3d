"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { EXCEPTION_OPERATORS, SUGGESTED_FIELDS } from "@/lib/exceptions/exception-item";

interface Candidate {
  field: string;
  value: string;
  checked: boolean;
}

interface Preview {
  days: number;
  events_scanned: number;
  events_matched: number;
  events_truncated: boolean;
  open_alerts_matched: number;
}

/** "Add exception" from an alert: entries prefilled from it, an impact preview, then save (optionally closing matches). */
export function AddException({ ruleId, ruleName, candidates }: { ruleId: string; ruleName: string; candidates: Omit<Candidate, "checked">[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Candidate[]>(candidates.map((c, i) => ({ ...c, checked: i === 0 })));
  const [caseInsensitive, setCaseInsensitive] = useState(false);
  const [scope, setScope] = useState<"rule" | "all">("rule");
  const [comment, setComment] = useState("");
  const [expires, setExpires] = useState("");
  const [days, setDays] = useState(7);
  const [close, setClose] = useState(false);
  // Entries beyond the prefilled ones: any field, any operator.
  const [extra, setExtra] = useState<{ field: string; operator: string; values: string }[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const valuesOf = (operator: string, text: string) =>
    operator === "exists" || operator === "does_not_exist" ? [] : operator.endsWith("one_of") ? text.split(",").map((v) => v.trim()).filter(Boolean) : [text];
  const entries = [
    ...rows.filter((r) => r.checked).map((r) => ({ field: r.field, operator: "is", values: [r.value], caseInsensitive })),
    ...extra.filter((x) => x.field.trim()).map((x) => ({ field: x.field.trim(), operator: x.operator, values: valuesOf(x.operator, x.values), caseInsensitive })),
  ];
  const body = () => ({ ruleId: scope === "rule" ? ruleId : null, entries });

  async function call(url: string, payload: object) {
    setError(null);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
    const json = await res.json();
    if (!res.ok) throw new Error(json.error?.message ?? `failed (${res.status})`);
    return json;
  }

  if (!open) return <button onClick={() => setOpen(true)}>Add exception</button>;
  return (
    <div className="card" data-testid="add-exception">
      <h2>Add exception</h2>
      <p className="muted">Matching events will raise no alert. Entries must all hold.</p>
      {rows.map((r, i) => (
        <label key={r.field} style={{ display: "block" }}>
          <input type="checkbox" checked={r.checked} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, checked: e.target.checked } : x)))} /> <span className="mono">{r.field}</span> is{" "}
          <span className="mono">{r.value}</span>
        </label>
      ))}
      {extra.map((x, i) => (
        <div className="filters" key={i} data-testid="extra-entry">
          <input list="exception-fields" value={x.field} aria-label="entry field" placeholder="field" onChange={(e) => setExtra(extra.map((y, j) => (j === i ? { ...y, field: e.target.value } : y)))} />
          <select value={x.operator} aria-label="entry operator" onChange={(e) => setExtra(extra.map((y, j) => (j === i ? { ...y, operator: e.target.value } : y)))}>
            {EXCEPTION_OPERATORS.map((o) => (
              <option key={o} value={o}>
                {o.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {x.operator !== "exists" && x.operator !== "does_not_exist" && (
            <input value={x.values} aria-label="entry value" placeholder={x.operator.endsWith("one_of") ? "a, b, c" : "value (wildcards * ? for matches)"} onChange={(e) => setExtra(extra.map((y, j) => (j === i ? { ...y, values: e.target.value } : y)))} />
          )}
          <button onClick={() => setExtra(extra.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <datalist id="exception-fields">
        {SUGGESTED_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <button onClick={() => setExtra([...extra, { field: "", operator: "is", values: "" }])}>Add entry</button>
      <div className="filters" style={{ marginTop: 8 }}>
        <label>
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value as "rule" | "all")}>
            <option value="rule">this rule ({ruleName})</option>
            <option value="all">all rules</option>
          </select>
        </label>
        <label>
          <span>
            <input type="checkbox" checked={caseInsensitive} onChange={(e) => setCaseInsensitive(e.target.checked)} /> ignore case
          </span>
        </label>
        <label>
          Expires <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <label>
          Comment (required) <input value={comment} onChange={(e) => setComment(e.target.value)} style={{ minWidth: 280 }} />
        </label>
      </div>
      <div className="filters">
        <label>
          Preview over the last days <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(Number(e.target.value))} style={{ width: 70 }} />
        </label>
        <button
          disabled={entries.length === 0}
          onClick={async () => {
            try {
              setPreview(await call("/api/v1/exceptions/preview", { ...body(), days }));
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Preview impact
        </button>
        {preview && (
          <span data-testid="exception-preview">
            would match {preview.events_matched} of {preview.events_scanned} stored events in {preview.days} days
            {preview.events_truncated ? " (scan stopped at the limit)" : ""} and {preview.open_alerts_matched} open alerts
          </span>
        )}
      </div>
      <label style={{ display: "block" }}>
        <input type="checkbox" checked={close} onChange={(e) => setClose(e.target.checked)} /> close the matching open alerts as false positives
      </label>
      <div className="filters" style={{ marginTop: 8 }}>
        <button
          className="primary"
          disabled={entries.length === 0 || comment.trim() === ""}
          onClick={async () => {
            try {
              const r = await call("/api/v1/exceptions", { ...body(), comment, expiresAt: expires ? new Date(expires).toISOString() : null, closeMatchingAlerts: close });
              setMessage(`Exception saved${close ? `; ${r.closed_alerts} open alert(s) closed` : ""}.`);
              router.refresh();
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Save exception
        </button>
        <button onClick={() => setOpen(false)}>Cancel</button>
        {message && <span role="status">{message}</span>}
        {error && <span className="error">{error}</span>}
      </div>
    </div>
  );
}
