// Backup and restore of the whole database as one portable file (docs/SECURITY.md F3): gzip of JSON lines,
// every value as PostgreSQL text, so PGlite and PostgreSQL restore each other's backups exactly.
// Tables come from the database catalogue, not from a list; this module never migrates.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Database, type Queryable, queryRows } from './client.ts';

export const backupFormat = 'passend-backup';
export const backupFormatVersion = 1;

/** A failure the operator can act on; its message is one line, safe to print. */
export class BackupError extends Error {}

type Column = { name: string; type: string; collatable: boolean };

export type TableInfo = {
  name: string;
  /** Stored columns in table order (generated columns are left out: the database computes them). */
  columns: Column[];
  /** Names of the primary-key columns in key order; empty when the table has none. */
  key: string[];
  /** An identity column GENERATED ALWAYS needs OVERRIDING SYSTEM VALUE to take the old values. */
  hasIdentityAlways: boolean;
};

export type AppliedMigration = { hash: string; createdAt: string };

const HeaderSchema = z.object({
  format: z.literal(backupFormat),
  version: z.literal(backupFormatVersion),
  createdAt: z.string(),
  source: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.object({ hash: z.string(), createdAt: z.string() })),
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
      rows: z.number().int().min(0),
    }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable() })),
});
type Header = z.infer<typeof HeaderSchema>;

const SectionSchema = z.object({ table: z.string() });
const EndSchema = z.object({ end: z.literal(true), rows: z.number().int().min(0), sha256: z.string() });

type TextRow = (string | null)[];

export type Progress = { table: string; rows: number; totalRows: number };
export type BackupOptions = {
  now?: Date;
  onProgress?: (progress: Progress) => void;
  /** Stops between pages; nothing is written then (backup) or everything rolls back (restore). */
  signal?: AbortSignal;
  pageSize?: number;
};

const defaultPageSize = 1000;
const insertBatchRows = 500;
const insertBatchCharacters = 4_000_000;
/** A longer line means a damaged file (or a gzip bomb), not a row. */
const maxLineCharacters = 256 * 1024 * 1024;

// --- the catalogue ---------------------------------------------------------------------------

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The tables of the current schema (drizzle's own migrations table lives in another), parents first. */
export async function readTables(db: Queryable): Promise<TableInfo[]> {
  const columns = await queryRows<{
    table_name: string;
    column_name: string;
    column_type: string;
    collatable: boolean;
    identity_always: boolean;
    key_position: number | null;
  }>(
    db,
    sql`select c.relname as table_name, a.attname as column_name,
          format_type(a.atttypid, a.atttypmod) as column_type,
          a.attcollation <> 0 as collatable,
          a.attidentity = 'a' as identity_always,
          (select k.position from unnest(pk.conkey) with ordinality as k(attnum, position)
            where k.attnum = a.attnum)::int as key_position
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
          and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select distinct c.relname as child, p.relname as parent
        from pg_constraint f
        join pg_class c on c.oid = f.conrelid
        join pg_class p on p.oid = f.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_namespace pn on pn.oid = p.relnamespace
        where f.contype = 'f' and n.nspname = current_schema() and pn.nspname = current_schema()`,
  );
  const tables = new Map<string, TableInfo & { keyPositions: Map<string, number> }>();
  for (const row of columns) {
    let table = tables.get(row.table_name);
    if (!table) {
      table = {
        name: row.table_name,
        columns: [],
        key: [],
        hasIdentityAlways: false,
        keyPositions: new Map(),
      };
      tables.set(row.table_name, table);
    }
    table.columns.push({ name: row.column_name, type: row.column_type, collatable: row.collatable });
    if (row.identity_always) table.hasIdentityAlways = true;
    if (row.key_position !== null) table.keyPositions.set(row.column_name, row.key_position);
  }
  const ordered = orderByForeignKeys([...tables.keys()].sort(), edges);
  return ordered.map((name) => {
    const { keyPositions, ...table } = tables.get(name)!;
    const key = [...keyPositions].sort((a, b) => a[1] - b[1]).map(([column]) => column);
    return { ...table, key };
  });
}

/** Referenced tables before the tables that reference them, ties by name, so the order is stable. */
function orderByForeignKeys(names: string[], edges: { child: string; parent: string }[]): string[] {
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of edges) {
    if (child !== parent && parents.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const remaining = names.filter((name) => !placed.has(name));
    const ready = remaining.filter((name) => [...parents.get(name)!].every((parent) => placed.has(parent)));
    // A cycle of foreign keys has no first table: take one by name and let the database judge.
    for (const name of ready.length > 0 ? ready : remaining.slice(0, 1)) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

/** The migrations drizzle recorded as applied, oldest first; empty when none ran. */
export async function appliedMigrations(db: Queryable): Promise<AppliedMigration[]> {
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!table?.present) return [];
  return queryRows<AppliedMigration>(
    db,
    sql`select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by id`,
  );
}

async function readSequences(db: Queryable): Promise<Header['sequences']> {
  return queryRows<{ name: string; lastValue: string | null }>(
    db,
    sql`select sequencename as name, last_value::text as "lastValue" from pg_sequences
        where schemaname = current_schema() order by sequencename`,
  );
}

/**
 * Fixes every setting that changes how values are written as text, so the same data gives the
 * same text on PGlite and PostgreSQL (time zone, date and interval style, float digits, bytea).
 */
async function useCanonicalText(tx: Queryable): Promise<void> {
  for (const setting of [
    `set local timezone = 'UTC'`,
    `set local datestyle = 'ISO, YMD'`,
    `set local intervalstyle = 'postgres'`,
    `set local extra_float_digits = 1`,
    `set local bytea_output = 'hex'`,
  ]) {
    await tx.execute(sql.raw(setting));
  }
}

// --- reading rows ----------------------------------------------------------------------------

/**
 * Pages through a table in primary-key order, each value as text. `canonical` sorts text keys
 * byte-wise (collation "C"), so two databases with other collations list rows alike; otherwise the
 * primary-key index order is used, which the database can follow without sorting.
 */
async function* readPages(
  db: Queryable,
  table: TableInfo,
  options: { canonical: boolean; pageSize: number; signal?: AbortSignal },
): AsyncGenerator<TextRow[]> {
  const columnIndex = new Map(table.columns.map((column, index) => [column.name, index]));
  const selectList = table.columns
    .map((column, index) => `${quoteIdentifier(column.name)}::text as c${index}`)
    .join(', ');
  const from = `select ${selectList} from ${quoteIdentifier(table.name)}`;
  const toRow = (row: Record<string, string | null>): TextRow =>
    table.columns.map((_, index) => row[`c${index}`] ?? null);
  const byteWise = (column: Column) => (options.canonical && column.collatable ? ' collate "C"' : '');

  if (table.key.length === 0) {
    // No primary key: order by the whole row's text and page by offset (one snapshot, so stable).
    const orderBy = table.columns
      .map((column) => `${quoteIdentifier(column.name)}::text collate "C"`)
      .join(', ');
    for (let offset = 0; ; offset += options.pageSize) {
      if (options.signal?.aborted) throw new BackupError('Interrupted');
      const rows = await queryRows<Record<string, string | null>>(
        db,
        sql.raw(`${from} order by ${orderBy} limit ${options.pageSize} offset ${offset}`),
      );
      if (rows.length === 0) return;
      yield rows.map(toRow);
      if (rows.length < options.pageSize) return;
    }
  }

  const keyColumns = table.key.map((name) => table.columns[columnIndex.get(name)!]!);
  const keyList = keyColumns.map((column) => `${quoteIdentifier(column.name)}${byteWise(column)}`).join(', ');
  let last: TextRow | null = null;
  for (;;) {
    if (options.signal?.aborted) throw new BackupError('Interrupted');
    const chunks: SQL[] = [sql.raw(from)];
    if (last !== null) {
      const lastKey = last;
      const bounds = keyColumns.map(
        (column) =>
          sql`cast(${lastKey[columnIndex.get(column.name)!]} as ${sql.raw(column.type)})${sql.raw(byteWise(column))}`,
      );
      chunks.push(sql` where (${sql.raw(keyList)}) > (${sql.join(bounds, sql`, `)})`);
    }
    chunks.push(sql.raw(` order by ${keyList} limit ${options.pageSize}`));
    const rows = (await queryRows<Record<string, string | null>>(db, sql.join(chunks))).map(toRow);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < options.pageSize) return;
    last = rows[rows.length - 1]!;
  }
}

async function countRows(db: Queryable, table: TableInfo): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql.raw(`select count(*)::text as n from ${quoteIdentifier(table.name)}`),
  );
  return Number(row!.n);
}

export type TableChecksum = { rows: number; sha256: string };

/**
 * Per table, in foreign-key order: the row count and a SHA-256 over the rows' canonical text in
 * primary-key order. Equal checksums on two databases mean equal data, whatever the database mode.
 */
export async function tableChecksums(
  database: Database,
  options: { pageSize?: number } = {},
): Promise<Record<string, TableChecksum>> {
  const pageSize = options.pageSize ?? defaultPageSize;
  return database.db.transaction(
    async (tx) => {
      await useCanonicalText(tx);
      const result: Record<string, TableChecksum> = {};
      for (const table of await readTables(tx)) {
        const hash = createHash('sha256');
        let rows = 0;
        for await (const page of readPages(tx, table, { canonical: true, pageSize })) {
          for (const row of page) hash.update(`${JSON.stringify(row)}\n`);
          rows += page.length;
        }
        result[table.name] = { rows, sha256: hash.digest('hex') };
      }
      return result;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

// --- backup ----------------------------------------------------------------------------------

/** A backup never overwrites a file: an older backup may be the one that is needed. */
export function assertNewBackupFile(file: string): void {
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose a new file name`);
}

export function assertBackupFileExists(file: string): void {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
}

/**
 * Writes the whole database to `file` from one consistent snapshot. The file appears only when it
 * is complete (written under a temporary name first); an existing file is never overwritten.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  options: BackupOptions = {},
): Promise<{ tables: number; rows: number }> {
  assertNewBackupFile(file);
  const target = path.resolve(file);
  const partial = `${target}.${process.pid}.partial`;
  const pageSize = options.pageSize ?? defaultPageSize;
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        await useCanonicalText(tx);
        const migrations = await appliedMigrations(tx);
        if (migrations.length === 0)
          throw new BackupError('The database is not migrated: nothing to back up');
        const tables = await readTables(tx);
        const counts: number[] = [];
        for (const table of tables) counts.push(await countRows(tx, table));
        const totalRows = counts.reduce((sum, count) => sum + count, 0);
        const header: Header = {
          format: backupFormat,
          version: backupFormatVersion,
          createdAt: (options.now ?? new Date()).toISOString(),
          source: database.kind,
          migrations,
          tables: tables.map((table, index) => ({
            name: table.name,
            columns: table.columns.map(({ name, type }) => ({ name, type })),
            rows: counts[index]!,
          })),
          sequences: await readSequences(tx),
        };
        let written = 0;
        async function* lines(): AsyncGenerator<string> {
          const hash = createHash('sha256');
          const emit = (text: string) => {
            hash.update(text);
            return text;
          };
          yield emit(`${JSON.stringify(header)}\n`);
          for (const table of tables) {
            yield emit(`${JSON.stringify({ table: table.name })}\n`);
            for await (const page of readPages(tx, table, {
              canonical: false,
              pageSize,
              signal: options.signal,
            })) {
              yield emit(page.map((row) => `${JSON.stringify(row)}\n`).join(''));
              written += page.length;
              options.onProgress?.({ table: table.name, rows: written, totalRows });
            }
          }
          yield `${JSON.stringify({ end: true, rows: written, sha256: hash.digest('hex') })}\n`;
        }
        await pipeline(
          Readable.from(lines()),
          createGzip(),
          createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
        );
        return { tables: tables.length, rows: written };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    renameSync(partial, target);
    return summary;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

// --- restore ---------------------------------------------------------------------------------

/** The file's lines, decompressed as they are read; gzip damage becomes one clear error. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      rest += chunk;
      let start = 0;
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
      if (rest.length > maxLineCharacters)
        throw new BackupError('The backup file is damaged: a line is too long');
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackupError(`The backup file is damaged or incomplete (${reason})`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (rest.length > 0) yield rest;
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`The backup file is damaged: line ${lineNumber} is not valid JSON`);
  }
}

function isTextRow(value: unknown, columns: number): value is TextRow {
  return (
    Array.isArray(value) &&
    value.length === columns &&
    value.every((cell) => cell === null || typeof cell === 'string')
  );
}

async function assertRestorable(db: Queryable, header: Header, tables: TableInfo[]): Promise<void> {
  const migrations = await appliedMigrations(db);
  if (migrations.length === 0) {
    throw new BackupError('The database is not migrated: run `passend migrate` first, then restore');
  }
  const sameMigrations =
    migrations.length === header.migrations.length &&
    migrations.every((migration, index) => migration.hash === header.migrations[index]!.hash);
  if (!sameMigrations) {
    throw new BackupError(
      `The backup has ${header.migrations.length} migrations and this database ${migrations.length}, ` +
        'or they differ: restore with the Passend version that made the backup',
    );
  }
  const describe = (list: { name: string; columns: { name: string; type: string }[] }[]) =>
    JSON.stringify(
      list
        .map((table) => [table.name, table.columns.map((column) => `${column.name} ${column.type}`)] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  if (describe(tables) !== describe(header.tables)) {
    throw new BackupError(
      "The backup's tables or columns differ from this database's: the schemas do not match",
    );
  }
  const sequences = new Set((await readSequences(db)).map((sequence) => sequence.name));
  const missing = header.sequences.find((sequence) => !sequences.has(sequence.name));
  if (missing) throw new BackupError(`The backup's sequence ${missing.name} does not exist in this database`);
}

async function assertEmpty(db: Queryable, tables: TableInfo[]): Promise<void> {
  if (tables.length === 0) return;
  const probes = tables.map(
    (table) =>
      `select ${`'${table.name.replaceAll("'", "''")}'`} as name where exists (select 1 from ${quoteIdentifier(table.name)})`,
  );
  const filled = await queryRows<{ name: string }>(db, sql.raw(probes.join(' union all ')));
  if (filled.length > 0) {
    throw new BackupError(
      `The database is not empty (table ${filled[0]!.name} has rows): restore only into a new, migrated database`,
    );
  }
}

async function insertRows(db: Queryable, table: TableInfo, rows: TextRow[]): Promise<void> {
  const columnList = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  // Each value goes back through the column type's own text input: the exact inverse of ::text.
  const values = table.columns
    .map((column, index) => `cast(r.value ->> ${index} as ${column.type})`)
    .join(', ');
  const overriding = table.hasIdentityAlways ? ' overriding system value' : '';
  await db.execute(
    sql`${sql.raw(`insert into ${quoteIdentifier(table.name)} (${columnList})${overriding} select ${values}`)}
        from json_array_elements(${JSON.stringify(rows)}::json) with ordinality as r(value, position)
        order by r.position`,
  );
}

/**
 * Restores a backup into an empty, migrated database with the same migrations, in one
 * transaction: a damaged, incomplete or mismatched file changes nothing. Access-log rows are
 * inserted as they were (the append-only triggers allow inserts), so the chains still verify.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  options: BackupOptions = {},
): Promise<{ tables: number; rows: number }> {
  assertBackupFileExists(file);
  const lines = readLines(file)[Symbol.asyncIterator]();
  let lineNumber = 0;
  const nextLine = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new BackupError('The backup file is incomplete: it ends before its end marker');
    lineNumber += 1;
    return value;
  };
  try {
    const headerLine = await nextLine();
    const parsedHeader = HeaderSchema.safeParse(parseLine(headerLine, 1));
    if (!parsedHeader.success) {
      throw new BackupError(`This is not a Passend backup of format version ${backupFormatVersion}`);
    }
    const header = parsedHeader.data;
    const hash = createHash('sha256').update(`${headerLine}\n`);
    return await database.db.transaction(async (tx) => {
      await useCanonicalText(tx);
      const tables = await readTables(tx);
      await assertRestorable(tx, header, tables);
      if (tables.length > 0) {
        // No other session may write between the emptiness check and the commit.
        const names = tables.map((table) => quoteIdentifier(table.name)).join(', ');
        await tx.execute(sql.raw(`lock table ${names} in exclusive mode`));
      }
      await assertEmpty(tx, tables);
      const byName = new Map(tables.map((table) => [table.name, table]));
      const totalRows = header.tables.reduce((sum, table) => sum + table.rows, 0);
      let restored = 0;
      let sectionIndex = -1;
      let current: { table: TableInfo; expected: number; rows: number } | null = null;
      let batch: TextRow[] = [];
      let batchCharacters = 0;

      const flush = async () => {
        if (!current || batch.length === 0) return;
        if (options.signal?.aborted) throw new BackupError('Interrupted');
        await insertRows(tx, current.table, batch);
        restored += batch.length;
        batch = [];
        batchCharacters = 0;
        options.onProgress?.({ table: current.table.name, rows: restored, totalRows });
      };
      const closeSection = async () => {
        await flush();
        if (current && current.rows !== current.expected) {
          throw new BackupError(
            `The backup file is damaged: table ${current.table.name} has ${current.rows} rows, its header says ${current.expected}`,
          );
        }
      };

      for (;;) {
        const line = await nextLine();
        const value = parseLine(line, lineNumber);
        if (Array.isArray(value)) {
          if (!current || !isTextRow(value, current.table.columns.length)) {
            throw new BackupError(`The backup file is damaged: line ${lineNumber} is not a row of its table`);
          }
          hash.update(`${line}\n`);
          batch.push(value);
          batchCharacters += line.length;
          current.rows += 1;
          if (batch.length >= insertBatchRows || batchCharacters >= insertBatchCharacters) await flush();
          continue;
        }
        const section = SectionSchema.safeParse(value);
        if (section.success) {
          await closeSection();
          sectionIndex += 1;
          const expected = header.tables[sectionIndex];
          if (!expected || expected.name !== section.data.table) {
            throw new BackupError(`The backup file is damaged: table ${section.data.table} is out of place`);
          }
          hash.update(`${line}\n`);
          current = { table: byName.get(expected.name)!, expected: expected.rows, rows: 0 };
          continue;
        }
        const end = EndSchema.safeParse(value);
        if (!end.success)
          throw new BackupError(`The backup file is damaged: line ${lineNumber} is not understood`);
        await closeSection();
        if (sectionIndex !== header.tables.length - 1 || end.data.rows !== restored) {
          throw new BackupError('The backup file is damaged: tables or rows are missing');
        }
        if (end.data.sha256 !== hash.digest('hex')) {
          throw new BackupError('The backup file is damaged: its checksum does not match its contents');
        }
        break;
      }
      if (!(await lines.next()).done)
        throw new BackupError('The backup file is damaged: lines follow its end marker');
      for (const sequence of header.sequences) {
        if (sequence.lastValue === null) continue;
        await tx.execute(
          sql`select setval(quote_ident(${sequence.name})::regclass, ${sequence.lastValue}::bigint, true)`,
        );
      }
      return { tables: tables.length, rows: restored };
    });
  } finally {
    await lines.return?.(undefined);
  }
}
