"use client";

import type { ReactNode } from "react";
import type { ReactTable, RowData, TableFeatures } from "@tanstack/react-table";

interface Props<F extends TableFeatures, R extends RowData> {
  table: ReactTable<F, R, unknown>;
  className?: string;
  testId: string;
  rowTestId: string;
  /** Shown in one row spanning the columns when there are no rows. */
  empty: ReactNode;
}

/** A TanStack table rendered as the app's grid: headers, one row per record, the empty state. */
export function DataTable<F extends TableFeatures, R extends RowData>({ table, className = "grid", testId, rowTestId, empty }: Props<F, R>) {
  const rows = table.getRowModel().rows;
  return (
    <table className={className} data-testid={testId}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid={rowTestId}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={table.getAllLeafColumns().length} className="muted">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
