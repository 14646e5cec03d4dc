// Children at home (docs/domain.md, "Children at home"): absence cases, the school's watch before
// the 4 weeks, the figures on a reference date and the escalation ladder. The rules are
// src/domain/absence.ts; the server checks them again.
import { z } from 'zod';
import {
  absenceEndings,
  absenceEventKinds,
  absenceKinds,
  absenceThresholds,
  durationBuckets,
  exemptionArticles,
  watchKinds,
  watchStates,
} from '../domain/absence.ts';
import { CalendarDate, Id, Line, Name, Text } from './common.ts';

export const AbsenceCaseParams = z.strictObject({ caseId: Id });
export const AbsenceStepParams = z.strictObject({ caseId: Id, stepId: Id });
export const AbsenceWatchParams = z.strictObject({ watchId: Id });

const Municipality = Line(100).pipe(z.string().min(1));
const Hours = z.number().int().min(-1000).max(1000);

/** GET /api/absence: the cases (open unless `state=all`) and the open watches. */
export const AbsenceListQuery = z.strictObject({
  kind: z.enum(absenceKinds).optional(),
  municipality: Line(100).optional(),
  schoolId: Id.optional(),
  state: z.enum(['open', 'all']).default('open'),
});

/** POST /api/absence/cases: for a student, or for a child enrolled nowhere with its own data. */
export const RegisterAbsenceCaseBody = z
  .strictObject({
    studentId: Id.nullable().default(null),
    child: z
      .strictObject({ givenName: Name, familyName: Name, birthDate: CalendarDate })
      .nullable()
      .default(null),
    municipality: Municipality,
    kind: z.enum(absenceKinds),
    /** Required for an exemption (rule `exemption_needs_article`). */
    exemptionArticle: z.enum(exemptionArticles).nullable().default(null),
    startedOn: CalendarDate,
    reason: Text(2000).default(''),
    attendanceOfficerUserId: Id.nullable().default(null),
    consultantUserId: Id.nullable().default(null),
  })
  .superRefine((body, context) => {
    if ((body.studentId === null) === (body.child === null))
      context.addIssue({
        code: 'custom',
        path: ['child'],
        message: 'Give either the student or the child’s own name and birth date',
      });
  });

/** PATCH /api/absence/cases/:caseId: the people, the reason, or the student record that came. */
export const UpdateAbsenceCaseBody = z.strictObject({
  reason: Text(2000).optional(),
  attendanceOfficerUserId: Id.nullable().optional(),
  consultantUserId: Id.nullable().optional(),
  studentId: Id.optional(),
});

/** POST /api/absence/cases/:caseId/offers: the offer from a day on (rule `offer_hours_out_of_range`). */
export const AbsenceOfferBody = z.strictObject({
  fromOn: CalendarDate,
  educationHours: Hours,
  careHours: Hours,
  description: Text(1000).default(''),
});

export const AbsenceStepBody = z.strictObject({
  what: Line(300).pipe(z.string().min(1)),
  who: Line(200).pipe(z.string().min(1)),
  dueOn: CalendarDate,
});
export const AbsenceStepUpdateBody = z.strictObject({ done: z.boolean() });

export const EndAbsenceCaseBody = z.strictObject({
  endedOn: CalendarDate,
  ending: z.enum(absenceEndings),
  note: Text(2000).default(''),
});

/** POST /api/students/:id/absence-watches: the school's absence report or worry. */
export const AbsenceWatchBody = z.strictObject({
  kind: z.enum(watchKinds),
  absentSince: CalendarDate,
  /** The child's residence municipality; the school's when not given. */
  municipality: Municipality.optional(),
  note: Text(2000).default(''),
});

export const ConvertWatchBody = z.strictObject({ reason: Text(2000).default('') });

/** POST /api/absence/watches/:watchId/close: the worry is over, e.g. the child attends again. */
export const CloseWatchBody = z.strictObject({});

export const AbsenceFiguresQuery = z.strictObject({ on: CalendarDate.optional() });

export const AbsenceLadderBody = z.strictObject({
  /** '' for the SWV's own ladder; a municipality's replaces it for its children. */
  municipality: Line(100).default(''),
  rungs: z.array(z.strictObject({ threshold: z.enum(absenceThresholds), userId: Id })).max(30),
});

const Person = z.object({ id: z.string(), name: z.string() });
const Offer = z.object({
  fromOn: z.string(),
  educationHours: z.number(),
  careHours: z.number(),
  description: z.string(),
  recordedAt: z.string(),
});

export const AbsenceCaseRow = z.object({
  id: z.string(),
  kind: z.enum(absenceKinds),
  childName: z.string(),
  studentId: z.string().nullable(),
  schoolName: z.string().nullable(),
  municipality: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  daysAtHome: z.number().int(),
  pastRedLine: z.boolean(),
  offerHours: z.number().nullable(),
});

export const AbsenceWatchRow = z.object({
  id: z.string(),
  studentId: z.string(),
  childName: z.string(),
  schoolName: z.string(),
  municipality: z.string(),
  kind: z.enum(watchKinds),
  absentSince: z.string(),
  reportedOn: z.string(),
  note: z.string(),
  state: z.enum(watchStates),
  dueOn: z.string(),
  due: z.boolean(),
  caseId: z.string().nullable(),
  permissions: z.object({ convert: z.boolean(), close: z.boolean() }),
});

export const AbsenceList = z.object({
  cases: z.array(AbsenceCaseRow),
  watches: z.array(AbsenceWatchRow),
  municipalities: z.array(z.string()),
  schools: z.array(Person),
  people: z.object({ officers: z.array(Person), consultants: z.array(Person) }),
  permissions: z.object({ register: z.boolean(), figures: z.boolean() }),
});

export const AbsenceCaseView = z.object({
  id: z.string(),
  kind: z.enum(absenceKinds),
  exemptionArticle: z.enum(exemptionArticles).nullable(),
  startedOn: z.string(),
  reason: z.string(),
  municipality: z.string(),
  child: z.object({
    studentId: z.string().nullable(),
    name: z.string(),
    birthDate: z.string(),
    schoolName: z.string().nullable(),
  }),
  attendanceOfficer: Person.nullable(),
  consultant: Person.nullable(),
  offer: Offer.nullable(),
  offers: z.array(Offer),
  steps: z.array(
    z.object({
      id: z.string(),
      what: z.string(),
      who: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(absenceEventKinds),
      threshold: z.enum(absenceThresholds).nullable(),
      on: z.string(),
      by: z.string().nullable(),
      people: z.array(z.string()),
      note: z.string(),
    }),
  ),
  thresholds: z.array(
    z.object({ threshold: z.enum(absenceThresholds), on: z.string(), crossed: z.boolean() }),
  ),
  endedOn: z.string().nullable(),
  ending: z.enum(absenceEndings).nullable(),
  endNote: z.string(),
  daysAtHome: z.number().int(),
  bucket: z.enum(durationBuckets),
  pastRedLine: z.boolean(),
  countsAsThuiszitter: z.boolean(),
  permissions: z.object({ update: z.boolean() }),
});

/** A count; null where a small cell is hidden (policy staff, docs/domain.md "The monitor and small cells"). */
const Count = z.number().int().nullable();
const Breakdown = z.array(z.object({ key: z.string(), count: Count }));

export const AbsenceFigures = z.object({
  on: z.string(),
  smallCellsHidden: z.boolean(),
  total: Count,
  exemptions: Count,
  /** At home 3 months or more without an offer (the Thuiszitterspact's red line). */
  redLine: Count,
  thuiszitters: z.array(
    z.object({
      kind: z.enum(['absolute', 'relative_long']),
      bucket: z.enum(durationBuckets),
      withOffer: z.boolean(),
      count: Count,
    }),
  ),
  bySchool: Breakdown,
  byWijk: Breakdown,
  byMunicipality: Breakdown,
  national: z.object({
    source: z.string(),
    schoolYear: z.string(),
    absolute: z.number(),
    relativeLong: z.number(),
    exemption5a: z.number(),
  }),
});

export const AbsenceLadder = z.object({
  rungs: z.array(
    z.object({ municipality: z.string(), threshold: z.enum(absenceThresholds), userId: z.string() }),
  ),
  municipalities: z.array(z.string()),
  candidates: z.array(Person),
});
