// docs/SECURITY.md E3: an SWV that leaves takes everything of its own (`passend swv export`), and is
// then deleted against that export (`passend swv delete`), verified. Two SWVs with a child, parents,
// staff, a session, a plan, a consent, a document and sealed access-log rows each; the one leaves,
// the other stays exactly as it was. On PGlite by default, on PostgreSQL with DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  aConsent,
  aDocument,
  aGuardian,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aUser,
} from '../../test/support/factories.ts';
import { databaseUrlWithName } from '../../test/support/postgres.ts';
import { appendAccessLog } from '../server/access/accessLog.ts';
import { checkpointFile, newSigningKeyText, parseSigningKeys } from '../server/access/checkpoints.ts';
import { createSealer } from '../server/access/sealer.ts';
import { createSession } from '../server/auth/sessions.ts';
import { readTables } from '../server/db/backup.ts';
import { type Database, openDatabase, queryRows } from '../server/db/client.ts';
import { processingRegister } from '../server/db/processingRegister.ts';
import { grantAppRole } from '../server/db/roles.ts';
import {
  globalTables,
  manifestFileName,
  receiptFileName,
  type SwvExportManifest,
  tenantTables,
} from '../server/db/swvLeaving.ts';
import { formatKey, newDocumentKey } from '../server/modules/documents/encryption.ts';
import { runCli } from './program.ts';

const serverUrl = process.env.DATABASE_URL;
type Run = { code: number; stdout: string; stderr: string };

let folder: string;
let env: Record<string, string>;
let open: () => Promise<Database>;
const cleanups: (() => Promise<void>)[] = [];
const documentKey = newDocumentKey('leaving-test');
const auditKeys = newSigningKeyText('leaving-test');

/** The command in this process, with the place's settings, stdout and stderr caught (as cli.test.ts). */
async function run(args: string[], settings: Record<string, string> = env): Promise<Run> {
  const saved = process.env;
  process.env = { ...process.env, PASSEND_DEMO: 'false', ...settings };
  if (!settings.DATABASE_URL) delete process.env.DATABASE_URL;
  process.exitCode = undefined;
  let stdout = '';
  let stderr = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    const code = await runCli(['node', 'passend', ...args]);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = undefined;
    process.env = saved;
  }
}

function expectSuccess(result: Run): string {
  const unexpected = result.stderr
    .split('\n')
    .filter((line) => line && !/^\w[\w ]*: \d+\/\d+ rows/.test(line));
  expect({ code: result.code, unexpected }, result.stderr).toEqual({ code: 0, unexpected: [] });
  return result.stdout;
}

function expectOneErrorLine(result: Run, message: RegExp): void {
  expect(result.code, result.stdout).toBe(1);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(message);
}

async function withOpen<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

type World = {
  swvId: string;
  registerCode: string;
  studentId: string;
  givenName: string;
  familyName: string;
  email: string;
  documentContent: Buffer;
};

/** One SWV with a bit of everything, its access log sealed and signed. */
async function anSwvWithData(database: Database, registerCode: string, givenName: string): Promise<World> {
  const { db } = database;
  const swv = await aSwv(db, { registerCode });
  const school = await aSchool(db, swv.id);
  const child = await aStudent(db, swv.id, school.id, { givenName });
  const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
  const parent = await aUser(db, swv.id, [{ role: 'parent' }]);
  await aGuardian(db, swv.id, child.id, parent.id);
  await aConsent(db, {
    swvId: swv.id,
    studentId: child.id,
    givenByUserId: parent.id,
    purpose: 'hand_over_to_school',
  });
  await aPlan(db, { swvId: swv.id, studentId: child.id, byUserId: ib.id, agreements: [{}] });
  await createSession(db, { userId: ib.id, stage: 'active', method: 'password', now: new Date() });
  const documentContent = Buffer.from(
    `%PDF-1.4\n% verslag van ${givenName} ${randomBytes(4).toString('hex')}\n%%EOF\n`,
  );
  await aDocument(
    db,
    { current: documentKey, byId: new Map([[documentKey.id, documentKey.key]]) },
    { swvId: swv.id, studentId: child.id, uploadedByUserId: ib.id, content: documentContent },
  );
  for (const action of ['read', 'update'] as const) {
    await db.transaction((tx) =>
      appendAccessLog(
        tx,
        { actorUserId: ib.id, requestId: `r-${action}`, clientAddress: '192.0.2.1', now: new Date() },
        {
          swvId: swv.id,
          studentId: child.id,
          objectType: 'student',
          objectId: child.id,
          action,
          outcome: 'allowed',
          purpose: 'school_staff',
          actorRole: 'school_ib',
          actorOrganisation: `school:${school.id}`,
        },
      ),
    );
  }
  return {
    swvId: swv.id,
    registerCode,
    studentId: child.id,
    givenName,
    familyName: child.familyName,
    email: ib.email,
    documentContent,
  };
}

/** Per table, the rows of one SWV (as the export scopes them) and all rows. */
async function countsOf(
  database: Database,
  swvId: string,
): Promise<Record<string, { theirs: number; all: number }>> {
  const result: Record<string, { theirs: number; all: number }> = {};
  for (const table of tenantTables(await readTables(database.db))) {
    const condition =
      table.scope === 'swv'
        ? sql`id = ${swvId}`
        : table.scope === 'swv_id'
          ? sql`swv_id = ${swvId}`
          : sql`user_id in (select id from app_user where swv_id = ${swvId})`;
    const [row] = await queryRows<{ theirs: string; all: string }>(
      database.db,
      sql`select count(*) filter (where ${condition})::text as theirs, count(*)::text as all from ${sql.raw(`"${table.name}"`)}`,
    );
    result[table.name] = { theirs: Number(row!.theirs), all: Number(row!.all) };
  }
  return result;
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(root, relative))
    .filter((file) => statSync(file).isFile());
}

/** PostgreSQL: an app role that does not own the tables (README "Database roles"). */
let appRoleUrl: string | null = null;
let leaving: World;
let staying: World;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'passend-leaving-test-'));
  const audit = {
    PASSEND_AUDIT_KEYS: auditKeys,
    PASSEND_AUDIT_CHECKPOINT_DIR: path.join(folder, 'checkpoints'),
    PASSEND_DOCUMENT_KEYS: formatKey(documentKey),
  };
  if (!serverUrl) {
    const dataDir = path.join(folder, 'data');
    env = { PASSEND_DATA_DIR: dataDir, ...audit };
    open = () => openDatabase({ kind: 'pglite', dataDir });
  } else {
    const name = `passend_leaving_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = databaseUrlWithName(serverUrl, name);
    env = { DATABASE_URL: url, ...audit };
    open = () => openDatabase({ kind: 'postgres', url });
    const appRole = `passend_leaving_app_${randomBytes(4).toString('hex')}`;
    await admin.query(`create role ${appRole} login`);
    cleanups.push(async () => {
      const roles = new pg.Client({ connectionString: serverUrl });
      await roles.connect();
      await roles.query(`drop role if exists ${appRole}`);
      await roles.end();
    });
    const app = new URL(url);
    app.username = appRole;
    appRoleUrl = app.toString();
  }
  expectSuccess(await run(['migrate']));
  if (appRoleUrl) {
    const owner = new pg.Client({ connectionString: env.DATABASE_URL });
    await owner.connect();
    await grantAppRole(owner, new URL(appRoleUrl).username);
    await owner.end();
  }
  await withOpen(async (database) => {
    leaving = await anSwvWithData(database, 'PO 27.01', 'Fenna');
    staying = await anSwvWithData(database, 'PO 27.02', 'Joris');
    await createSealer(database.db, {
      key: parseSigningKeys(auditKeys)[0]!,
      folder: audit.PASSEND_AUDIT_CHECKPOINT_DIR,
    }).runOnce();
  });
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(folder, { recursive: true, force: true });
});

describe('the tables an SWV leaves with', () => {
  it('are every table of the schema but the ones named global, each with a reason', async () => {
    const tables = await withOpen(async (database) => readTables(database.db));
    const tenant = tenantTables(tables).map((table) => table.name);
    expect([...tenant, ...Object.keys(globalTables)].sort()).toEqual(
      tables.map((table) => table.name).sort(),
    );
    // The processing register declares the same tables: a new one is in both or a test fails.
    expect(Object.keys(processingRegister).sort()).toEqual(tables.map((table) => table.name).sort());
    expect(tenant).toEqual(
      expect.arrayContaining(['swv', 'student', 'document_chunk', 'access_log', 'session']),
    );
    expect(() =>
      tenantTables([...tables, { name: 'new_table', columns: [], key: [], hasIdentityAlways: false }]),
    ).toThrow(/new_table has no swv_id and is not listed as global/);
  });
});

describe('passend swv export and swv delete', () => {
  let exportFolder: string;

  it('refuses an unknown SWV and an existing folder with one line', async () => {
    expectOneErrorLine(
      await run(['swv', 'export', '--swv', 'PO 99.99', '--out', path.join(folder, 'none')]),
      /^error: No SWV has id or register code "PO 99\.99"$/,
    );
    expectOneErrorLine(
      await run(['swv', 'export', '--swv', leaving.registerCode, '--out', folder]),
      /^error: .* exists and is not an empty folder; choose a new one$/,
    );
    // Without the document key the export stops, and leaves no half-written folder behind.
    const half = path.join(folder, 'half');
    expectOneErrorLine(
      await run(['swv', 'export', '--swv', leaving.registerCode, '--out', half], {
        ...env,
        PASSEND_DOCUMENT_KEYS: formatKey(newDocumentKey('other')),
      }),
      /^error: A document is encrypted with a key that is not configured: add it to PASSEND_DOCUMENT_KEYS and export again$/,
    );
    expect(existsSync(half)).toBe(false);
  }, 60_000);

  it('exports everything of the SWV, and nothing of another', async () => {
    exportFolder = path.join(folder, 'export-1');
    const before = await withOpen((database) => countsOf(database, leaving.swvId));
    const out = expectSuccess(await run(['swv', 'export', '--swv', 'po 27.01', '--out', exportFolder]));
    expect(out).toMatch(
      /^Exported SWV PO 27\.01 \([0-9a-f-]{36}\): \d+ rows of \d+ tables, 1 documents, 4 access-log rows \(chain verified\) to /,
    );
    // No personal data in what the operator sees.
    for (const secret of [leaving.givenName, leaving.familyName, leaving.email, leaving.studentId]) {
      expect(out).not.toContain(secret);
    }

    const manifest = JSON.parse(
      readFileSync(path.join(exportFolder, manifestFileName), 'utf8'),
    ) as SwvExportManifest;
    expect(manifest.swv).toEqual({ id: leaving.swvId, registerCode: 'PO 27.01', name: expect.any(String) });
    // Every tenant table, with the rows of this SWV as the database counts them (the export added one access-log row).
    expect(manifest.tables.map((table) => table.name).sort()).toEqual(Object.keys(before).sort());
    for (const table of manifest.tables) {
      const expected = before[table.name]!.theirs + (table.name === 'access_log' ? 1 : 0);
      expect({ table: table.name, rows: table.rows }).toEqual({ table: table.name, rows: expected });
      const lines = readFileSync(path.join(exportFolder, table.file), 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(expected);
      for (const line of lines) {
        const row = JSON.parse(line) as Record<string, unknown>;
        if (table.scope === 'swv_id') expect(row.swv_id).toBe(leaving.swvId);
        for (const withheld of table.withheldColumns) expect(row).not.toHaveProperty(withheld);
      }
    }
    for (const name of ['student', 'plan', 'consent', 'document', 'access_log', 'session', 'app_user']) {
      expect(manifest.tables.find((table) => table.name === name)!.rows, name).toBeGreaterThan(0);
    }
    // The document decrypted, as uploaded; the access log with its signed checkpoints, verified.
    expect(manifest.documents).toHaveLength(1);
    expect(readFileSync(path.join(exportFolder, manifest.documents[0]!.file!))).toEqual(
      leaving.documentContent,
    );
    // Two reads, the export that stopped above and this one: each export is in the SWV's own log.
    expect(manifest.accessLog).toMatchObject({ rows: 4, chainHead: { seq: 4 }, verified: true });
    expect(
      readFileSync(path.join(exportFolder, `access-log/${leaving.swvId}.checkpoints`), 'utf8'),
    ).toContain(leaving.swvId);
    expect(readFileSync(path.join(exportFolder, 'access-log/public-keys.txt'), 'utf8')).toMatch(
      /^leaving-test:/,
    );
    // Nothing of the other SWV anywhere in the folder: not its id, child, name or document.
    for (const file of filesUnder(exportFolder)) {
      const text = readFileSync(file, 'latin1');
      for (const foreign of [
        staying.swvId,
        staying.studentId,
        staying.familyName,
        staying.email,
        staying.givenName,
      ]) {
        expect(text.includes(foreign), `${file} holds ${foreign}`).toBe(false);
      }
      expect(readFileSync(file).includes(staying.documentContent)).toBe(false);
    }
  }, 120_000);

  it('refuses to delete without the right confirmation or export, and with data changed since, changing nothing', async () => {
    const before = await withOpen((database) => countsOf(database, leaving.swvId));
    expectOneErrorLine(
      await run(['swv', 'delete', '--swv', leaving.swvId, '--confirm', 'PO 27.02', '--export', exportFolder]),
      /^error: --confirm must be the SWV's register code; nothing was deleted$/,
    );
    expectOneErrorLine(
      await run([
        'swv',
        'delete',
        '--swv',
        '019f0000-0000-7000-8000-000000000000',
        '--confirm',
        'PO 27.01',
        '--export',
        exportFolder,
      ]),
      /^error: No SWV has id or register code "019f0000-0000-7000-8000-000000000000"$/,
    );
    expectOneErrorLine(
      await run(['swv', 'delete', '--swv', staying.swvId, '--confirm', 'PO 27.02', '--export', exportFolder]),
      /^error: The export in that folder is of another SWV; nothing was deleted$/,
    );
    expectOneErrorLine(
      await run([
        'swv',
        'delete',
        '--swv',
        leaving.swvId,
        '--confirm',
        'PO 27.01',
        '--export',
        path.join(folder, 'none'),
      ]),
      /^error: .* holds no manifest\.json: not an export$/,
    );
    if (appRoleUrl) {
      // As the app's role (two roles, no owner connection given): the access log cannot be removed.
      expectOneErrorLine(
        await run(
          ['swv', 'delete', '--swv', leaving.swvId, '--confirm', 'PO 27.01', '--export', exportFolder],
          {
            ...env,
            DATABASE_URL: appRoleUrl,
          },
        ),
        /^error: Removing the access log needs the owner of its table: set PASSEND_MIGRATION_DATABASE_URL .*; nothing was deleted$/,
      );
      expect(await withOpen((database) => countsOf(database, leaving.swvId))).toEqual(before);
    }
    // A child's name changed after the export: the export is no longer the SWV's data.
    await withOpen((database) =>
      database.db.execute(sql`update student set given_name = 'Femke' where id = ${leaving.studentId}`),
    );
    expectOneErrorLine(
      await run(['swv', 'delete', '--swv', leaving.swvId, '--confirm', 'PO 27.01', '--export', exportFolder]),
      /^error: The SWV's student changed since the export: export again; nothing was deleted$/,
    );
    expect(await withOpen((database) => countsOf(database, leaving.swvId))).toEqual(before);
  }, 120_000);

  it('deletes every row of the SWV against a fresh export, verified, and leaves the other SWV intact', async () => {
    exportFolder = path.join(folder, 'export-2');
    expectSuccess(await run(['swv', 'export', '--swv', leaving.swvId, '--out', exportFolder]));
    const before = await withOpen((database) => countsOf(database, leaving.swvId));
    const otherBefore = await withOpen((database) => countsOf(database, staying.swvId));

    // On PostgreSQL as in production: the app's role, and the owner's connection for the deletion.
    const settings = appRoleUrl
      ? { ...env, DATABASE_URL: appRoleUrl, PASSEND_MIGRATION_DATABASE_URL: env.DATABASE_URL! }
      : env;
    const out = expectSuccess(
      await run(
        ['swv', 'delete', '--swv', leaving.swvId, '--confirm', 'po 27.01', '--export', exportFolder],
        settings,
      ),
    );
    const total = Object.values(before).reduce((sum, count) => sum + count.theirs, 0);
    expect(out).toBe(
      [
        `Deleted SWV PO 27.01 (${leaving.swvId}): ${total} rows in ${Object.values(before).filter((count) => count.theirs > 0).length} of ${Object.keys(before).length} tables.`,
        `Verified: 0 rows of the SWV left in ${Object.keys(before).length} tables; the other SWVs' rows unchanged.`,
        "The other SWVs' access logs are intact.",
        `The receipt is in ${exportFolder}/deletion-receipt.json.`,
        '',
      ].join('\n'),
    );
    for (const secret of [leaving.givenName, leaving.familyName, leaving.email])
      expect(out).not.toContain(secret);

    const after = await withOpen((database) => countsOf(database, leaving.swvId));
    for (const [name, count] of Object.entries(after)) {
      expect({ name, theirs: count.theirs }).toEqual({ name, theirs: 0 });
      expect({ name, all: count.all }).toEqual({ name, all: before[name]!.all - before[name]!.theirs });
    }
    const otherAfter = await withOpen((database) => countsOf(database, staying.swvId));
    for (const [name, count] of Object.entries(otherAfter)) {
      expect({ name, theirs: count.theirs }).toEqual({ name, theirs: otherBefore[name]!.theirs });
    }
    // Its documents' chunks and its sessions are gone; its checkpoints went with the export.
    expect(existsSync(checkpointFile(env.PASSEND_AUDIT_CHECKPOINT_DIR!, leaving.swvId))).toBe(false);
    expect(existsSync(checkpointFile(env.PASSEND_AUDIT_CHECKPOINT_DIR!, staying.swvId))).toBe(true);
    const receipt = JSON.parse(readFileSync(path.join(exportFolder, receiptFileName), 'utf8'));
    expect(receipt).toMatchObject({
      rowsLeft: 0,
      otherSwvsUnchanged: true,
      otherChainsIntact: true,
      checkpointFile: 'removed',
    });

    // `passend audit verify` passes for the SWV that stays, against its signed checkpoints.
    expect(expectSuccess(await run(['audit', 'verify']))).toMatch(
      /^Checked 2 of 2 access-log rows\.\n2 rows are covered by signed checkpoints in .* \(1 SWV\)\.\nThe access log is intact\.\n$/,
    );
    // The access log stays append-only for the app after the deletion switched its trigger off and on.
    await expect(
      withOpen((database) =>
        database.db.execute(sql`delete from access_log where swv_id = ${staying.swvId}`),
      ),
    ).rejects.toThrow();
  }, 180_000);
});
