// Break-glass access (docs/SECURITY.md A4, docs/domain.md "Break-glass access"): the operator opens
// read access to one child's file of one SWV, with a reason, for a bounded time; the SWV's
// administrators see every window. Shared by the server and the web app.
import { z } from 'zod';
import {
  isSufficientReason,
  maximumReasonLength,
  maximumWindowMinutes,
  minimumReasonLength,
  minimumWindowMinutes,
} from '../domain/breakGlass.ts';
import { Id, Line } from './common.ts';

/** One line (it goes into every access-log row made under the window), a real sentence. */
export const BreakGlassReason = Line(maximumReasonLength + 1).refine(
  isSufficientReason,
  `A reason of ${minimumReasonLength} to ${maximumReasonLength} characters`,
);

export const OpenBreakGlassBody = z.strictObject({
  swvId: Id,
  /** The child's record id, as the SWV's staff gave it (the end of the file's address). */
  studentId: Id,
  reason: BreakGlassReason,
  /** How long, in minutes; without it the longest (60). The operator may close it sooner. */
  minutes: z.number().int().min(minimumWindowMinutes).max(maximumWindowMinutes).optional(),
});

export const BreakGlassWindowState = z.enum(['open', 'closed', 'expired']);

export const BreakGlassWindowView = z.object({
  id: z.string(),
  swvId: z.string(),
  swvName: z.string(),
  /** The child by record id only: no name, not even for the SWV's administrators. */
  studentId: z.string(),
  operatorUserId: z.string(),
  operatorName: z.string(),
  reason: z.string(),
  openedAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  state: BreakGlassWindowState,
  /** How long it ran (or will run, if left open), in whole minutes. */
  minutes: z.number().int(),
  /** How many access-log rows were made under it: what the operator opened. */
  accesses: z.number().int(),
});
export type BreakGlassWindowView = z.infer<typeof BreakGlassWindowView>;

export const BreakGlassList = z.object({ windows: z.array(BreakGlassWindowView) });
export type BreakGlassList = z.infer<typeof BreakGlassList>;
