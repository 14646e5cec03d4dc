// The English texts of retention.ts, loaded only when someone reads Passend in English.
import type { retentionNl } from './retention.ts';

export const retentionEn: Record<keyof typeof retentionNl, string> = {
  'nav.admin.retention': 'Retention',
  'retention.title': 'Retention',
  'retention.intro':
    'Passend keeps children’s data no longer than needed. You set how long per kind of data. A file is deleted only after you have looked at the dry run and confirm the deletion. The access log stays, with a number instead of the child.',
  'retention.periods': 'Periods',
  'retention.kind.child_file': 'The child’s file',
  'retention.kind.child_file.rule': 'years after the child left the last school of the SWV',
  'retention.kind.support_request': 'Requests and decisions (TLV too)',
  'retention.kind.support_request.rule':
    'years after the decision or the end of the period granted (a TLV: its end date)',
  'retention.kind.absence_case': 'Absence cases',
  'retention.kind.absence_case.rule': 'years after the case was closed',
  'retention.years': 'Number of years: {kind}',
  'retention.yearsOption': '{years} years',
  'retention.bounds': 'Default {defaultYears} years; at least {minYears}, at most {maxYears}. {rule}.',
  'retention.choose': 'Choose the number of years',
  'retention.save': 'Save: {kind}',
  'retention.saved': 'The period for {kind} is saved.',
  'retention.setAt': 'Set on {at}.',
  'retention.default': 'The default period applies.',
  'retention.error': 'Saving did not work. Please try again.',
  'retention.rule.retention_below_floor': 'This period is shorter than the law and the accounts allow.',
  'retention.rule.retention_above_ceiling': 'This period is longer than the SWV’s task needs.',
  'retention.dryRun': 'Dry run: what would be deleted today',
  'retention.dryRunIntro':
    'The dry run changes nothing. Children appear in it by a number only; you see no names or other data.',
  'retention.dueSummary':
    '{children} children’s files and {cases} absence cases without a pupil are due on {today}.',
  'retention.notYetDue':
    'Not due yet: {periodRunning} children whose period runs, {openRequest} with a request or objection running, {openAbsence} with an open absence case or report.',
  'retention.nothingDue': 'Nothing is due for deletion today.',
  'retention.tablesCaption': 'Rows that would be deleted, per table',
  'retention.table': 'Table',
  'retention.rows': 'Rows',
  'retention.itemsCaption': 'Files that are due',
  'retention.itemKind': 'Kind',
  'retention.pseudonym': 'Number',
  'retention.dueOn': 'Due since',
  'retention.itemChild': 'A child’s file',
  'retention.itemAbsence': 'Absence case',
  'retention.confirm': 'I have looked at the dry run. Delete these files for good.',
  'retention.delete': 'Delete for good',
  'retention.confirmFirst': 'First tick that you have looked at the dry run.',
  'retention.deleted':
    '{children} children’s files and {cases} absence cases were deleted. {skipped} were no longer due and stayed.',
  'retention.deleteError': 'Deleting did not work. Nothing was half deleted; please try again.',
};
