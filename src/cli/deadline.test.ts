// `passend deadline`: the clock's date on the command line, the same computation as the domain's;
// with `--swv`, on a database of this run's mode (a PGlite folder, or a new PostgreSQL database).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { aSwv } from '../../test/support/factories.ts';
import { databaseUrlWithName } from '../../test/support/postgres.ts';
import { type DatabaseTarget, openDatabase } from '../server/db/client.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import { schoolHoliday } from '../server/db/schema/index.ts';
import { runCli } from './program.ts';

/** The command with `env` as the process's settings for the while (the database it opens). */
async function run(...args: string[]) {
  return runWith({}, ...args);
}

async function runWith(env: Record<string, string>, ...args: string[]) {
  const saved = process.env;
  process.env = { ...process.env, PASSEND_DEMO: 'false', ...env };
  if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
  let stdout = '';
  let stderr = '';
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(['node', 'passend', 'deadline', ...args]);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    process.env = saved;
  }
}

describe('passend deadline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the date on which the working days have passed, as the last line', async () => {
    for (const [from, days, deadline] of [
      ['2026-12-22', '10', '2027-01-07'],
      ['2026-04-20', '10', '2026-05-06'],
      ['2026-11-06', '1', '2026-11-09'],
      ['2026-11-04', '0', '2026-11-04'],
    ] as const) {
      const { code, stdout } = await run(from, days);
      expect(code, `${from} + ${days}`).toBe(0);
      expect(stdout.trim().split('\n').at(-1)).toBe(deadline);
    }
  });

  it('refuses a date that does not exist and a number that is no number of days, in one line', async () => {
    for (const args of [
      ['2026-02-30', '10'],
      ['22-12-2026', '10'],
      ['2026-12-22', '-1'],
      ['2026-12-22', '1.5'],
      ['2026-12-22', 'tien'],
      ['2026-12-22'],
    ]) {
      const { code, stdout, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('passend deadline --swv', () => {
  const serverUrl = process.env.DATABASE_URL;
  let folder: string;
  let env: Record<string, string>;
  let cleanup = async () => {};

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'passend-deadline-'));
    let target: DatabaseTarget;
    if (serverUrl) {
      const name = `passend_deadline_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      cleanup = async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
      const url = databaseUrlWithName(serverUrl, name);
      env = { DATABASE_URL: url };
      target = { kind: 'postgres', url };
    } else {
      const dataDir = path.join(folder, 'data');
      env = { PASSEND_DATA_DIR: dataDir };
      target = { kind: 'pglite', dataDir };
    }
    const database = await openDatabase(target);
    try {
      await migrateDatabase(database);
      const db = database.db;
      // Both in regio Midden; only the first skips its school holidays.
      const skipping = await aSwv(db, { registerCode: 'PO 26.04', skipSchoolHolidays: true });
      const counting = await aSwv(db, { registerCode: 'PO 26.01' });
      for (const swvId of [skipping.id, counting.id]) {
        await db.insert(schoolHoliday).values([
          {
            swvId,
            id: uuidv7(),
            schoolYear: '2026-2027',
            name: 'Herfstvakantie',
            firstDay: '2026-10-17',
            lastDay: '2026-10-25',
          },
          {
            swvId,
            id: uuidv7(),
            schoolYear: '2026-2027',
            name: 'Kerstvakantie',
            firstDay: '2026-12-19',
            lastDay: '2027-01-03',
          },
        ]);
      }
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    await cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('skips the school holidays of an SWV that says so, and only the legal holidays otherwise', async () => {
    for (const [args, deadline] of [
      [['2026-12-18', '1', '--swv', 'PO 26.04'], '2027-01-04'],
      [['2026-10-16', '10', '--swv', 'po 26.04'], '2026-11-06'],
      [['2026-12-18', '1', '--swv', 'PO 26.01'], '2026-12-21'],
      [['2026-10-16', '10', '--swv', 'PO 26.01'], '2026-10-30'],
      [['2026-12-18', '1'], '2026-12-21'],
    ] as const) {
      const { code, stdout, stderr } = await runWith(env, ...args);
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(0);
      expect(stdout.trim().split('\n').at(-1), args.join(' ')).toBe(deadline);
    }
  }, 60_000);

  it('says so in one line when no SWV has the register code', async () => {
    const { code, stdout, stderr } = await runWith(env, '2026-12-18', '1', '--swv', 'PO 99.99');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('error: No SWV has register code PO 99.99');
  }, 60_000);
});
