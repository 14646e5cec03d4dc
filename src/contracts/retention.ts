// Retention per data kind (docs/domain.md, "Retention"; docs/decisions/0045): the SWV's periods,
// the dry run of what is due today and the deletion the administrator confirms after it. Children
// appear by their pseudonymous id only: the administrator sees no child data.
import { z } from 'zod';
import { retentionKinds } from '../domain/retention.ts';
import { Id } from './common.ts';

export const RetentionKindView = z.object({
  kind: z.enum(retentionKinds),
  years: z.number().int(),
  defaultYears: z.number().int(),
  minYears: z.number().int(),
  maxYears: z.number().int(),
  /** When the administrator last set it; null: the default applies. */
  setAt: z.string().nullable(),
});

export const RetentionSettingsView = z.object({ kinds: z.array(RetentionKindView) });
export type RetentionSettingsView = z.infer<typeof RetentionSettingsView>;

/** PUT /api/retention/settings: one kind's period in whole years; the bounds are the domain's (422). */
export const PutRetentionSettingBody = z.strictObject({
  kind: z.enum(retentionKinds),
  years: z.number().int().min(0).max(100),
});

export const RetentionDueItem = z.object({
  /** The pseudonymous id: the record's id, which the access log keeps after the deletion. */
  pseudonym: z.string(),
  dueOn: z.string(),
});

export const RetentionReport = z.object({
  /** The day the report is for (Amsterdam). */
  today: z.string(),
  /** Children whose whole file is due. */
  children: z.array(RetentionDueItem),
  /** Ended absence cases of children without a file in Passend. */
  absenceCases: z.array(RetentionDueItem),
  /** Rows that the deletion would remove, per table, over all that is due. */
  tables: z.array(z.object({ table: z.string(), rows: z.number().int() })),
  /** Children who left but are not due yet, by why (counts only). */
  notYetDue: z.object({
    openRequest: z.number().int(),
    openAbsence: z.number().int(),
    periodRunning: z.number().int(),
  }),
});
export type RetentionReport = z.infer<typeof RetentionReport>;

/**
 * POST /api/retention/deletions: deletes what the administrator saw in the dry run. Each id is
 * checked again; one no longer due (or unknown) is skipped, never deleted.
 */
export const DeleteDueBody = z.strictObject({
  children: z.array(Id).max(2000),
  absenceCases: z.array(Id).max(2000),
});

export const DeletionResult = z.object({
  deletedChildren: z.number().int(),
  deletedAbsenceCases: z.number().int(),
  skipped: z.number().int(),
});
export type DeletionResult = z.infer<typeof DeletionResult>;
