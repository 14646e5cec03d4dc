// An SWV that leaves (docs/SECURITY.md E3, docs/decisions/0046-an-swv-leaves.md): everything of
// one SWV written to a folder in an open format (one JSON Lines file per table, its documents
// decrypted, its access log with the signed checkpoints, a manifest with counts and SHA-256), and
// then, only against that export and only while it is still exactly the data, every row of the SWV
// deleted in one transaction, verified. Tables come from the database catalogue, as in backup.ts:
// a table that belongs to no SWV and is not named global below stops both, so none is forgotten.
import { createHash, type KeyObject, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAccessLog, verifyAccessLog } from '../access/accessLog.ts';
import { checkpointFile } from '../access/checkpoints.ts';
import type { KeyRing } from '../modules/documents/encryption.ts';
import { DocumentUnreadable, documentOpener } from '../modules/documents/encryption.ts';
import { version as passendVersion } from '../version.ts';
import { appliedMigrations, readTables, type TableInfo } from './backup.ts';
import { type Database, type Queryable, queryRows } from './client.ts';

export const swvExportFormat = 'passend-swv-export';
export const swvExportFormatVersion = 1;
export const manifestFileName = 'manifest.json';
export const receiptFileName = 'deletion-receipt.json';

/** A failure the operator can act on; one line, no personal data. */
export class LeavingError extends Error {}

/**
 * Tables that belong to no SWV, with why. Everything else must carry `swv_id`, be the `swv` row
 * itself, or hang off one of the SWV's accounts by `user_id`.
 */
export const globalTables: Readonly<Record<string, string>> = {
  throttle:
    'sign-in throttling by a hash of an e-mail or IP address, shared by all SWVs; its windows end within hours',
};

/**
 * Credentials are not handed over: another system cannot use them, and a password hash would only
 * be something to crack. The rows go out without these columns; the manifest names them.
 */
export const withheldColumns: Readonly<Record<string, readonly string[]>> = {
  app_user: ['password_hash', 'totp_secret'],
  recovery_code: ['code_hash'],
  account_activation: ['token_hash'],
  session: ['token_hash', 'csrf_token'],
  swv_oidc: ['client_secret'],
  swv_oidc_change: ['client_secret'],
  oidc_login: ['nonce', 'code_verifier', 'state'],
};

/**
 * Rows a running server changes without anyone using the SWV's data: sessions expire, single
 * sign-on round trips are cleaned up. They are exported, but a change since the export does not
 * make it stale.
 */
const volatileTables = new Set(['session', 'oidc_login']);

/** The access log and its chain head are removed last: that step needs the table owner. */
const appendOnlyTables: Readonly<Record<string, string>> = {
  access_log: 'access_log_no_update_delete',
  access_log_head: 'access_log_head_forward',
};

export type Scope = 'swv' | 'swv_id' | 'user';
export type TenantTable = TableInfo & { scope: Scope };

/** Every table of the schema with how its rows belong to an SWV; throws on a table that does not say. */
export function tenantTables(tables: TableInfo[]): TenantTable[] {
  const result: TenantTable[] = [];
  for (const table of tables) {
    const has = (name: string) => table.columns.some((column) => column.name === name);
    if (table.name === 'swv') result.push({ ...table, scope: 'swv' });
    else if (has('swv_id')) result.push({ ...table, scope: 'swv_id' });
    else if (has('user_id')) result.push({ ...table, scope: 'user' });
    else if (!(table.name in globalTables)) {
      throw new LeavingError(
        `Table ${table.name} has no swv_id and is not listed as global in src/server/db/swvLeaving.ts: say whose rows it holds`,
      );
    }
  }
  return result;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The rows of `table` that are the SWV's. */
function scopeCondition(table: TenantTable, swvId: string): SQL {
  switch (table.scope) {
    case 'swv':
      return sql`t.id = ${swvId}`;
    case 'swv_id':
      return sql`t.swv_id = ${swvId}`;
    case 'user':
      return sql`t.user_id in (select id from app_user where swv_id = ${swvId})`;
  }
}

const fromTable = (table: TableInfo) => sql.raw(`${quoteIdentifier(table.name)} t`);

async function countScoped(
  db: Queryable,
  table: TenantTable,
  swvId: string,
  which: 'theirs' | 'others',
): Promise<number> {
  const condition = scopeCondition(table, swvId);
  const where = which === 'theirs' ? condition : sql`not coalesce((${condition}), false)`;
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`select count(*)::text as n from ${fromTable(table)} where ${where}`,
  );
  return Number(row!.n);
}

/** As PostgreSQL writes values into JSON: times in UTC, so an export reads alike wherever it ran. */
async function useUtc(tx: Queryable): Promise<void> {
  await tx.execute(sql.raw(`set local timezone = 'UTC'`));
}

/**
 * The SWV's rows of a table, each as one JSON object (column → value, `to_jsonb`), in primary-key
 * order, a page at a time. Withheld columns are left out; the document chunks' ciphertext too (the
 * documents go out decrypted).
 */
async function* tableLines(
  db: Queryable,
  table: TenantTable,
  swvId: string,
  pageSize = 1000,
): AsyncGenerator<string[]> {
  const dropped = [
    ...(withheldColumns[table.name] ?? []),
    ...(table.name === 'document_chunk' ? ['bytes'] : []),
  ];
  const json = `to_jsonb(t)${dropped.map((column) => ` - '${column.replaceAll("'", "''")}'`).join('')}`;
  const condition = scopeCondition(table, swvId);
  if (table.key.length === 0) {
    // No primary key (oso_attachment): the whole row's text orders it; such a table is small per SWV.
    const rows = await queryRows<{ line: string }>(
      db,
      sql`select (${sql.raw(json)})::text as line from ${fromTable(table)} where ${condition} order by (${sql.raw(json)})::text collate "C"`,
    );
    if (rows.length > 0) yield rows.map((row) => row.line);
    return;
  }
  const keyColumns = table.key.map((name) => table.columns.find((column) => column.name === name)!);
  const keyList = keyColumns.map((column) => `t.${quoteIdentifier(column.name)}`).join(', ');
  const keyText = keyColumns.map((column, index) => `t.${quoteIdentifier(column.name)}::text as k${index}`);
  let last: (string | null)[] | null = null;
  for (;;) {
    const chunks: SQL[] = [
      sql`select (${sql.raw(json)})::text as line, ${sql.raw(keyText.join(', '))} from ${fromTable(table)} where ${condition}`,
    ];
    if (last !== null) {
      const bounds = keyColumns.map((column, index) => sql`cast(${last![index]} as ${sql.raw(column.type)})`);
      chunks.push(sql` and (${sql.raw(keyList)}) > (${sql.join(bounds, sql`, `)})`);
    }
    chunks.push(sql.raw(` order by ${keyList} limit ${pageSize}`));
    const rows = await queryRows<Record<string, string | null>>(db, sql.join(chunks));
    if (rows.length === 0) return;
    yield rows.map((row) => row.line!);
    if (rows.length < pageSize) return;
    const lastRow = rows[rows.length - 1]!;
    last = keyColumns.map((_, index) => lastRow[`k${index}`] ?? null);
  }
}

// --- the manifest ------------------------------------------------------------------------------

const FileEntry = z.object({ path: z.string(), bytes: z.number().int().min(0), sha256: z.string() });

const ManifestSchema = z.object({
  format: z.literal(swvExportFormat),
  version: z.literal(swvExportFormatVersion),
  createdAt: z.string(),
  passendVersion: z.string(),
  database: z.object({ kind: z.string(), migrations: z.number().int(), lastMigration: z.string() }),
  swv: z.object({ id: z.string(), registerCode: z.string(), name: z.string() }),
  tables: z.array(
    z.object({
      name: z.string(),
      scope: z.enum(['swv', 'swv_id', 'user']),
      rows: z.number().int().min(0),
      file: z.string(),
      sha256: z.string(),
      withheldColumns: z.array(z.string()),
    }),
  ),
  globalTables: z.record(z.string(), z.string()),
  documents: z.array(
    z.object({
      id: z.string(),
      file: z.string().nullable(),
      bytes: z.number().int(),
      sha256: z.string(),
      unreadable: z.enum(['damaged', 'key_missing']).nullable(),
    }),
  ),
  accessLog: z.object({
    rows: z.number().int(),
    chainHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    checkpointFile: z.string().nullable(),
    checkpointSha256: z.string().nullable(),
    verified: z.literal(true),
  }),
  files: z.array(FileEntry),
});
export type SwvExportManifest = z.infer<typeof ManifestSchema>;

// --- finding the SWV ---------------------------------------------------------------------------

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SwvRef = { id: string; registerCode: string; name: string };

/** By id or register code (case and surrounding spaces do not matter); unknown → LeavingError. */
export async function findSwv(db: Queryable, given: string): Promise<SwvRef> {
  const wanted = given.trim();
  const rows = uuidPattern.test(wanted)
    ? await queryRows<SwvRef>(
        db,
        sql`select id, register_code as "registerCode", name from swv where id = ${wanted.toLowerCase()}`,
      )
    : await queryRows<SwvRef>(
        db,
        sql`select id, register_code as "registerCode", name from swv where upper(register_code) = ${wanted.toUpperCase()}`,
      );
  if (rows.length !== 1) throw new LeavingError(`No SWV has id or register code ${JSON.stringify(wanted)}`);
  return rows[0]!;
}

// --- writing files -----------------------------------------------------------------------------

/** A new file (never an existing one), owner-only, hashed as it is written, flushed to disk at the end. */
function newFile(file: string) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const descriptor = openSync(file, 'wx', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    write(chunk: string | Buffer): void {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(buffer);
      bytes += buffer.length;
      writeSync(descriptor, buffer);
    },
    close(): { bytes: number; sha256: string } {
      try {
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      return { bytes, sha256: hash.digest('hex') };
    },
    abandon(): void {
      closeSync(descriptor);
    },
  };
}

function writeFileSynced(file: string, chunks: Iterable<string | Buffer>): { bytes: number; sha256: string } {
  const out = newFile(file);
  try {
    for (const chunk of chunks) out.write(chunk);
  } catch (error) {
    out.abandon();
    throw error;
  }
  return out.close();
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A stored file name as one path part: no separators, no dot names, never empty. */
function filePart(name: string): string {
  const cleaned = name.replace(/[\\/\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 200) || 'document';
}

/** The export goes into a new or empty folder only: an older export may be the one that counts. */
export function assertNewExportFolder(folder: string): void {
  if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
    throw new LeavingError(`${folder} exists and is not an empty folder; choose a new one`);
  }
}

// --- export ------------------------------------------------------------------------------------

export type ExportOptions = {
  keys: KeyRing;
  /** The checkpoint folder and the public keys to verify the SWV's chain with. */
  checkpoints: { folder: string; publicKeys: ReadonlyMap<string, KeyObject> };
  /** Seals the access log's unsealed rows and publishes their checkpoints (the server's sealer, once). */
  seal: () => Promise<void>;
  /** Public key lines (keyId:base64), copied into the export so the SWV can check the checkpoints. */
  publicKeyText: string;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

export type ExportSummary = {
  swv: SwvRef;
  tables: number;
  rows: number;
  documents: number;
  unreadableDocuments: number;
  accessLogRows: number;
};

/**
 * Writes everything of the SWV into `folder`. First the export itself is logged in the SWV's
 * access log (the operator's export, NEN 7513), the log is sealed and the SWV's chain verified
 * against its signed checkpoints; a broken chain stops the export. Then one consistent snapshot is
 * written. The manifest is written last: a folder without it is not an export.
 */
export async function exportSwv(
  database: Database,
  given: string,
  folder: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  assertNewExportFolder(folder);
  const now = options.now ?? new Date();
  const target = path.resolve(folder);
  const swv = await findSwv(database.db, given);
  const tables = tenantTables(await readTables(database.db));

  await database.db.transaction((tx) =>
    appendAccessLog(
      tx,
      { actorUserId: null, requestId: `cli-swv-export-${randomUUID()}`, clientAddress: 'command line', now },
      {
        swvId: swv.id,
        studentId: null,
        objectType: 'swv',
        objectId: swv.id,
        action: 'export',
        outcome: 'allowed',
        purpose: 'swv_leaving_export',
        actorRole: 'operator',
        actorOrganisation: 'operator',
      },
    ),
  );
  await options.seal();
  const [unsealed] = await queryRows<{ n: string }>(
    database.db,
    sql`select count(*)::text as n from access_log where swv_id = ${swv.id} and seq is null`,
  );
  if (Number(unsealed!.n) > 0) {
    throw new LeavingError(
      `${unsealed!.n} access-log rows of the SWV are not sealed yet; run the export again in a few seconds`,
    );
  }
  const verification = await verifyAccessLog(database.db, {
    checkpoints: { folder: options.checkpoints.folder, publicKeys: options.checkpoints.publicKeys },
  });
  const problem = verification.problems.find((found) => found.swvId === swv.id);
  if (problem) {
    throw new LeavingError(
      `The SWV's access log is broken at row ${problem.seq} (${problem.problem}); investigate with passend audit verify before it leaves`,
    );
  }

  const created = !existsSync(target);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const files: z.infer<typeof FileEntry>[] = [];
  const write = (relative: string, chunks: Iterable<string | Buffer>) => {
    const written = writeFileSynced(path.join(target, relative), chunks);
    files.push({ path: relative, ...written });
    return written;
  };

  try {
    return await writeExport();
  } catch (error) {
    // A half-written export holds decrypted documents and is no export: nothing of it stays.
    for (const entry of readdirSync(target))
      rmSync(path.join(target, entry), { recursive: true, force: true });
    if (created) rmSync(target, { recursive: true, force: true });
    throw error;
  }

  function writeExport(): Promise<ExportSummary> {
    return database.db.transaction(
      async (tx) => {
        await useUtc(tx);
        const migrations = await appliedMigrations(tx);
        const counts = new Map<string, number>();
        for (const table of tables) counts.set(table.name, await countScoped(tx, table, swv.id, 'theirs'));
        const totalRows = [...counts.values()].reduce((sum, count) => sum + count, 0);
        let done = 0;
        const manifestTables: SwvExportManifest['tables'] = [];
        for (const table of tables) {
          // A page at a time: an SWV's access log can be millions of rows.
          const file = `tables/${table.name}.jsonl`;
          const out = newFile(path.join(target, file));
          let rows = 0;
          try {
            for await (const page of tableLines(tx, table, swv.id)) {
              out.write(page.map((line) => `${line}\n`).join(''));
              rows += page.length;
              done += page.length;
              options.onProgress?.(done, totalRows);
            }
          } catch (error) {
            out.abandon();
            throw error;
          }
          const written = out.close();
          files.push({ path: file, ...written });
          manifestTables.push({
            name: table.name,
            scope: table.scope,
            rows,
            file,
            sha256: written.sha256,
            withheldColumns: [
              ...(withheldColumns[table.name] ?? []),
              ...(table.name === 'document_chunk' ? ['bytes'] : []),
            ],
          });
        }

        // The documents, decrypted, one chunk at a time as the download does.
        const documents: SwvExportManifest['documents'] = [];
        const documentRows = await queryRows<{
          id: string;
          file_name: string;
          size_bytes: number;
          sha256: string;
          key_id: string;
          iv: Buffer;
          auth_tag: Buffer;
          content_version: number;
        }>(
          tx,
          sql`select id, file_name, size_bytes, sha256, key_id, iv, auth_tag, content_version
            from document where swv_id = ${swv.id} and state = 'stored' order by id`,
        );
        for (const row of documentRows) {
          const ids = { swvId: swv.id, documentId: row.id };
          try {
            const opener = documentOpener(
              options.keys,
              ids,
              {
                keyId: row.key_id,
                iv: Buffer.from(row.iv),
                authTag: Buffer.from(row.auth_tag),
                sha256: row.sha256,
              },
              Number(row.size_bytes),
            );
            const chunks = await queryRows<{ bytes: Buffer }>(
              tx,
              sql`select bytes from document_chunk where swv_id = ${swv.id} and document_id = ${row.id}
                and content_version = ${row.content_version} order by seq`,
            );
            for (const chunk of chunks) opener.update(Buffer.from(chunk.bytes));
            const plaintext = opener.finish();
            const file = `documents/${row.id}/${filePart(row.file_name)}`;
            write(file, [plaintext]);
            documents.push({
              id: row.id,
              file,
              bytes: plaintext.length,
              sha256: row.sha256,
              unreadable: null,
            });
          } catch (error) {
            if (!(error instanceof DocumentUnreadable)) throw error;
            if (error.problem === 'key_missing') {
              throw new LeavingError(
                'A document is encrypted with a key that is not configured: add it to PASSEND_DOCUMENT_KEYS and export again',
              );
            }
            documents.push({
              id: row.id,
              file: null,
              bytes: Number(row.size_bytes),
              sha256: row.sha256,
              unreadable: 'damaged',
            });
          }
        }

        // The access log's evidence beside its rows: the signed checkpoints and the keys to check them.
        const [head] = await queryRows<{ seq: string; hash: string }>(
          tx,
          sql`select seq::text as seq, hash from access_log_head where swv_id = ${swv.id}`,
        );
        const checkpoints = checkpointFile(options.checkpoints.folder, swv.id);
        let checkpointEntry: { file: string; sha256: string } | null = null;
        if (existsSync(checkpoints)) {
          // Named as in the checkpoint folder, so `passend audit verify --checkpoints` reads it as is.
          const file = `access-log/${swv.id}.checkpoints`;
          const written = write(file, [readFileSync(checkpoints)]);
          checkpointEntry = { file, sha256: written.sha256 };
        }
        write('access-log/public-keys.txt', [`${options.publicKeyText}\n`]);

        const manifest: SwvExportManifest = {
          format: swvExportFormat,
          version: swvExportFormatVersion,
          createdAt: now.toISOString(),
          passendVersion,
          database: {
            kind: database.kind,
            migrations: migrations.length,
            lastMigration: migrations.at(-1)?.hash ?? '',
          },
          swv,
          tables: manifestTables,
          globalTables: { ...globalTables },
          documents,
          accessLog: {
            rows: counts.get('access_log') ?? 0,
            chainHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
            checkpointFile: checkpointEntry?.file ?? null,
            checkpointSha256: checkpointEntry?.sha256 ?? null,
            verified: true,
          },
          files,
        };
        writeFileSynced(path.join(target, manifestFileName), [`${JSON.stringify(manifest, null, 2)}\n`]);
        return {
          swv,
          tables: tables.length,
          rows: totalRows,
          documents: documents.filter((entry) => entry.unreadable === null).length,
          unreadableDocuments: documents.filter((entry) => entry.unreadable !== null).length,
          accessLogRows: counts.get('access_log') ?? 0,
        };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }
}

// --- delete ------------------------------------------------------------------------------------

/** Reads and checks an export folder: its manifest, and every file it lists by size and hash. */
export function readExport(folder: string): SwvExportManifest {
  const file = path.join(path.resolve(folder), manifestFileName);
  if (!existsSync(file)) throw new LeavingError(`${folder} holds no ${manifestFileName}: not an export`);
  let manifest: SwvExportManifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new LeavingError(`${manifestFileName} in ${folder} is not an export manifest of this version`);
  }
  for (const entry of manifest.files) {
    const full = path.join(path.resolve(folder), entry.path);
    if (!full.startsWith(path.resolve(folder) + path.sep) || !existsSync(full)) {
      throw new LeavingError(`The export is incomplete: ${entry.path} is missing`);
    }
    if (statSync(full).size !== entry.bytes || sha256OfFile(full) !== entry.sha256) {
      throw new LeavingError(`The export is damaged: ${entry.path} differs from the manifest`);
    }
  }
  return manifest;
}

export type TableDeletion = {
  name: string;
  deleted: number;
  left: number;
  othersBefore: number;
  othersAfter: number;
};

export type DeletionReceipt = {
  format: 'passend-swv-deletion';
  version: 1;
  deletedAt: string;
  swv: SwvRef;
  exportManifestSha256: string;
  tables: TableDeletion[];
  rowsDeleted: number;
  /** Every table counted again after the commit: the SWV's rows left (all zero) . */
  rowsLeft: number;
  otherSwvsUnchanged: boolean;
  checkpointFile: 'removed' | 'none' | 'could_not_remove';
  /** `passend audit verify` over the remaining SWVs, against the signed checkpoints. */
  otherChainsIntact: boolean;
  otherChainProblems: number;
};

export type DeleteOptions = {
  checkpoints: ExportOptions['checkpoints'];
  now?: Date;
};

/**
 * Deletes every row of the SWV in one transaction, children before parents, the append-only
 * access log and its head last (their triggers are switched off for this transaction only, which
 * needs the table owner). Refuses unless `exportFolder` holds an intact export of the SWV that is
 * still exactly its data. Verifies after: zero rows of the SWV in every table, the other SWVs' rows
 * untouched by the deletion, and their access-log chains intact against the signed checkpoints.
 */
export async function deleteSwv(
  ownerDatabase: Database,
  swvId: string,
  confirmCode: string,
  exportFolder: string,
  options: DeleteOptions,
): Promise<DeletionReceipt> {
  if (!uuidPattern.test(swvId.trim()))
    throw new LeavingError('--swv takes the SWV’s id (a UUID), as in the export');
  const swv = await findSwv(ownerDatabase.db, swvId);
  if (confirmCode.trim().toUpperCase() !== swv.registerCode.toUpperCase()) {
    throw new LeavingError(`--confirm must be the SWV's register code; nothing was deleted`);
  }
  const manifest = readExport(exportFolder);
  if (manifest.swv.id !== swv.id) {
    throw new LeavingError('The export in that folder is of another SWV; nothing was deleted');
  }
  const manifestSha256 = sha256OfFile(path.join(path.resolve(exportFolder), manifestFileName));
  const checkpoints = checkpointFile(options.checkpoints.folder, swv.id);
  const currentCheckpointSha = existsSync(checkpoints) ? sha256OfFile(checkpoints) : null;
  if (currentCheckpointSha !== manifest.accessLog.checkpointSha256) {
    throw new LeavingError(
      'The SWV’s signed checkpoints changed since the export (its access log grew): export again; nothing was deleted',
    );
  }
  const tables = tenantTables(await readTables(ownerDatabase.db));
  const exported = new Map(manifest.tables.map((table) => [table.name, table]));

  const deletions = await ownerDatabase.db.transaction(
    async (tx) => {
      await useUtc(tx);
      await tx.execute(sql`select id from swv where id = ${swv.id} for update`);
      // The export must be the data as it is now, table by table, byte for byte.
      for (const table of tables) {
        const entry = exported.get(table.name);
        if (!entry) {
          throw new LeavingError(`The export has no ${table.name}: it is of an older version; export again`);
        }
        if (volatileTables.has(table.name)) continue;
        const hash = createHash('sha256');
        for await (const page of tableLines(tx, table, swv.id)) {
          for (const line of page) hash.update(`${line}\n`);
        }
        if (hash.digest('hex') !== entry.sha256) {
          throw new LeavingError(
            `The SWV's ${table.name} changed since the export: export again; nothing was deleted`,
          );
        }
      }
      const result: TableDeletion[] = [];
      const othersBefore = new Map<string, number>();
      for (const table of tables)
        othersBefore.set(table.name, await countScoped(tx, table, swv.id, 'others'));
      const ordinary = tables.filter((table) => !(table.name in appendOnlyTables)).reverse();
      const appendOnly = tables.filter((table) => table.name in appendOnlyTables);
      const remove = async (table: TenantTable) => {
        const [row] = await queryRows<{ n: string }>(
          tx,
          sql`with gone as (delete from ${fromTable(table)} where ${scopeCondition(table, swv.id)} returning 1)
              select count(*)::text as n from gone`,
        );
        return Number(row!.n);
      };
      const deleted = new Map<string, number>();
      for (const table of ordinary) deleted.set(table.name, await remove(table));
      for (const table of appendOnly) {
        const trigger = quoteIdentifier(appendOnlyTables[table.name]!);
        try {
          await tx.execute(sql.raw(`alter table ${quoteIdentifier(table.name)} disable trigger ${trigger}`));
        } catch {
          throw new LeavingError(
            'Removing the access log needs the owner of its table: set PASSEND_MIGRATION_DATABASE_URL (README, "Database roles"); nothing was deleted',
          );
        }
        deleted.set(table.name, await remove(table));
        await tx.execute(sql.raw(`alter table ${quoteIdentifier(table.name)} enable trigger ${trigger}`));
      }
      for (const table of tables) {
        result.push({
          name: table.name,
          deleted: deleted.get(table.name) ?? 0,
          left: await countScoped(tx, table, swv.id, 'theirs'),
          othersBefore: othersBefore.get(table.name)!,
          othersAfter: await countScoped(tx, table, swv.id, 'others'),
        });
      }
      const wrong = result.find((table) => table.left !== 0 || table.othersAfter !== table.othersBefore);
      if (wrong) {
        throw new LeavingError(
          `Deleting would have left rows in ${wrong.name} or touched another SWV's; nothing was deleted`,
        );
      }
      return result;
    },
    { isolationLevel: 'repeatable read' },
  );

  // The signed checkpoints went to the SWV with the export; here they would only say rows are missing.
  let checkpointState: DeletionReceipt['checkpointFile'] = 'none';
  if (existsSync(checkpoints)) {
    try {
      rmSync(checkpoints);
      checkpointState = 'removed';
    } catch {
      checkpointState = 'could_not_remove';
    }
  }

  // Verified after the commit, in fresh statements.
  let rowsLeft = 0;
  for (const table of tables) rowsLeft += await countScoped(ownerDatabase.db, table, swv.id, 'theirs');
  const verification = await verifyAccessLog(ownerDatabase.db, {
    checkpoints: { folder: options.checkpoints.folder, publicKeys: options.checkpoints.publicKeys },
  });
  const otherProblems = verification.problems.filter((problem) => problem.swvId !== swv.id);
  const receipt: DeletionReceipt = {
    format: 'passend-swv-deletion',
    version: 1,
    deletedAt: (options.now ?? new Date()).toISOString(),
    swv,
    exportManifestSha256: manifestSha256,
    tables: deletions,
    rowsDeleted: deletions.reduce((sum, table) => sum + table.deleted, 0),
    rowsLeft,
    otherSwvsUnchanged: deletions.every((table) => table.othersAfter === table.othersBefore),
    checkpointFile: checkpointState,
    otherChainsIntact: otherProblems.length === 0,
    otherChainProblems: otherProblems.length,
  };
  writeFileSynced(path.join(path.resolve(exportFolder), receiptFileName), [
    `${JSON.stringify(receipt, null, 2)}\n`,
  ]);
  return receipt;
}
