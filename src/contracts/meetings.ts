// Case meetings (MDO / kernteamoverleg) on one child: who took part, the notes, and the actions
// agreed, each of which can be taken into the child's active plan as an agreement.
import { z } from 'zod';
import { agreementOwners, caseMeetingKinds } from '../domain/childFile.ts';
import { meetingRefusals } from '../domain/meetings.ts';
import { CalendarDate, Id, Name, Text } from './common.ts';

export const MeetingParticipant = z.strictObject({
  name: Name,
  /** In their own words: "moeder", "jeugdverpleegkundige JGZ", "consulent SWV". */
  role: Text(100).pipe(z.string().min(1)),
});

const actionFields = {
  action: Text(2000).pipe(z.string().min(1)),
  owner: z.enum(agreementOwners),
};

const meetingFields = {
  participants: z.array(MeetingParticipant).min(1).max(30),
  notes: Text(20_000),
};

export const CreateMeetingBody = z.strictObject({
  kind: z.enum(caseMeetingKinds),
  heldOn: CalendarDate,
  ...meetingFields,
  notes: meetingFields.notes.default(''),
  actions: z.array(z.strictObject(actionFields)).max(30).default([]),
});

/**
 * Changes only what it names: no defaults. `actions` is the whole list after the change, in order:
 * an item with an id keeps that action (its text may change), one without is new, and an action
 * left out is removed. An action already taken into the plan stays as it is.
 */
export const UpdateMeetingBody = z
  .strictObject({
    ...meetingFields,
    actions: z.array(z.strictObject({ id: Id.optional(), ...actionFields })).max(30),
  })
  .partial();

export const MeetingParams = z.strictObject({ meetingId: Id });
export const MeetingActionParams = z.strictObject({ meetingId: Id, actionId: Id });

export const MeetingActionView = z.object({
  id: z.string(),
  action: z.string(),
  owner: z.enum(agreementOwners),
  /** The plan agreement it became; null until it is taken into the plan. */
  planAgreementId: z.string().nullable(),
});

export const MeetingView = z.object({
  id: z.string(),
  studentId: z.string(),
  kind: z.enum(caseMeetingKinds),
  heldOn: z.string(),
  participants: z.array(z.object({ name: z.string(), role: z.string() })),
  notes: z.string(),
  actions: z.array(MeetingActionView),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

/** Why a meeting change or taking an action into the plan is refused (422 `rule_violated`). */
export const MeetingRefusal = z.enum(meetingRefusals);
