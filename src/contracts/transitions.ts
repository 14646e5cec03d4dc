// Moves between schools (docs/domain.md, "Transitions"): the sending school starts and hands over,
// the receiving school decides within its duty-of-care term. The rules are src/domain/transitions.ts;
// the server checks each step again.
import { z } from 'zod';
import { osoParts } from '../domain/osoExport.ts';
import {
  moveKinds,
  riskFlags,
  transitionDirections,
  transitionNeeds,
  transitionOutcomes,
} from '../domain/transitions.ts';
import { CalendarDate, Id, Line, Text } from './common.ts';

export const TransitionParams = z.strictObject({ transitionId: Id });
export const StudentTransitionParams = z.strictObject({ studentId: Id });

/** BRIN and vestiging of the receiving school, as DUO writes it (e.g. 12AB00). */
const LocationCode = z.string().regex(/^[0-9]{2}[A-Z]{2}[0-9]{2}$/, 'BRIN and vestiging, like 12AB00');

/** POST /api/students/:studentId/transitions: the sending school's IB'er starts a move. */
export const StartTransitionBody = z.strictObject({
  /** The receiving school among the schools on Passend, of this SWV or another. */
  toLocationCode: LocationCode,
  registeredOn: CalendarDate,
  movesOn: CalendarDate,
  report: Text(8000).default(''),
});

/** POST /api/transitions/:transitionId/steps: one step, by the school whose step it is. */
export const TransitionStepBody = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('report'), report: Text(8000) }),
  z.strictObject({
    step: z.literal('hand_over'),
    /** The parts of the file the parents consented to hand over (the OSO dossier holds exactly these). */
    parts: z.array(z.enum(osoParts)).max(osoParts.length).default([]),
  }),
  z.strictObject({
    step: z.literal('meeting'),
    meetingOn: CalendarDate,
    meetingWith: Line(300).pipe(z.string().min(1)),
  }),
  z.strictObject({ step: z.literal('wait') }),
  z.strictObject({ step: z.literal('resume') }),
  z.strictObject({ step: z.literal('extend') }),
  z.strictObject({
    step: z.literal('decide'),
    outcome: z.enum(transitionOutcomes),
    /** Why not placed; required then. */
    reason: Text(4000).default(''),
    /** The first day at the new school; required when placed. */
    startsOn: CalendarDate.optional(),
  }),
]);

export const transitionSteps = [
  'report',
  'hand_over',
  'meeting',
  'wait',
  'resume',
  'extend',
  'decide',
] as const;

export const TransitionListQuery = z.strictObject({
  /** Leaving my school, arriving at my school, or every move of the consultant's schools. */
  view: z.enum(['leaving', 'arriving', 'swv']),
  /** `due`: only what waits for the view's side (src/domain/transitions.ts transitionAttention), urgent first. */
  period: z.enum(['open', 'due', 'summer', 'all']).default('open'),
});

export const SchoolDirectoryQuery = z.strictObject({ q: Line(100).default('') });

const SchoolRef = z.object({
  locationCode: z.string(),
  name: z.string(),
  /** The SWV's name when the school is of another SWV; null in the own SWV. */
  otherSwvName: z.string().nullable(),
});

export const SchoolDirectory = z.object({
  schools: z.array(SchoolRef.extend({ kind: z.string() })),
});

export const ClockView = z.object({
  decideBy: z.string(),
  temporaryPlacementOn: z.string(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  paused: z.boolean(),
  /** Past 10 weeks without a decision: the child is placed temporarily. */
  temporaryPlacement: z.boolean(),
});

export const TransitionRow = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  direction: z.enum(transitionDirections),
  moveKind: z.enum(moveKinds),
  from: SchoolRef,
  to: SchoolRef,
  registeredOn: z.string(),
  movesOn: z.string(),
  handedOverOn: z.string().nullable(),
  /** The receiving school's term; null where this SWV does not hold it (an outgoing move). */
  clock: ClockView.nullable(),
  /** Null where the reader may not see them (the receiving school before the hand-over). */
  risks: z.array(z.enum(riskFlags)).nullable(),
  outcome: z.enum(transitionOutcomes).nullable(),
  decidedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  followUpOn: z.string().nullable(),
});

export const TransitionView = TransitionRow.extend({
  birthDate: z.string(),
  /** Null where the reader may not see it (the receiving school before the hand-over). */
  report: z.string().nullable(),
  consentScope: z.string().nullable(),
  /** Whether the parents' consent to hand over is in force today (the sending side only). */
  consentInForce: z.boolean().nullable(),
  /** The parts handed over (the OSO dossier's); null where the reader may not see them. */
  handedOverParts: z.array(z.enum(osoParts)).nullable(),
  meetingOn: z.string().nullable(),
  meetingWith: z.string(),
  extended: z.boolean(),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  decisionReason: z.string(),
  permissions: z.object({
    steps: z.array(z.enum(transitionSteps)),
    /** May download the OSO hand-over dossier now (docs/decisions/0030-oso-dossier-export.md). */
    osoDossier: z.boolean(),
  }),
});

/** GET /api/transitions/:transitionId/oso-dossier: the OSO 2019.1 dossier, application/xml. */
export const osoDossierContentType = 'application/xml; charset=utf-8';

/** What a listed move waits for, seen from the list's side; null when nothing. */
export const AttentionView = z.object({
  need: z.enum(transitionNeeds),
  dueOn: z.string(),
  urgent: z.boolean(),
});

export const TransitionListRow = TransitionRow.extend({ attention: AttentionView.nullable() });

export const TransitionList = z.object({ transitions: z.array(TransitionListRow) });

export const StudentTransitions = z.object({
  transitions: z.array(TransitionRow),
  permissions: z.object({ start: z.boolean() }),
});
