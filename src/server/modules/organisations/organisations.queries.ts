// What other modules may ask of an SWV's organisation: its working calendar, for the decision
// clock of requests (docs/domain.md, "The two-week clock").
import { and, eq } from 'drizzle-orm';
import type { WorkingCalendar } from '../../../domain/workingDays.ts';
import type { Tx } from '../../db/client.ts';
import { schoolHoliday, swv } from '../../db/schema/index.ts';

/** The SWV's settings the clock needs: its periods, and its school holidays when it skips them. */
export async function workingCalendarOf(
  tx: Tx,
  swvId: string,
): Promise<{
  calendar: WorkingCalendar;
  decisionWorkingDays: number;
  crisisWorkingDays: number;
  consultantsDecide: boolean;
}> {
  const [settings] = await tx
    .select({
      skipSchoolHolidays: swv.skipSchoolHolidays,
      decisionWorkingDays: swv.decisionWorkingDays,
      crisisWorkingDays: swv.crisisWorkingDays,
      consultantsDecide: swv.consultantsDecide,
    })
    .from(swv)
    .where(eq(swv.id, swvId));
  if (!settings) throw new Error(`unknown SWV ${swvId}`);
  const holidays = settings.skipSchoolHolidays
    ? await tx
        .select({ from: schoolHoliday.firstDay, to: schoolHoliday.lastDay })
        .from(schoolHoliday)
        .where(and(eq(schoolHoliday.swvId, swvId)))
        .orderBy(schoolHoliday.firstDay)
    : [];
  return {
    calendar: { schoolHolidays: holidays },
    decisionWorkingDays: settings.decisionWorkingDays,
    crisisWorkingDays: settings.crisisWorkingDays,
    consultantsDecide: settings.consultantsDecide,
  };
}
