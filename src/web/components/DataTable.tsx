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

export type Column<Row> = { header: ReactNode; cell: (row: Row) => ReactNode; numeric?: boolean };

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
  const numeric = (column: Column<Row>) => (column.numeric ? 'passend-number' : undefined);
  return (
    <div className="passend-table">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <TableHeaderCell key={index} scope="col" className={numeric(column)}>
                {column.header}
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
