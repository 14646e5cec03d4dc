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

export type Column<Row> = { header: ReactNode; cell: (row: Row) => ReactNode; numeric?: boolean };

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
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}) {
  const captionId = useId();
  const { box, overflows } = useOverflows<HTMLDivElement>();
  const numeric = (column: Column<Row>) => (column.numeric ? 'passend-number' : undefined);
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
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <TableHeaderCell key={index} scope="col" role="columnheader" className={numeric(column)}>
                {column.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody role="rowgroup">
          {rows.map((row) => (
            <TableRow key={rowKey(row)} role="row">
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
