// Bulk writes for the demo. A batch of thousands of rows travels as ONE JSON parameter (far below
// PostgreSQL's 65,535-parameter limit, and cheaper to build than one parameter per value), read as
// jsonb: parsed once, where a json row would be parsed again for every column taken from it. Every
// batch is its own short transaction, so PGlite's single connection is never held for long.
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';

/** "name type" pairs, e.g. "birth_date date"; written in this order, as row arrays. */
export type ColumnSpec = readonly string[];
/** Values the same for every row of the batch: column, type, value. */
export type Constant = readonly [column: string, type: string, value: string];

export type TableBatch = {
  /** Adds a row; when a batch is full it returns the promise to await before adding more. */
  add(row: readonly unknown[]): Promise<void> | undefined;
  /** Sends what is left; waits only until there is room for more statements. */
  close(): Promise<void>;
};

export type BatchWriter = {
  table(name: string, columns: ColumnSpec, constants?: readonly Constant[]): TableBatch;
  /** Waits for every statement in flight. */
  flush(): Promise<void>;
};

const identifier = /^[a-z_][a-z0-9_]*$/;
const type = /^[a-z]+( [a-z]+)*(\[\])?$/;

function parseColumn(spec: string): { name: string; type: string } {
  const [name = '', ...rest] = spec.split(' ');
  const columnType = rest.join(' ');
  // Column names and types are spliced into SQL: only the code's own constants, checked anyway.
  if (!identifier.test(name) || !type.test(columnType)) throw new Error(`Bad column spec ${spec}`);
  return { name, type: columnType };
}

export function batchWriter(
  database: Database,
  options: { batchSize?: number; parallel?: number } = {},
): BatchWriter {
  // PGlite has one connection: more statements in flight would only queue.
  const parallel = options.parallel ?? (database.kind === 'postgres' ? 3 : 1);
  const batchSize = options.batchSize ?? 5000;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  const send = (statement: ReturnType<typeof sql>) => {
    const running: Promise<void> = database.db
      .transaction(async (tx) => {
        // Demo rows can be made again: a batch need not wait for the disk (on PGlite that wait is half
        // the time). SET LOCAL ends with the batch; the last, ordinary commit of seedDemo makes all durable.
        await tx.execute(sql`set local synchronous_commit to off`);
        await tx.execute(statement);
      })
      .then(
        () => {
          inFlight.delete(running);
        },
        (error: unknown) => {
          inFlight.delete(running);
          failure ??= error;
        },
      );
    inFlight.add(running);
  };
  const waitForRoom = async () => {
    while (inFlight.size >= parallel) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const waitForAll = async () => {
    while (inFlight.size > 0) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  return {
    table(name, columnSpecs, constants = []) {
      if (!identifier.test(name)) throw new Error(`Bad table name ${name}`);
      const columns = columnSpecs.map(parseColumn);
      for (const [column, columnType] of constants) parseColumn(`${column} ${columnType}`);
      const targetList = [...columns.map((c) => c.name), ...constants.map(([column]) => column)].join(', ');
      const selectList = sql.join(
        [
          ...columns.map((c, index) => sql.raw(`(r->>${index})::${c.type}`)),
          ...constants.map(([, columnType, value]) => sql`${value}::${sql.raw(columnType)}`),
        ],
        sql`, `,
      );
      let rows: (readonly unknown[])[] = [];
      const sendRows = () => {
        if (rows.length === 0) return;
        const json = JSON.stringify(rows);
        rows = [];
        send(
          sql`insert into ${sql.raw(name)} (${sql.raw(targetList)}) select ${selectList} from jsonb_array_elements(${json}::jsonb) r`,
        );
      };
      return {
        add(row) {
          rows.push(row);
          if (rows.length < batchSize) return undefined;
          sendRows();
          return waitForRoom();
        },
        async close() {
          sendRows();
          await waitForRoom();
        },
      };
    },
    flush: waitForAll,
  };
}
