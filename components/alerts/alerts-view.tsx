"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { CloseReasonSelect } from "./close-reason-select";
import { useMemo, useState } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { DataTable } from "../table/data-table";
import type { alertJson } from "@/lib/alerts/alert-json";
import { SeverityOptions } from "../common/severity-options";
import { SelectBox } from "../common/select-box";

type Row = ReturnType<typeof alertJson>;
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Row>();


function href(params: Record<string, string>, change: Record<string, string | undefined>) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change })) if (v) next.set(k, v);
  return `/alerts?${next.toString()}`;
}

interface Props {
  rows: Row[];
  nextCursor: string | null;
  counts: Record<string, number>;
  params: Record<string, string>;
  canTriage: boolean;
}

/** The alert list: filters in the URL, server-side sorting and keyset pages, triage one by one or in bulk. */
export function AlertsView({ rows, nextCursor, counts, params, canTriage }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<string>("false_positive");
  const [message, setMessage] = useState<string | null>(null);
  const base = useMemo(() => Object.fromEntries(Object.entries(params).filter(([k]) => k !== "cursor")), [params]);

  const sortLink = (key: string, label: string) => {
    const active = (params.sort ?? "created_at") === key;
    const order = active && (params.order ?? "desc") === "desc" ? "asc" : "desc";
    return (
      <Link href={href(base, { sort: key, order })} data-testid={`sort-${key}`}>
        {label}
        {active ? ((params.order ?? "desc") === "desc" ? " ↓" : " ↑") : ""}
      </Link>
    );
  };

  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({
          id: "select",
          header: () => null,
          cell: ({ row }) =>
            canTriage ? <SelectBox id={row.original.id} label={`select alert ${row.original.id}`} selected={selected} onChange={setSelected} /> : null,
        }),
        helper.accessor("created_at", { header: () => sortLink("created_at", "Created"), cell: (c) => new Date(c.getValue()).toLocaleString() }),
        helper.accessor("event_time", { header: () => sortLink("event_time", "Event time"), cell: (c) => new Date(c.getValue()).toLocaleString() }),
        helper.accessor((r) => r.rule.severity, { id: "severity", header: "Severity", cell: (c) => <span className={`sev-${c.getValue()}`}>{c.getValue()}</span> }),
        helper.accessor((r) => r.rule.risk_score, { id: "risk", header: () => sortLink("risk_score", "Risk") }),
        helper.accessor((r) => r.rule.name, {
          id: "rule",
          header: "Rule",
          cell: (c) => <Link href={`/alerts/${c.row.original.id}`}>{c.getValue()}</Link>,
        }),
        helper.accessor("host", { header: "Host", cell: (c) => <span data-testid="cell-host">{c.getValue()}</span> }),
        helper.accessor("user", { header: "User", cell: (c) => <span data-testid="cell-user">{c.getValue()}</span> }),
        helper.accessor((r) => r.process.command_line, { id: "cmd", header: "Command line", cell: (c) => <span className="mono">{c.getValue()}</span> }),
        helper.accessor("status", { header: "Status", cell: (c) => <span className="badge" data-testid="cell-status">{c.getValue()}{c.row.original.close_reason ? ` · ${c.row.original.close_reason}` : ""}</span> }),
        helper.accessor((r) => r.assignee?.username ?? "", { id: "assignee", header: "Assignee" }),
      ]),
    [selected, canTriage, params],
  );
  const table = useTable({ features, columns, data: rows });

  async function triage(status: "acknowledged" | "closed") {
    const ids = [...selected];
    const res = await fetch("/api/v1/alerts", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(status === "closed" ? { ids, status, reason } : { ids, status }),
    });
    const body = await res.json();
    setMessage(res.ok ? `${body.updated} alert(s) ${status}.` : body.error?.message ?? `failed (${res.status})`);
    setSelected(new Set());
    router.refresh();
  }

  async function createCase() {
    const res = await fetch("/api/v1/cases", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ alertIds: [...selected] }) });
    const body = await res.json();
    if (!res.ok) return setMessage(body.error?.message ?? `failed (${res.status})`);
    router.push(`/cases/${body.case.id}`);
  }

  return (
    <>
      <div className="counts" data-testid="counts">
        {Object.entries(counts).map(([s, n]) => (
          <Link key={s} href={href(base, { status: s })} className="badge">
            {s}: {n}
          </Link>
        ))}
        <Link href="/alerts" className="badge">
          all filters off
        </Link>
      </div>
      <form className="filters" action="/alerts" method="get">
        <label>
          Status
          <select name="status" defaultValue={params.status ?? ""}>
            <option value="">any</option>
            <option value="open">open</option>
            <option value="acknowledged">acknowledged</option>
            <option value="closed">closed</option>
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
          Host <input name="host" defaultValue={params.host ?? ""} />
        </label>
        <label>
          User <input name="user" defaultValue={params.user ?? ""} />
        </label>
        <label>
          Rule <input name="rule" defaultValue={params.rule ?? ""} />
        </label>
        <label>
          Command line contains <input name="q" defaultValue={params.q ?? ""} />
        </label>
        <label>
          From <input name="from" type="datetime-local" defaultValue={params.from ?? ""} />
        </label>
        <label>
          To <input name="to" type="datetime-local" defaultValue={params.to ?? ""} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {canTriage && (
        <div className="filters" data-testid="bulk">
          <span>{selected.size} selected</span>
          <button disabled={!selected.size} onClick={() => triage("acknowledged")}>
            Acknowledge
          </button>
          <CloseReasonSelect value={reason} onChange={setReason} />
          <button disabled={!selected.size} onClick={() => triage("closed")}>
            Close
          </button>
          <button disabled={!selected.size} onClick={createCase}>
            Create case
          </button>
          {message && <span role="status">{message}</span>}
        </div>
      )}
      <DataTable table={table} className="grid" testId="alerts-table" rowTestId="alert-row" empty="No alerts match." />
      <p>
        {params.cursor && <Link href={href(base, {})}>First page</Link>}{" "}
        {nextCursor && (
          <Link href={href(base, { cursor: nextCursor })} data-testid="next-page">
            Next page →
          </Link>
        )}
      </p>
    </>
  );
}
