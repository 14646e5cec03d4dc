// The English texts of calendar.ts, loaded only when someone reads Passend in English.
import type { calendarNl } from './calendar.ts';

export const calendarEn: Record<keyof typeof calendarNl, string> = {
  'nav.admin.schoolHolidays': 'School holidays',
  'admin.audit.kind.clock_settings_changed': 'Deadlines changed',
  'admin.audit.kind.school_holidays_changed': 'School holidays changed',

  'calendar.settings.clock': 'Deadlines of requests',
  'calendar.settings.clockIntro':
    'The SWV decides within this time after a request is complete. The deadline counts working days: no weekends or public holidays.',
  'calendar.settings.decisionWorkingDays': 'Decision deadline in working days',
  'calendar.settings.decisionWorkingDaysHint': '10 working days (two weeks) by default; from 1 to 60.',
  'calendar.settings.crisisWorkingDays': 'Deadline of a crisis placement in working days',
  'calendar.settings.crisisWorkingDaysHint': '1 working day by default; from 1 to 10.',
  'calendar.settings.skipSchoolHolidays': 'The deadline stands still in the school holidays',
  'calendar.settings.skipSchoolHolidaysHint':
    'Days in your region’s school holidays then do not count as working days. You enter the holidays on the School holidays page.',
  'calendar.settings.consultantsDecide': 'Consultants decide on arrangements',
  'calendar.settings.consultantsDecideHint':
    'Without this, the committee decides on all requests. The committee always decides on a TLV.',
  'calendar.settings.holidaysLink': 'Go to the school holidays',
  'calendar.error.decisionWorkingDays': 'Enter a decision deadline of 1 to 60 working days.',
  'calendar.error.crisisWorkingDays': 'Enter a crisis placement deadline of 1 to 10 working days.',

  'calendar.holidays.title': 'School holidays',
  'calendar.holidays.intro':
    'Enter your region’s school holidays ({region}) per school year, as the government publishes them. A school year runs from 1 August to 31 July; the summer holiday may run on into August.',
  'calendar.holidays.skipped': 'The deadline of requests stands still in these holidays.',
  'calendar.holidays.counted':
    'The deadline of requests now counts these holidays as working days. You change that in Settings.',
  'calendar.holidays.schoolYear': 'School year',
  'calendar.holidays.caption': 'School holidays {schoolYear}',
  'calendar.holidays.empty': 'No school holidays have been entered for {schoolYear} yet.',
  'calendar.holidays.name': 'Holiday',
  'calendar.holidays.firstDay': 'First day',
  'calendar.holidays.lastDay': 'Last day',
  'calendar.holidays.days': 'Days',
  'calendar.holidays.editTitle': 'Change the school holidays of {schoolYear}',
  'calendar.holidays.editIntro': 'What you save replaces all holidays of this school year.',
  'calendar.holidays.row': 'Holiday {number}',
  'calendar.holidays.add': 'Add a holiday',
  'calendar.holidays.remove': 'Remove holiday {number}',
  'calendar.holidays.noRows': 'No holidays. Add one, or save to empty this school year.',
  'calendar.holidays.max': 'A school year has at most {max} holidays.',
  'calendar.holidays.save': 'Save holidays',
  'calendar.holidays.saved': 'The school holidays of {schoolYear} have been saved.',
  'calendar.error.holidayName': 'Enter the name of the holiday.',
  'calendar.error.holidayName.tooLong': 'Make the name of the holiday shorter (at most 100 characters).',
  'calendar.error.firstDay': 'Enter the first day as a date that exists.',
  'calendar.error.lastDay': 'Enter the last day as a date that exists.',
  'calendar.rule.holiday_outside_school_year':
    'The first day is not in this school year (1 August to 31 July).',
  'calendar.rule.holiday_ends_before_start': 'The last day is before the first day.',
  'calendar.rule.holiday_too_long': 'A holiday lasts at most ten weeks.',
  'calendar.rule.holidays_overlap': 'This holiday falls on the same days as another one.',
  'calendar.rule.too_many_holidays': 'A school year has at most 20 holidays.',
};
