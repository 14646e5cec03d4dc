// The Utrecht-like demo SWV's past (issue 15): three school years before this one, so the monitor's
// trends show something real. Per year: the pupils enrolled on 1 October (somewhat fewer in regular
// schools and a little more in special education the further back, so participation drifts down
// towards this year's 3.2 %), requests decided that year (growing in number; some sent back as
// incomplete, some withdrawn, crisis placements apart, TLVs with their category and start),
// children at home with offers and returns, and objections; moves between the SWV's schools (to
// SBO/SO, back to a regular school, some handed over with risk flags and still open on 31 July),
// children on the waiting list for an SBO or SO place on 1 October and placed from it, and
// satisfaction answers of parents and of pupils. Dated in the past only; nothing names a child
// beyond the pupils the demo has already written.
import { type SQL, sql } from 'drizzle-orm';
import { addDays } from '../../../domain/calendar.ts';
import { defaultRequestTypesFor } from '../../../domain/requestTypes.ts';
import { addWorkingDays, legalHolidaysOnly } from '../../../domain/workingDays.ts';
import { type Database, queryRows } from '../client.ts';
import {
  absenceCase,
  absenceOffer,
  consent,
  objection,
  requestEvent,
  supportRequest,
  surveyResponse,
  transition,
  waitingEntry,
} from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

/** The demo SWV that gets a history: the Utrecht-like one. */
export const historyRegisterCode = 'PO 26.01';
/** How many school years before this one. */
export const historyYears = 3;

const demoId = (at: SQL, key: SQL) =>
  sql`(lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(${key}), 1, 3) || '8' || substr(md5(${key}), 4, 15))::uuid`;
const atNine = (date: string) => new Date(`${date}T08:00:00Z`);

export async function writeHistory(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
): Promise<void> {
  if (plan.registerCode !== historyRegisterCode) return;
  const db = database.db;
  const swvId = plan.id;
  const seed = `${settings.seed}:${plan.registerCode}:history`;
  for (let back = historyYears; back >= 1; back--) {
    const year = settings.schoolYear - back;
    // Regular schools keep 92 %, 95 %, 98 % of today's pupils going back; special ones all of them
    // three years ago, 97 % two years ago and 94 % last year (with today's, a gentle decline).
    const regularShare = [0.98, 0.95, 0.92][back - 1]!;
    const specialShare = [0.94, 0.97, 1][back - 1]!;
    const key = `${seed}:${year}:`;
    await db.execute(sql`
      insert into enrolment (swv_id, id, student_id, school_id, group_name, started_on, ended_on)
      select s.swv_id, ${demoId(sql`${`${year}-08-01`}::timestamptz`, sql`${key}::text || s.id::text`)},
        s.id, s.school_id, '', ${`${year}-08-01`}::date, ${`${year + 1}-08-01`}::date
      from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
      where s.swv_id = ${swvId}
        and not (${back === 1}::boolean and s.school_id = ${plan.spotlightSchoolId}::uuid)
        and ('x' || substr(md5(${key}::text || s.id::text), 1, 7))::bit(28)::int
          < (case when sc.kind in ('sbo', 'so', 'vso') then ${specialShare}::float8 else ${regularShare}::float8 end)
            * 268435456`);
    await writeYear(database, settings, plan, people, year, back);
  }
}

async function writeYear(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
  year: number,
  back: number,
): Promise<void> {
  const db = database.db;
  const swvId = plan.id;
  const random = streamOf(settings, 'history', plan.registerCode, year);
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
        and role in ('school_ib', 'committee') order by user_id`,
  );
  const ibOf = new Map(staff.filter((s) => s.role === 'school_ib').map((s) => [s.school_id!, s.user_id]));
  const committee = staff.filter((s) => s.role === 'committee').map((s) => s.user_id);
  const pupils = await queryRows<{ id: string; schoolId: string; municipality: string }>(
    db,
    sql`select s.id, s.school_id as "schoolId", sc.municipality from student s
        join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
        where s.swv_id = ${swvId} and sc.kind = 'bao' and s.support_level >= 3 order by s.id`,
  );
  if (pupils.length === 0 || committee.length === 0) return;
  const catalogue = defaultRequestTypesFor(plan.sector).filter((t) => t.subject === 'child');
  const requests: (typeof supportRequest.$inferInsert)[] = [];
  const events: (typeof requestEvent.$inferInsert)[] = [];
  const decided: { id: string; decidedOn: string }[] = [];
  // 60, 70 and 80 requests going back to this year: the route is used more each year.
  const count = [80, 70, 60][back - 1]!;
  for (let n = 0; n < count; n++) {
    const pupil = random.pick(pupils);
    const ib = ibOf.get(pupil.schoolId);
    const type = random.weighted(
      catalogue.map((t) => [t, t.isTlv ? 3 : t.code === 'arrangement' ? 5 : t.crisis ? 1 : 2] as const),
    );
    const typeId = types.get(type.code);
    if (!ib || !typeId) continue;
    const id = random.id();
    const createdOn = addDays(`${year}-08-25`, random.int(0, 280));
    const sentBack = random.chance(0.15);
    const withdrawn = random.chance(0.05);
    const completeOn = addDays(createdOn, random.int(2, 6) + (sentBack ? random.int(5, 12) : 0));
    const deadlineOn = addWorkingDays(completeOn, type.crisis ? 1 : 10, legalHolidaysOnly);
    // Most within the deadline; the lead time shortens a little each year.
    const decidedOn = type.crisis
      ? addWorkingDays(completeOn, random.int(0, 2), legalHolidaysOnly)
      : addWorkingDays(
          completeOn,
          random.int(3, random.chance(0.2 + back * 0.05) ? 14 : 10),
          legalHolidaysOnly,
        );
    const outcome = random.weighted([
      ['granted', 7],
      ['partly_granted', 2],
      ['rejected', 1],
    ] as const);
    const granted = outcome !== 'rejected';
    // A TLV decided from June on starts with the next school year.
    const periodFrom = granted
      ? type.isTlv && decidedOn.slice(5) >= '06-01'
        ? `${year + 1}-08-01`
        : addDays(decidedOn, 7)
      : null;
    const base = { swvId, requestId: id, byUserId: ib };
    const step = (
      s: (typeof requestEvent.$inferInsert)['step'],
      on: string,
      by = ib,
      reason = null as never,
    ) =>
      events.push({
        ...base,
        id: random.id(),
        step: s,
        on,
        at: atNine(on),
        byUserId: by,
        reasonCode: reason,
      });
    step('create', createdOn);
    step('submit', createdOn);
    if (sentBack) {
      events.push({
        ...base,
        id: random.id(),
        step: 'send_back_incomplete',
        on: addDays(createdOn, 2),
        at: atNine(addDays(createdOn, 2)),
        byUserId: random.pick(committee),
        reasonCode: random.pick([
          'parents_consent',
          'plan_goals',
          'question_unclear',
          'parents_view',
        ] as const),
      });
      step('supplement', addDays(completeOn, -1));
    }
    step('accept_complete', completeOn, random.pick(committee));
    if (withdrawn) {
      step('withdraw', addDays(completeOn, 2));
    } else {
      step('decide', decidedOn, random.pick(committee));
      step('close', addDays(decidedOn, type.isTlv ? 200 : 150));
      decided.push({ id, decidedOn });
    }
    requests.push({
      swvId,
      id,
      number: `${year}-H${String(n + 1).padStart(3, '0')}`,
      typeId,
      schoolId: pupil.schoolId,
      studentId: pupil.id,
      state: withdrawn ? 'withdrawn' : 'closed',
      outcome: withdrawn ? null : outcome,
      question: 'Ondersteuningsvraag uit een eerder schooljaar.',
      category: type.hasCategory && !withdrawn ? random.pick(['low', 'medium', 'high'] as const) : null,
      requestedByUserId: ib,
      completeOn,
      deadlineOn,
      decidedOn: withdrawn ? null : decidedOn,
      decidedByUserId: withdrawn ? null : random.pick(committee),
      periodFrom: withdrawn ? null : periodFrom,
      periodUntil: periodFrom && !withdrawn ? addDays(periodFrom, type.isTlv ? 364 : 150) : null,
      budgetCents: granted && !withdrawn && !type.isTlv ? random.int(20, 120) * 10_000 : null,
      provider: granted && !type.isTlv ? random.pick(['Ambulante dienst cluster 4', 'Leescentrum']) : '',
      evaluationOutcome:
        granted && !withdrawn && !type.isTlv
          ? random.weighted([
              ['goals_reached', 5],
              ['partly_reached', 3],
              ['not_reached', 1],
            ] as const)
          : null,
      createdAt: atNine(createdOn),
      updatedAt: atNine(createdOn),
    });
  }
  // Children at home: fewer each year (10, 9, 8 going back to this year), some across 31 July.
  const cases: (typeof absenceCase.$inferInsert)[] = [];
  const offers: (typeof absenceOffer.$inferInsert)[] = [];
  for (let n = 0; n < [8, 9, 10][back - 1]!; n++) {
    const pupil = random.pick(pupils);
    const startedOn = addDays(`${year}-09-01`, random.int(0, 300));
    const endedOn = addDays(startedOn, random.int(30, 200));
    const id = random.id();
    // Absolute absence: a child enrolled nowhere, with its own data and no school (docs/domain.md).
    const absolute = random.chance(0.4);
    const child = absolute
      ? {
          childGivenName: random.pick(['Sem', 'Lotte', 'Finn', 'Mila']),
          childFamilyName: random.pick(['de Boer', 'Visser', 'Smit']),
          childBirthDate: addDays(startedOn, -random.int(7 * 365, 11 * 365)),
        }
      : { studentId: pupil.id };
    cases.push({
      swvId,
      id,
      ...child,
      municipality: pupil.municipality,
      kind: absolute ? 'absolute' : 'relative_long',
      startedOn,
      reason: 'Thuiszitter in een eerder schooljaar.',
      consultantUserId: people.consultantUserId,
      endedOn,
      ending: random.pick(['own_school', 'other_school', 'special_education'] as const),
      createdByUserId: people.consultantUserId,
      createdAt: atNine(startedOn),
      updatedAt: atNine(endedOn),
    });
    if (random.chance(0.7)) {
      const fromOn = addDays(startedOn, random.int(14, 90));
      if (fromOn < endedOn)
        offers.push({
          swvId,
          id: random.id(),
          caseId: id,
          fromOn,
          educationHours: random.int(4, 12),
          careHours: random.int(0, 6),
          recordedByUserId: people.consultantUserId,
          recordedAt: atNine(fromOn),
        });
    }
  }
  // Objections against a few decisions: upheld or not.
  const objections = random
    .shuffle([...decided])
    .slice(0, 6)
    .map((d) => {
      const receivedOn = addDays(d.decidedOn, random.int(5, 35));
      return {
        swvId,
        id: random.id(),
        requestId: d.id,
        filedBy: 'parent' as const,
        receivedOn,
        grounds: 'Bezwaar tegen het besluit (eerder schooljaar).',
        state: 'decided' as const,
        decidedOn: addDays(receivedOn, 40),
        outcome: random.chance(0.25) ? ('upheld' as const) : ('rejected' as const),
        createdAt: atNine(receivedOn),
        updatedAt: atNine(receivedOn),
      };
    });
  const { moves, waits, answers } = await movesWaitsAndAnswers(database, settings, plan, people, year, back);
  await db.transaction(async (tx) => {
    if (requests.length) await tx.insert(supportRequest).values(requests);
    if (events.length) await tx.insert(requestEvent).values(events);
    if (cases.length) await tx.insert(absenceCase).values(cases);
    if (offers.length) await tx.insert(absenceOffer).values(offers);
    if (objections.length) await tx.insert(objection).values(objections);
    if (moves.length) await tx.insert(transition).values(moves);
    // A move was handed over with the parents' consent to hand over, long expired now.
    const handed = moves.filter((m) => m.handedOverOn);
    if (handed.length)
      await tx.insert(consent).values(
        handed.map((m) => ({
          swvId,
          id: `${m.id.slice(0, 24)}${'c'.repeat(12)}`,
          studentId: m.studentId,
          purpose: 'hand_over_to_school' as const,
          givenByName: 'Ouder (formulier)',
          scope: 'Verslag en ondersteuningsniveau',
          givenOn: m.registeredOn,
          expiresOn: addDays(m.movesOn, 90),
          proof: 'Ondertekend overdrachtsformulier',
          recordedByUserId: people.ibUserId,
        })),
      );
    if (waits.length) await tx.insert(waitingEntry).values(waits);
    if (answers.length) await tx.insert(surveyResponse).values(answers);
  });
}

/** A random id of version 4 for an answer: it must carry no moment (docs/SECURITY.md, surveys). */
function answerId(random: ReturnType<typeof streamOf>): string {
  const hex = (width: number) => Array.from({ length: width }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

/**
 * One past school year's moves, waits and satisfaction answers (the monitor's OPDC-and-returns,
 * transitions, waiting-list and satisfaction figures; a PO SWV has no OPDC). Counts go with the
 * year: more returns to regular school and longer waiting lists towards this year, fewer moves
 * left open with risks.
 */
async function movesWaitsAndAnswers(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
  year: number,
  back: number,
) {
  const db = database.db;
  const swvId = plan.id;
  const random = streamOf(settings, 'history', 'moves', plan.registerCode, year);
  const schools = plan.schools;
  const regular = schools.filter((s) => s.kind === 'bao');
  const special = schools.filter((s) => s.kind === 'sbo' || s.kind === 'so');
  const moves: (typeof transition.$inferInsert)[] = [];
  const waits: (typeof waitingEntry.$inferInsert)[] = [];
  const answers: (typeof surveyResponse.$inferInsert)[] = [];
  if (regular.length === 0 || special.length === 0) return { moves, waits, answers };
  const childrenOf = (kinds: readonly string[], limit: number) =>
    queryRows<{ id: string; schoolId: string }>(
      db,
      sql`select s.id, s.school_id as "schoolId" from student s
          join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
          where s.swv_id = ${swvId} and sc.kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
          order by md5(s.id::text || ${String(year)}) limit ${limit}`,
    );
  const fromSpecial = await childrenOf(['sbo', 'so'], 20);
  const fromRegular = await childrenOf(['bao'], 80);
  const yearEnd = `${year + 1}-07-31`;
  const move = (
    child: { id: string; schoolId: string },
    to: { id: string },
    moveKind: 'to_special' | 'to_regular' | 'between_schools',
    movesOn: string,
    handedOverOn: string | null,
    riskFlags: ('level_4' | 'active_plan' | 'absence_history')[],
    decidedOn: string | null,
  ) => {
    if (child.schoolId === to.id) return;
    const registeredOn = addDays(movesOn, -random.int(45, 75));
    moves.push({
      swvId,
      id: random.id(),
      studentId: child.id,
      direction: 'within',
      moveKind,
      fromSchoolId: child.schoolId,
      toSchoolId: to.id,
      registeredOn,
      movesOn,
      report: 'Overdracht uit een eerder schooljaar.',
      handedOverOn,
      consentScope: handedOverOn ? 'Verslag en ondersteuningsniveau' : '',
      riskFlags,
      decidedOn,
      outcome: decidedOn ? 'placed' : null,
      startedOn: decidedOn ? movesOn : null,
      createdAt: atNine(registeredOn),
      updatedAt: atNine(decidedOn ?? registeredOn),
    });
  };
  const during = () => addDays(`${year}-09-01`, random.int(0, 280));
  // Back to a regular school from SBO or SO: 14, 12, 10 going back from this year.
  for (const child of fromSpecial.slice(0, [14, 12, 10][back - 1]!)) {
    const movesOn = during();
    move(
      child,
      random.pick(regular),
      'to_regular',
      movesOn,
      addDays(movesOn, -25),
      random.chance(0.5) ? ['level_4'] : [],
      addDays(movesOn, -10),
    );
  }
  // To SBO or SO, with risk flags; and between regular schools, mostly without.
  const toSpecial = fromRegular.slice(0, 9);
  for (const child of toSpecial) {
    const movesOn = during();
    move(
      child,
      random.pick(special),
      'to_special',
      movesOn,
      addDays(movesOn, -25),
      ['level_4', 'active_plan'],
      addDays(movesOn, -10),
    );
  }
  for (const child of fromRegular.slice(9, 27)) {
    const movesOn = during();
    move(
      child,
      random.pick(regular),
      'between_schools',
      movesOn,
      addDays(movesOn, -25),
      random.chance(0.2) ? ['absence_history'] : [],
      addDays(movesOn, -10),
    );
  }
  // Planned for late July, handed over with risk flags in June, decided only in August: open with
  // risks on 31 July (6, 7, 9 going back); and five handed over only after it (all decided since).
  for (const child of fromRegular.slice(27, 27 + [6, 7, 9][back - 1]!)) {
    const movesOn = addDays(yearEnd, -random.int(0, 14));
    move(
      child,
      random.pick(regular),
      'between_schools',
      movesOn,
      addDays(movesOn, -40),
      ['level_4'],
      addDays(yearEnd, random.int(5, 20)),
    );
  }
  for (const child of fromRegular.slice(40, 45)) {
    const movesOn = addDays(yearEnd, -random.int(0, 14));
    move(
      child,
      random.pick(special),
      'to_special',
      movesOn,
      addDays(yearEnd, random.int(2, 10)),
      [],
      addDays(yearEnd, 25),
    );
  }
  // Waiting for an SBO or SO place: on the list on 1 October (20, 17, 14 going back), all placed
  // or withdrawn since; the waits run from June to September, placed after 3 weeks to 7 months.
  const countDate = `${year}-10-01`;
  for (const child of fromRegular.slice(50, 50 + [20, 17, 14][back - 1]!)) {
    const school = random.pick(special);
    const since = addDays(countDate, -random.int(1, 120));
    const endedOn = addDays(countDate, random.int(1, 200));
    waits.push({
      swvId,
      id: random.id(),
      studentId: child.id,
      schoolId: school.id,
      category: school.kind === 'so' ? random.pick(['low', 'medium', 'high'] as const) : 'none',
      since,
      endedOn,
      ending: random.chance(0.85) ? 'placed' : 'withdrawn',
      note: '',
      createdByUserId: people.consultantUserId,
      createdAt: atNine(since),
      updatedAt: atNine(endedOn),
    });
  }
  // Satisfaction: 24 parents and 9 pupils (of 12 and over, from group 8) answered in the year.
  const month = () => {
    const m = random.pick([9, 10, 11, 12, 1, 2, 3, 4, 5, 6]);
    return `${m >= 8 ? year : year + 1}-${String(m).padStart(2, '0')}`;
  };
  const score = () =>
    random.weighted([
      [2, 1],
      [3, 3],
      [4, 7],
      [5, 4],
    ] as const);
  for (const respondent of [...Array(24).fill('parent'), ...Array(9).fill('pupil')] as (
    | 'parent'
    | 'pupil'
  )[]) {
    const overall = score();
    answers.push({
      swvId,
      id: answerId(random),
      schoolId: random.pick(regular).id,
      requestTypeCode: 'arrangement',
      occasion: random.chance(0.5) ? 'request_decided' : 'arrangement_ended',
      respondent,
      schoolYear: `${year}-${year + 1}`,
      month: month(),
      listenedTo: score(),
      clearInformation: score(),
      helpFits: score(),
      result: score(),
      overall,
    });
  }
  return { moves, waits, answers };
}
