"use client";

/** A row's checkbox in a bulk-action table: toggles `id` in the selection. */
export function SelectBox({ id, label, selected, onChange }: { id: string; label: string; selected: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={selected.has(id)}
      onChange={(e) => {
        const next = new Set(selected);
        if (e.target.checked) next.add(id);
        else next.delete(id);
        onChange(next);
      }}
    />
  );
}
