import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aDocument, aSchool, aStudent, aSwv, aUser } from '../../test/support/factories.ts';
import { databaseUrlWithName } from '../../test/support/postgres.ts';
import { appendAccessLog } from '../server/access/accessLog.ts';
import { newSigningKeyText, parseSigningKeys } from '../server/access/checkpoints.ts';
import { createSealer } from '../server/access/sealer.ts';
import { hashActivationToken } from '../server/auth/activation.ts';
import { verifyPassword } from '../server/auth/passwords.ts';
import { createSession } from '../server/auth/sessions.ts';
import { tableChecksums } from '../server/db/backup.ts';
import { type Database, openDatabase, queryRows } from '../server/db/client.ts';
import { acquireDataDirLock } from '../server/db/lock.ts';
import {
  accountActivation,
  appUser,
  consent as consentTable,
  membership,
  school as schoolTable,
  session,
  student,
  swv as swvTable,
  transition as transitionTable,
} from '../server/db/schema/index.ts';
import { formatKey, newDocumentKey } from '../server/modules/documents/encryption.ts';
import { validateOsoDossier } from '../server/modules/transitions/osoExport.ts';
import { runCli } from './program.ts';

// The `passend` command on the database mode of this run: a PGlite folder per place, or (with
// DATABASE_URL) a new PostgreSQL database per place. Most commands run in this process (`runCli`,
// what the process runs too, with the place's settings and stdout and stderr caught): a child
// process pays a Node start and, on PGlite, a database start each time, seconds on a loaded
// machine. A few run as the real process, where the process is the point: exit codes and output
// of bad commands before any database, a password on stdin, a folder locked by another process,
// and the first migration. Those run the bundle that the test run's global set-up builds
// (dist/cli/main.mjs), which starts without transpiling; one bad command runs as `npx passend`
// does (bin/passend.js, TypeScript through tsx).

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const entries = {
  bin: [fileURLToPath(new URL('../../bin/passend.js', import.meta.url))],
  bundle: [fileURLToPath(new URL('../../dist/cli/main.mjs', import.meta.url))],
};
const serverUrl = process.env.DATABASE_URL;

type Place = { env: Record<string, string>; dataDir: string | null; open: () => Promise<Database> };

type Run = { code: number | null; stdout: string; stderr: string };

/** The settings a command sees: the place's database, never the demo, nothing else of the run's. */
function settingsFor(place: Place | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PASSEND_DEMO: 'false', ...place?.env };
  if (!place?.env.DATABASE_URL) delete env.DATABASE_URL;
  if (!place) env.PASSEND_DATA_DIR = path.join(folder, 'never-opened');
  return env;
}

/** The real `passend` process. */
function runProcess(
  place: Place | null,
  args: string[],
  input?: string,
  entry = entries.bundle,
): Promise<Run> {
  const child = spawn(process.execPath, [...entry, ...args], { cwd: projectRoot, env: settingsFor(place) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same command in this process: the place's settings in process.env for the while, console.log
 * (the commands' stdout) and stderr caught, the exit code from runCli. Commands run one at a time.
 */
async function run(place: Place | null, args: string[]): Promise<Run> {
  const saved = process.env;
  process.env = settingsFor(place);
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

/**
 * Fails with what the command printed, so a broken run explains itself. A slow run may print
 * progress lines on stderr (one per 10 s off a terminal); anything else there is a failure.
 */
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

async function withOpen<T>(place: Place, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await place.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

let folder: string;
const cleanups: (() => Promise<void>)[] = [];

const auditKeys = newSigningKeyText('cli-test');

/** The access log's signing key and a checkpoint folder of the place's own. */
function auditEnv(): Record<string, string> {
  return {
    PASSEND_AUDIT_KEYS: auditKeys,
    PASSEND_AUDIT_CHECKPOINT_DIR: mkdtempSync(path.join(folder, 'checkpoints-')),
  };
}

async function aPlace(): Promise<Place> {
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(folder, 'data-'));
    return {
      env: { PASSEND_DATA_DIR: dataDir, ...auditEnv() },
      dataDir,
      open: () => openDatabase({ kind: 'pglite', dataDir }),
    };
  }
  const name = `passend_cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  cleanups.push(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = databaseUrlWithName(serverUrl, name);
  return {
    env: { DATABASE_URL: url, ...auditEnv() },
    dataDir: null,
    open: () => openDatabase({ kind: 'postgres', url }),
  };
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'passend-cli-test-'));
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(folder, { recursive: true, force: true });
});

describe('passend, given a bad command or argument', () => {
  it('prints one line on stderr and exits with 1, before it touches a database', async () => {
    const [unknown, missingFile, badRole, weakPassword, badEmail] = await Promise.all([
      runProcess(null, ['frobnicate'], '', entries.bin),
      runProcess(null, ['backup']),
      runProcess(null, ['users', 'create', 'x@example.test', '--name', 'X', '--role', 'boss']),
      runProcess(null, ['users', 'reset-password', 'x@example.test', '--password-stdin'], 'password123\n'),
      runProcess(null, ['users', 'end-sessions', 'not-an-address']),
    ]);
    expectOneErrorLine(unknown, /^error: unknown command 'frobnicate'/);
    expectOneErrorLine(missingFile, /^error: missing required argument 'file'/);
    expectOneErrorLine(badRole, /^error: Unknown role boss: use one of operator, swv_admin/);
    expectOneErrorLine(weakPassword, /^error: The password must have at least 12 characters$/);
    expectOneErrorLine(badEmail, /^error: Invalid e-mail address/);
  }, 60_000);
});

describe('passend on a database', () => {
  let source: Place;
  let swvCode: string;
  let locationCode: string;
  const operatorEmail = 'beheer@example.test';
  const ibEmail = 'ib.de-regenboog@example.test';
  const ibPassword = 'zes paarse giraffen op de fiets';

  beforeAll(async () => {
    source = await aPlace();
  });

  it('migrates a new database', async () => {
    expect(expectSuccess(await runProcess(source, ['migrate']))).toMatch(
      /^Applied \d+ migrations; the database has \d+\.\n$/,
    );
    await withOpen(source, async ({ db }) => {
      const swv = await aSwv(db, { registerCode: 'PO 26.04' });
      const school = await aSchool(db, swv.id);
      swvCode = swv.registerCode;
      locationCode = school.locationCode;
      for (let index = 0; index < 3; index++) {
        await db.transaction((tx) =>
          appendAccessLog(
            tx,
            { actorUserId: null, requestId: `r${index}`, clientAddress: '192.0.2.1', now: new Date() },
            {
              swvId: swv.id,
              studentId: null,
              objectType: 'school',
              objectId: school.id,
              action: 'read',
              outcome: 'allowed',
              purpose: 'test',
              actorRole: 'swv_admin',
              actorOrganisation: `swv:${swv.id}`,
            },
          ),
        );
      }
      // Sealed and signed, as the server's sealer does within a second.
      await createSealer(db, {
        key: parseSigningKeys(auditKeys)[0]!,
        folder: source.env.PASSEND_AUDIT_CHECKPOINT_DIR!,
      }).runOnce();
    });
  }, 120_000);

  it('creates accounts, ends sessions, resets the second factor and the password', async () => {
    const operator = expectSuccess(
      await run(source, ['users', 'create', operatorEmail, '--role', 'operator', '--name', 'Beheer']),
    );
    expect(operator).toMatch(/^Created beheer@example\.test \(operator\)\.\n/);
    // No password is printed: an activation link, with the token in the fragment, shown once.
    expect(operator).not.toMatch(/password/i);
    const token = /Activation link \(shown once, valid until \S+\): http\S+\/activate#([\w-]{43})\n/.exec(
      operator,
    )?.[1];
    expect(token).toBeDefined();
    const ib = expectSuccess(
      await runProcess(
        source,
        [
          'users',
          'create',
          ibEmail.toUpperCase(),
          '--role',
          'school_ib',
          '--name',
          'Intern begeleider',
          '--swv',
          swvCode.toLowerCase(),
          '--school',
          locationCode,
          '--password-stdin',
        ],
        `${ibPassword}\n`,
      ),
    );
    expect(ib).toBe(`Created ${ibEmail} (school_ib in ${swvCode}).\n`);

    const totpSecret = 'JBSWY3DPEHPK3PXP';
    await withOpen(source, async ({ db }) => {
      const accounts = await db
        .select({
          id: appUser.id,
          email: appUser.email,
          swvId: appUser.swvId,
          hash: appUser.passwordHash,
          role: membership.role,
        })
        .from(appUser)
        .innerJoin(membership, eq(membership.userId, appUser.id))
        .orderBy(appUser.email);
      expect(accounts.map(({ email, role, swvId }) => ({ email, role, hasSwv: swvId !== null }))).toEqual([
        { email: operatorEmail, role: 'operator', hasSwv: false },
        { email: ibEmail, role: 'school_ib', hasSwv: true },
      ]);
      // The operator has no password until the link is used; only the token's hash is stored.
      expect(accounts[0]!.hash).toBeNull();
      const activations = await db.select().from(accountActivation);
      expect(activations.map((a) => [a.userId, a.tokenHash])).toEqual([
        [accounts[0]!.id, hashActivationToken(token!)],
      ]);
      expect(await verifyPassword(accounts[1]!.hash, ibPassword)).toBe(true);
      // Both set up a second factor and signed in: the operator once, the IB'er twice.
      await db.update(appUser).set({ totpSecret, totpEnabledAt: new Date() });
      for (const userId of [accounts[0]!.id, accounts[1]!.id, accounts[1]!.id]) {
        await createSession(db, { userId, stage: 'active', method: 'password', now: new Date() });
      }
    });

    expect(expectSuccess(await run(source, ['users', 'end-sessions', operatorEmail]))).toBe(
      'Ended 1 session.\n',
    );
    const reset = expectSuccess(await run(source, ['users', 'reset-password', ibEmail]));
    expect(reset).toMatch(new RegExp(`^The password of ${ibEmail} was changed\\. Ended 2 sessions\\.\\n`));
    const newPassword = /New password \(shown once\): (\S+)\n/.exec(reset)?.[1];
    expect(expectSuccess(await run(source, ['users', 'reset-second-factor', operatorEmail]))).toBe(
      `${operatorEmail} sets up a new second factor at the next login. Ended 0 sessions.\n`,
    );

    await withOpen(source, async ({ db }) => {
      const users = await db.select().from(appUser).orderBy(appUser.email);
      expect(users.map((user) => [user.email, user.totpSecret])).toEqual([
        [operatorEmail, null],
        // A new password never removes the second factor (docs/SECURITY.md B2).
        [ibEmail, totpSecret],
      ]);
      expect(await verifyPassword(users[1]!.passwordHash, newPassword!)).toBe(true);
      expect(await db.select().from(session)).toEqual([]);
    });
  }, 180_000);

  it('verifies an intact access log with exit code 0', async () => {
    expect(expectSuccess(await run(source, ['audit', 'verify']))).toBe(
      `Checked 3 of 3 access-log rows.\n3 rows are covered by signed checkpoints in ${source.env.PASSEND_AUDIT_CHECKPOINT_DIR} (1 SWV).\nThe access log is intact.\n`,
    );
  }, 60_000);

  it.skipIf(serverUrl)(
    'refuses a PGlite folder that a running server holds, with the lock message',
    async () => {
      const lock = acquireDataDirLock(source.dataDir!);
      try {
        expectOneErrorLine(
          await runProcess(source, ['audit', 'verify']),
          new RegExp(
            `^error: The data folder .* is in use by another Passend process \\(pid ${process.pid}\\)\\. Stop it first\\.$`,
          ),
        );
      } finally {
        lock.release();
      }
    },
    60_000,
  );

  it('backs up, and restores into a new database only, with equal checksums', async () => {
    const file = path.join(folder, 'passend.backup');
    expect(expectSuccess(await run(source, ['backup', file]))).toMatch(
      /^Backed up \d+ rows of \d+ tables to .*passend\.backup\.\n$/,
    );
    expectOneErrorLine(
      await run(source, ['backup', file]),
      /^error: .* already exists; choose a new file name$/,
    );

    const target = await aPlace();
    expectOneErrorLine(
      await run(target, ['restore', file]),
      /^error: The database is not migrated: run `passend migrate` first, then restore$/,
    );
    expectSuccess(await run(target, ['migrate']));
    expect(expectSuccess(await run(target, ['restore', file]))).toMatch(
      /^Restored \d+ rows of \d+ tables from /,
    );
    const [sourceChecksums, targetChecksums] = [
      await withOpen(source, tableChecksums),
      await withOpen(target, tableChecksums),
    ];
    expect(targetChecksums).toEqual(sourceChecksums);
    expect(targetChecksums.access_log!.rows).toBe(3);
    expect(targetChecksums.app_user!.rows).toBe(2);
  }, 180_000);

  it('names the first broken row and exits with 1 when the access log was tampered with', async () => {
    await withOpen(source, (database) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update access_log set purpose = 'changed' where seq = 2`);
      }),
    );
    const result = await runProcess(source, ['audit', 'verify']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Checked 1 of 3 access-log rows\.\n3 rows are covered by signed checkpoints in .* \(1 SWV\)\.\nBroken: SWV [0-9a-f-]{36} \(PO 26\.04\), row 2: this row was changed after it was written\nThe access log is broken in 1 SWV\.\n$/,
    );
  }, 60_000);

  it('re-encrypts documents under the first document key, once, and refuses PostgreSQL without keys', async () => {
    const [newKey, oldKey] = [newDocumentKey('new'), newDocumentKey('old')];
    let documentId = '';
    const plaintext = Buffer.from('%PDF-1.4 verslag');
    await withOpen(source, async ({ db }) => {
      const swv = await aSwv(db);
      const school = await aSchool(db, swv.id);
      const child = await aStudent(db, swv.id, school.id);
      const uploader = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
      const stored = await aDocument(
        db,
        { current: oldKey, byId: new Map() },
        { swvId: swv.id, studentId: child.id, uploadedByUserId: uploader.id, content: plaintext },
      );
      documentId = stored.id;
    });
    const withKeys = (keys: string): Place => ({
      ...source,
      env: { ...source.env, PASSEND_DOCUMENT_KEYS: keys },
    });
    const both = withKeys(`${formatKey(newKey)},${formatKey(oldKey)}`);
    // The IB'er's TOTP secret, stored in plaintext by the first test (as before migration 0004), is
    // sealed too; `documents rotate-key` is the first name of `keys rotate`.
    expect(expectSuccess(await run(both, ['keys', 'rotate']))).toBe(
      'Re-encrypted 1 document under key new.\nRe-sealed 1 secret (second factor, single sign-on) under key new.\nEvery document and secret is under key new; older keys can be removed.\n',
    );
    expect(expectSuccess(await run(both, ['documents', 'rotate-key']))).toMatch(
      /^Re-encrypted 0 documents under key new\.\nEvery document and secret/,
    );
    const onlyOld = await run(withKeys(formatKey(oldKey)), ['keys', 'rotate']);
    expect(onlyOld.code).toBe(1);
    expect(onlyOld.stdout).toMatch(
      new RegExp(
        `^Re-encrypted 0 documents under key old\\.\\nNot rotated: document ${documentId} under key new: that key is not configured\\nNot rotated: totp secret of [0-9a-f-]{36} under key new: that key is not configured\\nKeys still in use: new\\.\\n$`,
      ),
    );
    expectOneErrorLine(
      await run(withKeys('broken'), ['documents', 'rotate-key']),
      /^error: Invalid setting PASSEND_DOCUMENT_KEYS: key 1: expected keyId:base64key/,
    );
    if (serverUrl) {
      expectOneErrorLine(
        await run(source, ['documents', 'rotate-key']),
        /^error: PASSEND_DOCUMENT_KEYS is required with DATABASE_URL/,
      );
    }
  }, 120_000);
  it('imports a school roster from EDEXML once, refuses an invalid file whole, and a file of another school', async () => {
    const example = path.join(projectRoot, 'test/support/files/edexml/EDEXML.Voorbeeld.2.1.xml');
    const schoolId = await withOpen(source, async ({ db }) => {
      const [found] = await db
        .select({ id: swvTable.id })
        .from(swvTable)
        .where(eq(swvTable.registerCode, swvCode));
      const created = await aSchool(db, found!.id);
      await db
        .update(schoolTable)
        .set({ brin: '99ZZ', locationCode: '99ZZ00' })
        .where(eq(schoolTable.id, created.id));
      return created.id;
    });
    const args = ['import', 'edexml', example, '--school', '99zz00'];
    expect(expectSuccess(await run(source, [...args, '--dry-run']))).toMatch(
      /EDEXML 2\.1, 3 pupils in the file\.\n1 would be added, 0 would be changed, 0 would be marked as left, 0 unchanged\.\n2 pupils of the file skipped:\n {2}pupil 00002: no birth date\n {2}pupil 12345: already left\n$/,
    );
    expect(expectSuccess(await run(source, args))).toMatch(
      /\n1 added, 0 changed, 0 marked as left, 0 unchanged\./,
    );
    expect(expectSuccess(await run(source, args))).toMatch(
      /\n0 added, 0 changed, 0 marked as left, 1 unchanged\./,
    );
    const pupils = await withOpen(source, ({ db }) =>
      db
        .select({
          key: student.schoolKey,
          given: student.givenName,
          group: student.groupName,
          eck: student.eckId,
        })
        .from(student)
        .where(eq(student.schoolId, schoolId))
        .orderBy(student.schoolKey),
    );
    // 00002 has no birth date; 12345 left in 2014 and was never in Passend: both skipped.
    expect(pupils).toEqual([
      {
        key: '00001',
        given: 'Wimpie',
        group: '4B',
        eck: expect.stringMatching(/^https:\/\/id\.school\/LL_/),
      },
    ]);
    // An invalid file: the line, the record and the rule; nothing changes.
    const broken = path.join(folder, 'broken.xml');
    writeFileSync(
      broken,
      readFileSync(example, 'utf8').replace(
        '<geboortedatum>2006-06-21</geboortedatum>',
        '<geboortedatum>21-06-2006</geboortedatum>',
      ),
    );
    const refused = await run(source, ['import', 'edexml', broken, '--school', '99ZZ00']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^The file was refused, nothing was imported:\n {2}line \d+: leerling 00001: Element 'geboortedatum': '21-06-2006' is not a valid value/,
    );
    // A file of another school than the one named.
    expectOneErrorLine(
      await run(source, ['import', 'edexml', example, '--school', locationCode]),
      /^error: The file is of school 99ZZ00, not of /,
    );
  }, 120_000);
  it('imports an OSO dossier into a new child once, in the IB’er’s name, and refuses version 2017', async () => {
    const files = path.join(projectRoot, 'test/support/files/oso');
    const dossier = path.join(files, 'Voorbeelddossier_PaO_POSWV_full.xml');
    const ib = 'ib.testschool@example.test';
    // The attachments are stored encrypted: on PostgreSQL the key comes from the setting.
    const place: Place = {
      ...source,
      env: { ...source.env, PASSEND_DOCUMENT_KEYS: formatKey(newDocumentKey('oso-import')) },
    };
    await withOpen(source, async ({ db }) => {
      const [found] = await db
        .select({ id: swvTable.id })
        .from(swvTable)
        .where(eq(swvTable.registerCode, swvCode));
      const created = await aSchool(db, found!.id);
      await db
        .update(schoolTable)
        .set({ brin: '00YY', locationCode: '00YY00' })
        .where(eq(schoolTable.id, created.id));
      const user = await aUser(db, found!.id, [{ role: 'school_ib', schoolId: created.id }]);
      await db.update(appUser).set({ email: ib }).where(eq(appUser.id, user.id));
    });
    const args = ['import', 'oso', dossier, '--school', '00yy00', '--by', ib];
    // No child of the school is alike: the preview says how to go on.
    expect(expectSuccess(await run(place, [...args, '--dry-run']))).toMatch(
      /^OSO dossier \(swv-dossier, POSWV\) of 00YY00 for Daan van de Berg, born 2003-03-17: not matched with certainty\.\nNo child of the school is alike: use --create-child/,
    );
    const created = expectSuccess(await run(place, [...args, '--create-child']));
    expect(created).toMatch(
      /^OSO dossier \(swv-dossier, POSWV\) of 00YY00 for Daan van de Berg \(a new child\)\.\n/,
    );
    expect(created).toMatch(
      /\nDocuments: 3 added, 0 already there, 11 not taken in\.\nTest results: 5 added, 0 changed, 0 unchanged\.\nSchool career entries: 10 added/,
    );
    expect(created).toMatch(/not taken in: groepsplan\.txt: unknown type/);
    // Again: the child is found by the school's key now, and nothing is added.
    expect(expectSuccess(await run(place, args))).toMatch(
      /for Daan van de Berg\.\nThis dossier was imported for the child before: nothing to add\.\nDocuments: 0 added, 3 already there/,
    );
    const rows = await withOpen(source, ({ db }) =>
      db.select({ id: student.id }).from(student).where(eq(student.schoolKey, 'LN094837')),
    );
    expect(rows).toHaveLength(1);
    const refused = await run(place, [
      'import',
      'oso',
      path.join(files, 'Voorbeelddossier_2017.1_PaO_POSWV_full.xml'),
      '--school',
      '00YY00',
      '--by',
      ib,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/OSO version 2017 is not supported; only version 2019\.1/);
    expectOneErrorLine(
      await run(place, [...args.slice(0, -1), 'nobody@example.test']),
      /^error: No active account nobody@example.test in the SWV of 00YY00/,
    );
  }, 120_000);

  it('takes in DUO’s school register, giving the SWV the locations of its postcodes', async () => {
    const register = path.join(
      projectRoot,
      'test/support/files/duo/schoolvestigingen-bo-provincie-utrecht.csv',
    );
    expect(
      expectSuccess(await run(source, ['import', 'schools', register, '--swv', 'PO 26-04', '--dry-run'])),
    ).toMatch(
      /^PO 26\.04 SWV [^:]+: 79 would be created, 0 would be updated, 0 unchanged\.\n397 locations belong to SWVs not in Passend\.\nNo SWV known for the postcode of: \w{6}\.\n$/,
    );
    expect(expectSuccess(await run(source, ['import', 'schools', register]))).toMatch(
      /: 79 created, 0 updated, 0 unchanged\./,
    );
    expect(expectSuccess(await run(source, ['import', 'schools', register]))).toMatch(
      /: 0 created, 0 updated, 79 unchanged\./,
    );
    expectOneErrorLine(
      await run(source, ['import', 'schools', register, '--kind', 'school']),
      /^error: --kind: one of bao, sbo, so, vo, vso, opdc$/,
    );
    expectOneErrorLine(
      await run(source, ['import', 'schools', path.join(projectRoot, 'package.json')]),
      /^error: Not a DUO register file/,
    );
  }, 120_000);
  it('exports a transition’s OSO dossier as the account named, valid, to a new file only', async () => {
    const key = newDocumentKey('oso');
    const place: Place = { ...source, env: { ...source.env, PASSEND_DOCUMENT_KEYS: formatKey(key) } };
    const ids = await withOpen(source, async ({ db }) => {
      const swv = await aSwv(db);
      const from = await aSchool(db, swv.id);
      const to = await aSchool(db, swv.id, { kind: 'sbo' });
      const child = await aStudent(db, swv.id, from.id, { givenName: 'Zoë', familyName: 'Ünal' });
      const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: from.id }]);
      const teacher = await aUser(db, swv.id, [{ role: 'teacher', schoolId: from.id, groups: ['5A'] }]);
      await db.insert(consentTable).values({
        swvId: swv.id,
        id: uuidv7(),
        studentId: child.id,
        purpose: 'hand_over_to_school',
        givenByName: 'Ouder (op papier)',
        givenOn: '2026-01-05',
      });
      const id = uuidv7();
      await db.insert(transitionTable).values({
        swvId: swv.id,
        id,
        studentId: child.id,
        direction: 'within',
        moveKind: 'to_special',
        fromSchoolId: from.id,
        toSchoolId: to.id,
        registeredOn: '2026-01-05',
        movesOn: '2026-02-02',
        report: 'Rustige start nodig.',
        handedOverOn: '2026-01-06',
        handedOverParts: ['support'],
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      return { id, ib: ib.email, teacher: teacher.email, childId: child.id };
    });
    const out = path.join(folder, 'oso-dossier.xml');
    const args = ['export', 'oso', '--transition', ids.id, '--by', ids.ib.toUpperCase()];
    expect(expectSuccess(await run(place, [...args, '--out', out]))).toMatch(
      /^Wrote the OSO dossier to .*oso-dossier\.xml \(suggested name OSO-Zoe-Unal-\d{4}-\d{2}-\d{2}\.xml\)\.\n$/,
    );
    const xml = readFileSync(out, 'utf8');
    expect(validateOsoDossier(xml)).toEqual([]);
    expect(xml).toContain('<onderwijsondersteuning>');
    expect(xml).not.toContain('<schoolloopbaanlijst>');
    expect(expectSuccess(await run(place, args))).toContain('<achternaam>Ünal</achternaam>');
    expectOneErrorLine(await run(place, [...args, '--out', out]), /^error: Cannot write .*: EEXIST$/);
    expectOneErrorLine(
      await run(place, ['export', 'oso', '--transition', ids.id, '--by', ids.teacher]),
      /^error: You may not do this$/,
    );
    expectOneErrorLine(
      await run(place, ['export', 'oso', '--transition', ids.id, '--by', 'nobody@example.test']),
      /^error: No transition with that id, or no active account/,
    );
    const logged = await withOpen(source, ({ db }) =>
      queryRows<{ action: string; outcome: string; request_id: string }>(
        db,
        sql`select action, outcome, request_id from access_log where student_id = ${ids.childId} order by seq`,
      ),
    );
    expect(logged.map((row) => `${row.action} ${row.outcome}`)).toEqual([
      'export allowed',
      'export allowed',
      'export allowed',
      'export denied',
    ]);
    expect(logged[0]!.request_id).toMatch(/^cli-/);
  }, 120_000);

  it('writes the monitor’s yearly report and accountability dataset as the account named, logged as theirs', async () => {
    const ids = await withOpen(source, async ({ db }) => {
      const swv = await aSwv(db, { name: 'SWV Jaarverslag' });
      const school = await aSchool(db, swv.id);
      const policy = await aUser(db, swv.id, [{ role: 'policy' }]);
      const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
      return { swvId: swv.id, policy: policy.email, ib: ib.email };
    });
    const pdfOut = path.join(folder, 'jaarverslag.pdf');
    const report = ['export', 'monitor-report', '--by', ids.policy, '--year', '2025-2026'];
    expect(expectSuccess(await run(source, [...report, '--out', pdfOut]))).toBe(
      `Wrote ${pdfOut} (suggested name jaarverslag-passend-onderwijs-2025-2026.pdf).\n`,
    );
    const pdf = readFileSync(pdfOut).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('/StructTreeRoot');
    expect(pdf).toContain('(Jaarverslag passend onderwijs 2025-2026)');
    const csvOut = path.join(folder, 'verantwoording.csv');
    expectSuccess(
      await run(source, [
        'export',
        'monitor-dataset',
        '--by',
        ids.policy,
        '--year',
        '2025-2026',
        '--out',
        csvOut,
      ]),
    );
    expect(readFileSync(csvOut, 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFindicator;omschrijving;schooljaar;uitsplitsing;waarde;eenheid;verborgen;peildatum',
    );
    expectOneErrorLine(await run(source, [...report, '--out', pdfOut]), /^error: Cannot write .*: EEXIST$/);
    expectOneErrorLine(
      await run(source, ['export', 'monitor-report', '--by', ids.ib, '--out', path.join(folder, 'no.pdf')]),
      /^error: You may not do this$/,
    );
    expectOneErrorLine(
      await run(source, ['export', 'monitor-report', '--by', ids.policy, '--year', '2025', '--out', 'x.pdf']),
      /a school year such as 2025-2026/,
    );
    const logged = await withOpen(source, ({ db }) =>
      queryRows<{ action: string; outcome: string; request_id: string }>(
        db,
        sql`select action, outcome, request_id from access_log
            where swv_id = ${ids.swvId} and object_type = 'monitor' order by seq`,
      ),
    );
    expect(logged.map((row) => `${row.action} ${row.outcome}`)).toEqual([
      'export allowed',
      'export allowed',
      'export denied',
    ]);
    expect(logged[0]!.request_id).toMatch(/^cli-/);
  }, 120_000);
});
