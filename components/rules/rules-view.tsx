"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { DataTable } from "../table/data-table";
import type { RuleSummary } from "@/lib/rules/catalog/list-rules";
import { RuleImport } from "./rule-import";
import { SeverityOptions } from "../common/severity-options";
import { SelectBox } from "../common/select-box";

/** A rule as the list API answers it (dates as ISO text, as they cross to the browser). */
export type RuleRow = Omit<RuleSummary, "last_match_at"> & { last_match_at: string | null };

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RuleRow>();
const FILTERS = ["q", "tag", "severity", "enabled", "status"] as const;

function href(params: Record<string, string>, change: Record<string, string | undefined>) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change })) if (v) next.set(k, v);
  return `/rules?${next.toString()}`;
}

/** MITRE technique ids of a rule's threat mapping ("T1078, T1550.001"). */
function techniques(threat: unknown): string[] {
  if (!Array.isArray(threat)) return [];
  return threat.flatMap((t: { techniques?: { id: string; subtechniques?: { id: string }[] }[] }) => (t.techniques ?? []).flatMap((x) => [x.id, ...(x.subtechniques ?? []).map((s) => s.id)]));
}

/** One line, cut with an ellipsis; the whole value on hover. */
function Clip({ text, width, mono }: { text: string; width: number; mono?: boolean }) {
  return (
    <span className={`clip small${mono ? " mono-nowrap" : ""}`} style={{ maxWidth: width }} title={text}>
      {text}
    </span>
  );
}

interface Props {
  rows: RuleRow[];
  total: number;
  nextCursor: string | null;
  params: Record<string, string>;
  tags: { tag: string; rules: number }[];
  canAdmin: boolean;
  invalidFilter: string | null;
}

/** The rule catalogue: filters in the URL, enable/disable one rule, a selection, or every rule the filter matches; import for admins. */
export function RulesView({ rows, total, nextCursor, params, tags, canAdmin, invalidFilter }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const filter = useMemo(() => Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]])), [params]);
  const base = useMemo(() => Object.fromEntries(Object.entries(params).filter(([k]) => k !== "cursor")), [params]);

  async function send(body: unknown, done: (n: number) => string) {
    setBusy(true);
    try {
      const res = await fetch("/api/v1/rules/bulk", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = await res.json();
      setMessage(res.ok ? done(answer.updated) : (answer.error?.message ?? `failed (${res.status})`));
      if (res.ok) setSelected(new Set());
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function toggle(row: RuleRow) {
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/rules/${row.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ enabled: !row.enabled }) });
      const answer = await res.json();
      setMessage(res.ok ? `“${row.name}” ${row.enabled ? "disabled" : "enabled"}.` : (answer.error?.message ?? `failed (${res.status})`));
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  function byFilter(action: "enable" | "disable") {
    const what = Object.keys(filter).length ? `every rule matching this filter (${total})` : `all ${total} rules`;
    if (!window.confirm(`${action === "enable" ? "Enable" : "Disable"} ${what}?`)) return;
    const f: Record<string, unknown> = { ...filter };
    if (f.enabled) f.enabled = f.enabled === "true";
    void send({ action, filter: f }, (n) => `${n} rule(s) ${action}d.`);
  }

  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({
          id: "select",
          header: () => null,
          cell: ({ row }) =>
            canAdmin ? <SelectBox id={row.original.id} label={`select rule ${row.original.name}`} selected={selected} onChange={setSelected} /> : null,
        }),
        helper.accessor("enabled", {
          header: "Enabled",
          cell: (c) =>
            canAdmin ? (
              <button type="button" role="switch" aria-checked={c.getValue()} aria-label={`enabled: ${c.row.original.name}`} disabled={busy || (c.row.original.status === "failed" && !c.getValue())} onClick={() => toggle(c.row.original)}>
                <span className={c.getValue() ? "switch-on" : "switch-off"}>{c.getValue() ? "on" : "off"}</span>
              </button>
            ) : c.getValue() ? (
              "on"
            ) : (
              "off"
            ),
        }),
        helper.accessor("name", { header: "Rule", cell: (c) => <Link href={`/rules/${c.row.original.id}`} className="clip" style={{ maxWidth: 240 }} title={c.getValue()}>{c.getValue()}</Link> }),
        helper.accessor("severity", { header: "Severity", cell: (c) => <span className={`sev-${c.getValue()}`}>{c.getValue()}</span> }),
        helper.accessor("risk_score", { header: "Risk" }),
        helper.accessor((r) => techniques(r.threat).join(", "), { id: "mitre", header: "MITRE", cell: (c) => <Clip text={c.getValue()} width={90} mono /> }),
        helper.accessor((r) => r.tags.filter((t) => !/^(Resources|Use Case):/.test(t)).join(" · "), { id: "tags", header: "Tags", cell: (c) => <Clip text={c.getValue()} width={150} /> }),
        helper.accessor((r) => r.index.join(", "), { id: "index", header: "Index patterns", cell: (c) => <Clip text={c.getValue() || "all"} width={120} mono /> }),
        helper.accessor("last_match_at", { header: "Last match", cell: (c) => (c.getValue() ? new Date(c.getValue()!).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }) : <span className="muted">never</span>) }),
        helper.accessor((r) => `${r.alerts_24h} / ${r.alerts_total}`, { id: "alerts", header: "Alerts 24h/all" }),
        helper.accessor("over_cap_24h", { header: "Over cap 24h", cell: (c) => (c.getValue() ? <span className="badge badge-danger">{c.getValue()}</span> : "0") }),
        helper.accessor("status", {
          header: "Status",
          cell: (c) =>
            c.getValue() === "failed" ? (
              <span className="badge badge-danger" title={c.row.original.error ?? ""}>failed</span>
            ) : c.getValue() === "gap" ? (
              <span className="badge badge-warning" title={`Stored events from ${gapText(c.row.original.gap)} were never seen by this rule: back-fill them from its page`}>gap</span>
            ) : (
              <span className="badge">ok</span>
            ),
        }),
      ]),
    [selected, canAdmin, busy],
  );
  const table = useTable({ features, columns, data: rows });

  return (
    <>
      {canAdmin && <RuleImport />}
      <form className="filters" action="/rules" method="get">
        <label>
          Search <input name="q" defaultValue={params.q ?? ""} placeholder="name, rule id or tag" />
        </label>
        <label>
          Tag
          <select name="tag" defaultValue={params.tag ?? ""}>
            <option value="">any</option>
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag} ({t.rules})
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity
          <select name="severity" defaultValue={params.severity ?? ""}>
            <option value="">any</option>
            <SeverityOptions />
          </select>
        </label>
        <label>
          Enabled
          <select name="enabled" defaultValue={params.enabled ?? ""}>
            <option value="">any</option>
            <option value="true">enabled</option>
            <option value="false">disabled</option>
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={params.status ?? ""}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="failed">failed</option>
            <option value="gap">gap</option>
          </select>
        </label>
        <button type="submit">Apply</button>
        <Link href="/rules">clear</Link>
      </form>
      {invalidFilter && <p className="error">Filter ignored: {invalidFilter}</p>}
      <div className="filters" data-testid="rules-bulk">
        <span data-testid="rules-total">{total} rule(s)</span>
        {canAdmin && (
          <>
            <span>· {selected.size} selected</span>
            <button disabled={busy || !selected.size} onClick={() => send({ action: "enable", ids: [...selected] }, (n) => `${n} rule(s) enabled.`)}>
              Enable selected
            </button>
            <button disabled={busy || !selected.size} onClick={() => send({ action: "disable", ids: [...selected] }, (n) => `${n} rule(s) disabled.`)}>
              Disable selected
            </button>
            <button disabled={busy || total === 0} onClick={() => byFilter("enable")}>
              Enable all {total} matching
            </button>
            <button disabled={busy || total === 0} onClick={() => byFilter("disable")}>
              Disable all {total} matching
            </button>
          </>
        )}
        {message && <span role="status">{message}</span>}
      </div>
      <div style={{ overflowX: "auto" }}>
      <DataTable table={table} className="grid dense one-line" testId="rules-table" rowTestId="rule-row" empty="No rules match." />
      </div>
      <p>
        {params.cursor && <Link href={href(base, {})}>first page</Link>} {nextCursor && <Link href={href(base, { cursor: nextCursor })}>next page →</Link>}
      </p>
    </>
  );
}

/** A gap's range in the browser's time zone. */
function gapText(gap: { from: Date | string; to: Date | string } | null): string {
  if (!gap) return "";
  const f = (t: Date | string) => new Date(t).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
  return `${f(gap.from)} to ${f(gap.to)}`;
}
