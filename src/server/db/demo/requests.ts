// Demo requests for support (docs/domain.md, "Requests and decisions"): for a share of the children
// with a plan, a request in every state, its timeline taken step by step on the state machine, spread
// over the school year up to `today`, so that some are overdue whenever the demo is opened. The
// spotlight school's IB'er has a draft and one sent back; the demo parent's child has one awaiting
// the parents' view and a decided one; the committee has TLVs in review with two advices.
import { sql } from 'drizzle-orm';
import {
  nextStatus,
  type RequestState,
  type RequestStatus,
  type RequestStep,
  type StepInput,
} from '../../../domain/requests.ts';
import { defaultRequestTypesFor } from '../../../domain/requestTypes.ts';
import { addWorkingDays, legalHolidaysOnly } from '../../../domain/workingDays.ts';
import { type Database, queryRows } from '../client.ts';
import { requestAdvice, requestDelivery, requestEvent, supportRequest } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';
import type { Random } from './random.ts';

/** The steps that lead from a draft to each state (a decision granted unless the state says closed). */
const pathTo: Record<Exclude<RequestState, 'draft'>, RequestStep[]> = {
  submitted: ['submit'],
  incomplete: ['submit', 'send_back_incomplete'],
  supplemented: ['submit', 'send_back_incomplete', 'supplement'],
  complete: ['submit', 'accept_complete'],
  in_review: ['submit', 'accept_complete', 'start_review'],
  decided: ['submit', 'accept_complete', 'start_review', 'decide'],
  in_progress: ['submit', 'accept_complete', 'start_review', 'decide', 'start'],
  evaluated: ['submit', 'accept_complete', 'start_review', 'decide', 'start', 'evaluate'],
  closed: ['submit', 'accept_complete', 'start_review', 'decide', 'start', 'evaluate', 'close'],
  withdrawn: ['submit', 'withdraw'],
};

const stateWeights: readonly (readonly [RequestState, number])[] = [
  ['draft', 1],
  ['submitted', 2],
  ['incomplete', 1],
  ['supplemented', 1],
  ['complete', 2],
  ['in_review', 3],
  ['decided', 1],
  ['in_progress', 4],
  ['evaluated', 1],
  ['closed', 2],
  ['withdrawn', 1],
];

const questions = [
  'Ondanks verlengde instructie en extra leestijd blijft het technisch lezen ver achter. We vragen begeleiding door een specialist.',
  'De school kan de gedragsondersteuning in de groep niet meer bieden; we vragen een arrangement met een ambulant begeleider.',
  'Na twee jaar intensieve ondersteuning is de ontwikkeling gestagneerd. De school en ouders denken aan speciaal onderwijs.',
  'Het kind komt steeds minder naar school. We vragen snel overleg en een tijdelijke plek met een plan om terug te keren.',
];
const reasons = [
  'De school heeft de basisondersteuning aantoonbaar ingezet; de extra ondersteuning sluit aan op de doelen in het plan.',
  'Op advies van de deskundigen en met instemming van de ouders; de doelen worden over een half jaar geëvalueerd.',
  'De gevraagde ondersteuning past binnen wat de school zelf kan bieden; we helpen met een consultatie.',
];

type Pupil = { id: string; school_id: string; support_level: number };

const day = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const atNine = (date: string) => new Date(`${date}T08:00:00Z`);

export async function writeRequests(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'requests', swv.registerCode);
  const db = database.db;
  const swvId = swv.id;
  const types = new Map(
    (
      await queryRows<{ id: string; code: string }>(
        db,
        sql`select id, code from request_type where swv_id = ${swvId}`,
      )
    ).map((row) => [row.code, row.id]),
  );
  const staff = await queryRows<{ role: string; user_id: string; school_id: string | null }>(
    db,
    sql`select role, user_id, school_id from membership where swv_id = ${swvId}
        and role in ('school_ib', 'consultant', 'committee') order by user_id`,
  );
  const ibOf = new Map(staff.filter((s) => s.role === 'school_ib').map((s) => [s.school_id!, s.user_id]));
  const consultants = staff.filter((s) => s.role === 'consultant').map((s) => s.user_id);
  const committee = staff.filter((s) => s.role === 'committee').map((s) => s.user_id);
  const pupils = await queryRows<Pupil>(
    db,
    sql`select s.id, s.school_id, s.support_level from student s
        where s.swv_id = ${swvId} and exists (select 1 from plan p where p.swv_id = s.swv_id
          and p.student_id = s.id and p.status = 'active') order by s.id`,
  );
  if (pupils.length === 0 || committee.length === 0 || consultants.length === 0) return;
  const parentChild = (
    await queryRows<{ student_id: string }>(
      db,
      sql`select student_id from student_guardian where swv_id = ${swvId} and user_id = ${people.parentUserId}
          order by student_id`,
    )
  )[0]?.student_id;

  const catalogue = defaultRequestTypesFor(swv.sector).filter((type) => type.subject === 'child');
  const yearStart = Date.UTC(settings.schoolYear, 8, 1);
  const lastDay = Math.max(yearStart + 20 * day, Date.parse(today) - day);
  const rows = {
    request: [] as (typeof supportRequest.$inferInsert)[],
    event: [] as (typeof requestEvent.$inferInsert)[],
    advice: [] as (typeof requestAdvice.$inferInsert)[],
    delivery: [] as (typeof requestDelivery.$inferInsert)[],
  };
  let number = 0;

  const add = (pupil: Pupil, state: RequestState, code: string, random: Random) => {
    const ib = ibOf.get(pupil.school_id);
    const typeId = types.get(code);
    const type = catalogue.find((t) => t.code === code);
    if (!ib || !typeId || !type) return;
    const id = random.id();
    const consultant = random.pick(consultants);
    const decider = type.isTlv || !random.chance(0.5) ? random.pick(committee) : consultant;
    const steps = state === 'draft' ? [] : pathTo[state];
    // Each step a few days after the one before, all of it before today.
    const span = steps.length * 4 + 2;
    let on = yearStart + random.int(0, Math.max(0, Math.floor((lastDay - yearStart) / day) - span)) * day;
    const createdOn = isoDay(on);
    const events: (typeof requestEvent.$inferInsert)[] = [
      {
        swvId,
        id: random.id(),
        requestId: id,
        step: 'create',
        at: atNine(createdOn),
        on: createdOn,
        byUserId: ib,
      },
    ];
    let status: RequestStatus = { state: 'draft', outcome: null };
    const outcome =
      state === 'closed' && random.chance(0.4)
        ? 'rejected'
        : random.pick(['granted', 'granted', 'partly_granted'] as const);
    let completeOn: string | null = null;
    let deadlineOn: string | null = null;
    let decidedOn: string | null = null;
    for (const step of steps) {
      on += random.int(1, 4) * day;
      const date = isoDay(Math.min(on, lastDay));
      const input: StepInput = step === 'decide' ? { step, outcome } : { step };
      // A rejected request is closed after its decision, not started.
      if (status.state === 'decided' && status.outcome === 'rejected' && step !== 'close') continue;
      const next = nextStatus(status, input);
      if ('rule' in next) throw new Error(`demo request: ${status.state} then ${step}`);
      status = next;
      const schoolStep = ['submit', 'supplement', 'withdraw', 'start', 'evaluate'].includes(step);
      if (step === 'accept_complete') {
        completeOn = date;
        deadlineOn = addWorkingDays(date, type.crisis ? 1 : 10, legalHolidaysOnly);
      }
      if (step === 'decide') decidedOn = date;
      events.push({
        swvId,
        id: random.id(),
        requestId: id,
        step,
        at: atNine(date),
        on: date,
        byUserId: step === 'decide' ? decider : schoolStep ? ib : consultant,
        reasonCode: step === 'send_back_incomplete' ? 'parents_consent' : null,
        note:
          step === 'send_back_incomplete' ? 'Graag de getekende toestemming van de ouders toevoegen.' : '',
      });
    }
    const granted = decidedOn !== null && status.outcome !== 'rejected';
    const periodFrom = granted ? isoDay(Date.parse(decidedOn!) + 7 * day) : null;
    const tlvOrArrangement = type.isTlv || code === 'arrangement';
    rows.request.push({
      swvId,
      id,
      number: `${createdOn.slice(0, 4)}-${String(++number).padStart(4, '0')}`,
      typeId,
      schoolId: pupil.school_id,
      studentId: pupil.id,
      state: status.state,
      outcome: status.outcome,
      revision: events.length,
      question: random.pick(questions),
      parentsView:
        state === 'draft' || random.chance(0.2) ? '' : 'Wij herkennen het beeld en steunen de aanvraag.',
      category: type.hasCategory ? random.pick(['low', 'medium', 'high'] as const) : null,
      plannedReturnOn: code === 'opdc_placement' ? isoDay(Date.parse(createdOn) + 120 * day) : null,
      requestedByUserId: ib,
      assignedToUserId: steps.length > 1 ? consultant : null,
      completeOn,
      deadlineOn,
      decidedOn,
      decidedByUserId: decidedOn ? decider : null,
      decisionReasons: decidedOn ? random.pick(reasons) : '',
      periodFrom,
      periodUntil: periodFrom ? isoDay(Date.parse(periodFrom) + (type.isTlv ? 365 : 150) * day) : null,
      budgetCents: granted && tlvOrArrangement && !type.isTlv ? random.int(20, 120) * 10_000 : null,
      hoursGranted: granted && !type.isTlv ? String(random.int(10, 60)) : null,
      provider:
        granted && !type.isTlv
          ? random.pick(['Ambulante dienst cluster 4', 'Leescentrum', 'Orthopedagogenpraktijk'])
          : '',
      evaluationOutcome:
        status.state === 'evaluated' || (status.state === 'closed' && granted) ? 'partly_reached' : null,
      evaluationNote: status.state === 'evaluated' ? 'De leesdoelen zijn grotendeels gehaald.' : '',
      createdAt: atNine(createdOn),
      updatedAt: events.at(-1)!.at,
    });
    rows.event.push(...events);
    if (type.isTlv && completeOn) {
      rows.advice.push(
        {
          swvId,
          id: random.id(),
          requestId: id,
          adviserUserId: consultant,
          expertise: 'orthopedagoog',
          advice: 'Toelaatbaar: de ondersteuningsbehoefte overstijgt wat de school kan bieden.',
          at: atNine(createdOn),
        },
        {
          swvId,
          id: random.id(),
          requestId: id,
          adviserUserId: random.pick(committee),
          expertise: 'other',
          advice: 'Eens met het advies; de ouders steunen de overstap.',
          at: atNine(createdOn),
        },
      );
    }
    if (granted && ['in_progress', 'evaluated', 'closed'].includes(status.state) && !type.isTlv) {
      for (let i = 0; i < random.int(1, 4); i++) {
        const deliveredOn = isoDay(Math.min(Date.parse(periodFrom!) + i * 14 * day, lastDay));
        rows.delivery.push({
          swvId,
          id: random.id(),
          requestId: id,
          deliveredOn,
          hours: String(random.int(2, 6)),
          deliveredBy: 'Ambulant begeleider',
          progress: 'Werkt goed mee; de doelen komen in zicht.',
          recordedByUserId: ib,
          at: atNine(deliveredOn),
        });
      }
    }
  };

  // About one in twelve children with a plan (at least 12, at most 80 per SWV), in states by weight.
  const chosen = random
    .shuffle([...pupils])
    .slice(0, Math.min(80, Math.max(12, Math.ceil(pupils.length / 12))));
  for (const pupil of chosen) {
    const state = random.weighted(stateWeights);
    const tlvs = catalogue.filter((t) => t.isTlv).map((t) => t.code);
    const code =
      pupil.support_level === 4 && tlvs.length
        ? random.pick(tlvs)
        : random.pick(catalogue.filter((t) => !t.isTlv).map((t) => t.code));
    add(pupil, state, code, random);
  }
  // The demo logins' own cases: the spotlight IB'er's draft and one sent back; the parent's child.
  const atSpotlight = await queryRows<Pupil>(
    db,
    sql`select id, school_id, support_level from student where swv_id = ${swvId}
        and school_id = ${people.spotlightSchoolId} and id is distinct from ${parentChild ?? null}
        order by support_level desc, id limit 2`,
  );
  if (atSpotlight[0]) add(atSpotlight[0], 'draft', 'arrangement', random);
  if (atSpotlight[1]) add(atSpotlight[1], 'incomplete', 'arrangement', random);
  const child = pupils.find((p) => p.id === parentChild);
  if (child) {
    add(child, 'submitted', catalogue.find((t) => t.isTlv)?.code ?? 'arrangement', random);
    add(child, 'in_progress', 'arrangement', random);
  }

  await db.transaction(async (tx) => {
    if (rows.request.length) await tx.insert(supportRequest).values(rows.request);
    if (rows.event.length) await tx.insert(requestEvent).values(rows.event);
    if (rows.advice.length) await tx.insert(requestAdvice).values(rows.advice);
    if (rows.delivery.length) await tx.insert(requestDelivery).values(rows.delivery);
  });
}
