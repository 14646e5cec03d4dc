// The demo data generator (docs/domain.md): three SWVs shaped like SWV Utrecht PO, Passenderwijs and
// Sterk VO, with real school names from DUO, invented pupils and one login per role. Deterministic:
// the same seed, school year and scale give the same rows. Later aggregates (plans, requests,
// absence, transitions) add one module each and one step in seedDemo, reading back what they need.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { barOf, progressLine } from '../../progress.ts';
import { type Database, queryRows } from '../client.ts';
import { writeAbsence } from './absence.ts';
import { type DemoLogin, type DemoPeople, writeAccounts, writeOperator } from './accounts.ts';
import { writeCapacity } from './capacity.ts';
import { writeCaseFile, writeHistories, writeSchoolIbs } from './caseFile.ts';
import { writePlans } from './childPlans.ts';
import { writeChildRelations } from './childRelations.ts';
import { writeHistory } from './history.ts';
import { writeNotifications } from './notifications.ts';
import { writeObjections } from './objections.ts';
import { writeOrganisation } from './organisations.ts';
import { type DemoSettings, planNational, planRegional } from './plan.ts';
import { writeRequests } from './requests.ts';
import { type DemoPupil, writeStudents } from './students.ts';
import { writeSurveys } from './surveys.ts';
import { writeTransitions, writeTransitionsBetween } from './transitions.ts';
import { batchWriter } from './write.ts';

export type { DemoLogin } from './accounts.ts';

export type DemoScale = 'regional' | 'national';
export type DemoProgress = { label: string; done: number; total: number };

export type DemoOptions = {
  /** Every demo login gets this password (hashed once). */
  password: string;
  /** regional: the three SWVs (~68,000 pupils); national: ~150 SWVs and ~2.5 million pupils. */
  scale: DemoScale;
  seed?: number;
  /** The school year by its first year (2026 = 2026/27); default the current one. */
  schoolYear?: number;
  /** Share of the pupils to generate, e.g. 0.02 in tests; default 1. */
  pupilScale?: number;
  /** The day the demo is opened, YYYY-MM-DD: requests are dated up to it (default: today in Amsterdam). */
  today?: string;
  onProgress?: (progress: DemoProgress) => void;
  /** Stops between schools; what was written stays (the writes are many short transactions). */
  signal?: AbortSignal;
};

export const defaultDemoSeed = 1;

/** The school year running on `today`; a new one starts on 1 August. */
export function currentSchoolYear(today: Date = new Date()): number {
  return today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

/** A random demo password (16 characters) for when none is configured. */
export function newDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function hasAnySwv(database: Database): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    database.db,
    sql`select exists (select 1 from swv) as found`,
  );
  return row?.found === true;
}

/**
 * Fills an empty database with demo data and returns the demo logins. Writes in short statements
 * and transactions (PGlite has one connection); refuse beforehand if the database has SWVs.
 */
export async function seedDemo(database: Database, options: DemoOptions): Promise<DemoLogin[]> {
  const schoolYear = options.schoolYear ?? currentSchoolYear();
  const settings: DemoSettings = {
    seed: options.seed ?? defaultDemoSeed,
    schoolYear,
    createdAt: new Date(Date.UTC(schoolYear, 6, 1, 8)),
    pupilScale: options.pupilScale ?? 1,
  };
  const plans = options.scale === 'national' ? planNational(settings) : planRegional(settings);
  const total = plans.reduce(
    (sum, plan) => sum + plan.schools.reduce((s, school) => s + school.pupilCount, 0),
    0,
  );
  let done = 0;
  const report = (label: string) => options.onProgress?.({ label, done, total });
  report('pupils');

  const passwordHash = await hashPassword(options.password);
  const logins = [await database.db.transaction((tx) => writeOperator(tx, settings, passwordHash))];

  // Organisation and pupils first, SWV by SWV; on PostgreSQL the pupil batches of one SWV are
  // still being written while the next SWV is planned and sent.
  const writer = batchWriter(database);
  const spotlights: DemoPupil[][] = [];
  try {
    for (const plan of plans) {
      options.signal?.throwIfAborted();
      await writeOrganisation(database, settings, plan);
      spotlights.push(
        await writeStudents(settings, plan, writer, (count) => {
          options.signal?.throwIfAborted();
          done += count;
          report('pupils');
        }),
      );
    }
  } catch (error) {
    // Never leave statements running behind the caller's back (it may close the database next).
    await writer.flush().catch(() => {});
    throw error;
  }
  await writer.flush();

  const allPeople: DemoPeople[] = [];
  const today = options.today ?? amsterdamToday(new Date());
  for (const [index, plan] of plans.entries()) {
    const spotlight = spotlights[index]!;
    const people = await database.db.transaction(async (tx) => {
      const written = await writeAccounts(tx, settings, plan, passwordHash, spotlight);
      await writeChildRelations(tx, settings, plan, written, spotlight);
      await writeSchoolIbs(tx, settings, plan);
      await writeCaseFile(tx, settings, plan, written, spotlight);
      return written;
    });
    // Set-wise from the pupils written above, each statement its own short transaction.
    await writeHistories(database, settings, plan);
    logins.push(...people.logins);
    // Plans need their authors and the children's parents written first.
    report('plans');
    await writePlans(database, settings, plan, people, spotlight);
    await writeRequests(database, settings, plan, people, today);
    // Objections need the decided requests written first.
    await writeObjections(database, settings, plan, people, today);
    await writeSurveys(database, settings, plan, people, today);
    // Waits follow the decisions that place children.
    await writeCapacity(database, settings, plan, today);
    await writeAbsence(database, settings, plan, people, today);
    await writeNotifications(database, settings, plan, people, today);
    await writeTransitions(database, settings, plan, people, today);
    // The Utrecht-like SWV's past school years, for the monitor's trends.
    await writeHistory(database, settings, plan, people);
    allPeople.push(people);
  }
  // Moves between SWVs need both SWVs written (docs/decisions/0025-transitions-between-swvs.md).
  await writeTransitionsBetween(database, settings, plans, allPeople, today);
  // Fresh statistics, so the first queries on the new data get good plans.
  await database.exec('analyze');
  return logins;
}

/** The demo logins as lines for a terminal: the password, then per SWV one line per role. */
export function formatDemoLogins(logins: readonly DemoLogin[], password: string, maxSwvs = 3): string {
  const lines = [`Demo logins (password for all: ${password}):`];
  const operator = logins.find((l) => l.swv === null);
  if (operator) lines.push(`  ${'operator'.padEnd(16)} ${operator.email}`);
  const bySwv = new Map<string, DemoLogin[]>();
  for (const login of logins) {
    if (!login.swv) continue;
    const key = `${login.swv.name} (${login.swv.registerCode})`;
    bySwv.set(key, [...(bySwv.get(key) ?? []), login]);
  }
  for (const [swvName, swvLogins] of [...bySwv].slice(0, maxSwvs)) {
    lines.push(`  ${swvName}`);
    for (const login of swvLogins) lines.push(`    ${login.role.padEnd(16)} ${login.email}`);
  }
  const [, more] = [...bySwv][maxSwvs] ?? [];
  if (more) {
    const example = more.find((l) => l.role === 'policy') ?? more[0]!;
    lines.push(`  … and the same roles in ${bySwv.size - maxSwvs} more SWVs, e.g. ${example.email}`);
  }
  lines.push(
    'SWV roles (operator, admin, consultant, committee, policy) and partners set up a second factor (TOTP) at first login.',
  );
  return lines.join('\n');
}

/**
 * The server's start-up hook (PASSEND_DEMO): seeds the regional demo when the database has no SWV
 * yet, with the configured password or a random one. Returns the lines to print, or null.
 */
export async function seedDemoIfEmpty(
  database: Database,
  configuredPassword: string | undefined,
): Promise<string | null> {
  if (await hasAnySwv(database)) return null;
  const password = configuredPassword ?? newDemoPassword();
  process.stderr.write('Empty database: writing the demo data…\n');
  const line = progressLine();
  const startedAt = Date.now();
  try {
    const logins = await seedDemo(database, {
      password,
      scale: 'regional',
      onProgress: ({ done, total, label }) => line.update(barOf(done, total, label)),
    });
    line.done(`Demo data written in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
    return formatDemoLogins(logins, password);
  } catch (error) {
    line.done();
    throw error;
  }
}
