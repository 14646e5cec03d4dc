// The one table of the web app: a caption, column headers, and one row per item whose first cell
// heads the row (scope="row"), so screen readers announce what each value belongs to. Numeric
// columns align to the end with even digits. In a narrow box (a phone) each row becomes a card with
// every value under its column's name (theme.css); wider, a table that does not fit scrolls in its
// own box, with a shadow at the side that has more, and that box takes keyboard focus.
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

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

/** Whether the box is narrower than what it holds, kept up to date as either changes size. */
function useOverflows<Element extends HTMLElement>() {
  const box = useRef<Element>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);
  return { box, overflows };
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  sort,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** A class for rows that stand out (an overdue request); the row must say why in words too. */
  rowClassName?: (row: Row) => string | undefined;
  sort?: TableSort;
}) {
  const captionId = useId();
  const { box, overflows } = useOverflows<HTMLDivElement>();
  const numeric = (column: Column<Row>) => (column.numeric ? 'passend-number' : undefined);
  const sorted = (column: Column<Row>) => ariaSortOf(column, sort);
  // The column's name, shown before each value when the rows are cards.
  const label = (column: Column<Row>) => (typeof column.header === 'string' ? column.header : undefined);
  // The explicit roles keep the table a table for screen readers when CSS shows its rows as cards.
  return (
    <div
      ref={box}
      className="passend-table passend-scroll-cue"
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-labelledby': captionId } : {})}
    >
      <Table role="table">
        <TableCaption id={captionId}>{caption}</TableCaption>
        <TableHeader role="rowgroup">
          <TableRow role="row">
            {columns.map((column, index) => (
              <TableHeaderCell
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                key={index}
                scope="col"
                role="columnheader"
                className={numeric(column)}
                {...sorted(column)}
              >
                {sort && column.sortKey !== undefined ? (
                  <SortableHeader header={column.header} sortKey={column.sortKey} sort={sort} />
                ) : (
                  column.header
                )}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody role="rowgroup">
          {rows.map((row) => (
            <TableRow key={rowKey(row)} role="row" className={rowClassName?.(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  <TableHeaderCell key={index} scope="row" role="rowheader" className={numeric(column)}>
                    {column.cell(row)}
                  </TableHeaderCell>
                ) : (
                  <TableCell
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                    key={index}
                    role="cell"
                    className={numeric(column)}
                    data-label={label(column)}
                  >
                    {/* One box for the value, so a card puts it beside its name as one piece. */}
                    <div className="passend-table__value">{column.cell(row)}</div>
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
