// `passend deadline FROM DAYS`: the date on which DAYS working days have passed after FROM (that
// day not counted), by the holidays of the Algemene termijnenwet (docs/domain.md, "The two-week
// clock"). The date is the last line of stdout. An SWV's own school holidays (`--swv`) come with
// the requests module, which stores them.
import { type Command, InvalidArgumentError } from 'commander';
import { addWorkingDays, legalHolidaysOnly } from '../../domain/workingDays.ts';

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

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('the date on which DAYS working days have passed after FROM (legal holidays skipped)')
    .argument('<from>', 'the day the request became complete, YYYY-MM-DD', calendarDate)
    .argument('<days>', 'working days, e.g. 10 (crisis placements: 1)', workingDays)
    .action((from: string, days: number) => {
      console.log(addWorkingDays(from, days, legalHolidaysOnly));
    });
}
