// A table of rows with a header per column; on narrow screens each row turns into label/value lines (styles.css).
import type { ComponentChildren } from "preact";

export interface Column<T> {
  /** The header, and the label of the value on narrow screens; "" for a column of buttons (named for readers). */
  label: string;
  cell: (row: T) => ComponentChildren;
  /** Long free text (bodies, URLs): wraps anywhere. */
  text?: boolean;
}

interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
}

export function DataTable<T>({ rows, columns, rowKey }: DataTableProps<T>) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={c.label || i} scope="col">
                {c.label || <span class="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => (
                <td key={c.label || i} data-label={c.label} class={c.text ? "text" : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
