// `passend deadline FROM DAYS [--swv CODE]`: the date on which DAYS working days have passed after
// FROM (that day not counted), by the holidays of the Algemene termijnenwet (docs/domain.md, "The
// two-week clock"); with `--swv`, by that SWV's calendar: its school holidays too when it skips
// them. The date is the last line of stdout.

import { type Command, InvalidArgumentError } from 'commander';
import { sql } from 'drizzle-orm';
import { addWorkingDays, legalHolidaysOnly, type WorkingCalendar } from '../../domain/workingDays.ts';
import type { Database } from '../../server/db/client.ts';
import { swv } from '../../server/db/schema/index.ts';
import { workingCalendarOf } from '../../server/modules/organisations/organisations.queries.ts';
import { CliError, withDatabase } from '../context.ts';

function calendarDate(value: string): string {
  // The domain refuses a date that does not exist (2027-02-30) with a RangeError.
  try {
    addWorkingDays(value, 0, legalHolidaysOnly);
  } catch {
    throw new InvalidArgumentError('not a calendar date (YYYY-MM-DD)');
  }
  return value;
}

function workingDays(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('not a number of working days (0–999)');
  return Number(value);
}

/** The working calendar of the SWV with this register code ("PO 26.04", any case). */
export async function calendarOfSwv(database: Database, registerCode: string): Promise<WorkingCalendar> {
  return database.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: swv.id })
      .from(swv)
      .where(sql`upper(${swv.registerCode}) = ${registerCode.trim().toUpperCase()}`);
    if (!found) throw new CliError(`No SWV has register code ${registerCode.trim()}`);
    return (await workingCalendarOf(tx, found.id)).calendar;
  });
}

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('the date on which DAYS working days have passed after FROM (legal holidays skipped)')
    .argument('<from>', 'the day the request became complete, YYYY-MM-DD', calendarDate)
    .argument('<days>', 'working days, e.g. 10 (crisis placements: 1)', workingDays)
    .option(
      '--swv <register code>',
      'use this SWV’s calendar, e.g. "PO 26.04": its school holidays too when it skips them',
    )
    .action(async (from: string, days: number, options: { swv?: string }) => {
      const registerCode = options.swv;
      const calendar = registerCode
        ? await withDatabase((database) => calendarOfSwv(database, registerCode), { requireMigrated: true })
        : legalHolidaysOnly;
      console.log(addWorkingDays(from, days, calendar));
    });
}
