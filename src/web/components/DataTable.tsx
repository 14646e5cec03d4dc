// The one table of the web app: a caption, column headers, and one row per item whose first cell
// heads the row (scope="row"), so screen readers announce what each value belongs to. Numeric
// columns align to the end with even digits. Wide tables scroll inside their own box.
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** The list's sort key of this column: with `sort` on the table, its header becomes a button. */
  sortKey?: string;
};

// --- sorting: a header button per sortable column, the order announced by aria-sort ----------

/** The table's sort order, sorted by whoever holds the rows (the server, for a paged list). */
export type TableSort = {
  key: string;
  order: 'asc' | 'desc';
  /** Called with the column's key; the caller turns it around when it is the current one. */
  onSort: (key: string) => void;
};

function ariaSortOf(column: { sortKey?: string }, sort?: TableSort) {
  if (!sort || column.sortKey === undefined) return {};
  if (column.sortKey !== sort.key) return { 'aria-sort': 'none' as const };
  return { 'aria-sort': sort.order === 'asc' ? ('ascending' as const) : ('descending' as const) };
}

function SortableHeader({ header, sortKey, sort }: { header: ReactNode; sortKey: string; sort: TableSort }) {
  const mark = sortKey !== sort.key ? '↕' : sort.order === 'asc' ? '▲' : '▼';
  return (
    <button type="button" className="passend-sort-button" onClick={() => sort.onSort(sortKey)}>
      {header}
      {/* The header cell's aria-sort tells screen readers the order; the arrow is for the eye. */}
      <span aria-hidden="true">{`\u00a0${mark}`}</span>
    </button>
  );
}

// ---------------------------------------------------------------------------------------------

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  sort?: TableSort;
}) {
  const numeric = (column: Column<Row>) => (column.numeric ? 'passend-number' : undefined);
  const sorted = (column: Column<Row>) => ariaSortOf(column, sort);
  return (
    <div className="passend-table">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <TableHeaderCell key={index} scope="col" className={numeric(column)} {...sorted(column)}>
                {sort && column.sortKey !== undefined ? (
                  <SortableHeader header={column.header} sortKey={column.sortKey} sort={sort} />
                ) : (
                  column.header
                )}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  <TableHeaderCell key={index} scope="row" className={numeric(column)}>
                    {column.cell(row)}
                  </TableHeaderCell>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  <TableCell key={index} className={numeric(column)}>
                    {column.cell(row)}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
