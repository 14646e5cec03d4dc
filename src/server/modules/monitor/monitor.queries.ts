// The monitor's reads: the facts its indicators count, of one SWV and the school years asked, never
// a name. Counting the pupils on 1 October is done in SQL (a count per school); the other facts
// are one short row per request, case or event in the years asked, without anything that names a
// child, so the domain's definitions (src/domain/monitor.ts) stay the one place that counts them.
import { sql } from 'drizzle-orm';
import type {
  AbsenceFactsForMonitor,
  IncompleteFact,
  LevelChangeFact,
  MonitorSchool,
  RequestFactsForMonitor,
  SurveyFactForMonitor,
  TransitionFactsForMonitor,
  WaitFactsForMonitor,
} from '../../../domain/monitor.ts';
import { type Queryable, queryRows } from '../../db/client.ts';

export type Window = { from: string; to: string };

export async function schoolsOf(db: Queryable, swvId: string): Promise<MonitorSchool[]> {
  return queryRows<MonitorSchool>(
    db,
    sql`select id, name, wijk, kind, municipality from school where swv_id = ${swvId} order by name, id`,
  );
}

export async function requestTypesOf(db: Queryable, swvId: string) {
  return queryRows<{ code: string; name: string }>(
    db,
    sql`select code, name from request_type where swv_id = ${swvId} order by position, code`,
  );
}

/**
 * Pupils per school on each count date: the enrolments open that day (started, not yet ended).
 * The SWV's enrolments are read once and counted per school and span first (a school's pupils
 * mostly share their start and end dates), so each date is compared with hundreds of spans, not
 * with every enrolment of every year (bench/RESULTS.md, "monitor").
 */
export async function pupilsOn(db: Queryable, swvId: string, dates: readonly string[]) {
  const list = sql.join(
    dates.map((d) => sql`${d}::date`),
    sql`, `,
  );
  return queryRows<{ on: string; schoolId: string; pupils: number }>(
    db,
    sql`
    with spans as (
      select school_id, started_on, ended_on, count(*) as n from enrolment
      where swv_id = ${swvId}
      group by school_id, started_on, ended_on
    )
    select d.day::text as "on", s.school_id as "schoolId", sum(s.n)::int as pupils
    from unnest(array[${list}]) as d(day)
    join spans s on s.started_on <= d.day and (s.ended_on is null or s.ended_on > d.day)
    group by d.day, s.school_id`,
  );
}

/**
 * The requests decided, withdrawn or starting in the window. An OPDC placement carries its planned
 * return and the child's first day back at a regular school after it started (a move of kind
 * `to_regular` placed, or handed over to another SWV's school), if any.
 */
export async function requestFacts(db: Queryable, swvId: string, window: Window) {
  return queryRows<RequestFactsForMonitor & { plannedReturnOn: string | null; returnedOn: string | null }>(
    db,
    sql`
    with withdrawn as (
      select request_id, min("on") as "on" from request_event
      where swv_id = ${swvId} and step = 'withdraw' and "on" between ${window.from}::date and ${window.to}::date
      group by request_id
    )
    select r.school_id as "schoolId", t.code as "typeCode", t.is_tlv as "isTlv", t.crisis,
      r.outcome, r.category, r.complete_on::text as "completeOn", r.deadline_on::text as "deadlineOn",
      r.decided_on::text as "decidedOn", w."on"::text as "withdrawnOn", r.period_from::text as "periodFrom",
      r.budget_cents as "budgetCents", r.provider, r.evaluation_outcome as "evaluationOutcome",
      r.planned_return_on::text as "plannedReturnOn",
      case when t.code = 'opdc_placement' and r.student_id is not null then (
        select min(coalesce(m.started_on, m.moves_on))::text from transition m
        where m.swv_id = r.swv_id and m.student_id = r.student_id and m.move_kind = 'to_regular'
          and (m.outcome = 'placed' or (m.direction = 'outgoing' and m.handed_over_on is not null))
          and coalesce(m.started_on, m.moves_on) >= coalesce(r.period_from, r.decided_on)
      ) end as "returnedOn"
    from support_request r
    join request_type t on t.swv_id = r.swv_id and t.id = r.type_id
    left join withdrawn w on w.request_id = r.id
    where r.swv_id = ${swvId}
      and (r.decided_on between ${window.from}::date and ${window.to}::date
        or r.period_from between ${window.from}::date and ${window.to}::date
        or w.request_id is not null)`,
  );
}

/** Every send-back as incomplete in the window, with its reason. */
export async function incompleteFacts(db: Queryable, swvId: string, window: Window) {
  return queryRows<IncompleteFact>(
    db,
    sql`
    select r.school_id as "schoolId", t.code as "typeCode", e."on"::text as "on", e.reason_code as reason
    from request_event e
    join support_request r on r.swv_id = e.swv_id and r.id = e.request_id
    join request_type t on t.swv_id = r.swv_id and t.id = r.type_id
    where e.swv_id = ${swvId} and e.step = 'send_back_incomplete'
      and e."on" between ${window.from}::date and ${window.to}::date`,
  );
}

/** The absence cases open at some time in the window, with their offers; the school from the child. */
export async function absenceFacts(
  db: Queryable,
  swvId: string,
  window: Window,
): Promise<AbsenceFactsForMonitor[]> {
  const cases = await queryRows<{
    id: string;
    schoolId: string | null;
    kind: AbsenceFactsForMonitor['kind'];
    startedOn: string;
    endedOn: string | null;
    ending: string | null;
  }>(
    db,
    sql`
    select c.id, s.school_id as "schoolId", c.kind, c.started_on::text as "startedOn",
      c.ended_on::text as "endedOn", c.ending
    from absence_case c
    left join student s on s.swv_id = c.swv_id and s.id = c.student_id
    where c.swv_id = ${swvId} and c.started_on <= ${window.to}::date
      and (c.ended_on is null or c.ended_on >= ${window.from}::date)`,
  );
  const offers = await queryRows<{ caseId: string; fromOn: string; hours: number }>(
    db,
    sql`
    select o.case_id as "caseId", o.from_on::text as "fromOn", (o.education_hours + o.care_hours)::int as hours
    from absence_offer o join absence_case c on c.swv_id = o.swv_id and c.id = o.case_id
    where o.swv_id = ${swvId} and c.started_on <= ${window.to}::date
      and (c.ended_on is null or c.ended_on >= ${window.from}::date)`,
  );
  const byCase = new Map<string, { fromOn: string; hours: number }[]>();
  for (const o of offers) byCase.set(o.caseId, [...(byCase.get(o.caseId) ?? []), o]);
  return cases.map(({ id, ...c }) => ({
    ...c,
    exemptionArticle: null,
    offerHours: null,
    offers: byCase.get(id) ?? [],
  }));
}

/** Objections received, disputes filed, complaints and signals received in the window. */
export async function registerFacts(db: Queryable, swvId: string, window: Window) {
  const between = (column: string) =>
    sql`${sql.raw(column)} between ${window.from}::date and ${window.to}::date`;
  const objections = await queryRows<{ schoolId: string; on: string; state: string; outcome: string | null }>(
    db,
    sql`
    select r.school_id as "schoolId", o.received_on::text as "on", o.state, o.outcome
    from objection o join support_request r on r.swv_id = o.swv_id and r.id = o.request_id
    where o.swv_id = ${swvId} and ${between('o.received_on')}`,
  );
  const disputes = await queryRows<{ schoolId: string | null; on: string; outcome: string | null }>(
    db,
    sql`select school_id as "schoolId", filed_on::text as "on", outcome from dispute
    where swv_id = ${swvId} and ${between('filed_on')}`,
  );
  const complaints = await queryRows<{ schoolId: string | null; on: string; state: string }>(
    db,
    sql`select school_id as "schoolId", received_on::text as "on", state from complaint
    where swv_id = ${swvId} and ${between('received_on')}`,
  );
  const signals = await queryRows<{ schoolId: string | null; on: string; kind: string }>(
    db,
    sql`select school_id as "schoolId", received_on::text as "on", kind from support_signal
    where swv_id = ${swvId} and ${between('received_on')}`,
  );
  return { objections, disputes, complaints, signals };
}

/** The support-level changes of the SWV's children with their school now, and the children per school. */
export async function levelFacts(db: Queryable, swvId: string) {
  const changes = await queryRows<LevelChangeFact & { schoolId: string }>(
    db,
    sql`
    select c.student_id as "studentId", c.level::int as level, c.previous_level::int as "previousLevel",
      c.effective_on::text as "effectiveOn", s.school_id as "schoolId"
    from support_level_change c join student s on s.swv_id = c.swv_id and s.id = c.student_id
    where c.swv_id = ${swvId}`,
  );
  const pupils = await queryRows<{ schoolId: string; pupils: number }>(
    db,
    sql`select school_id as "schoolId", count(*)::int as pupils from student where swv_id = ${swvId} group by school_id`,
  );
  return { changes, pupils };
}

export async function surveyFacts(db: Queryable, swvId: string, years: readonly string[]) {
  return queryRows<SurveyFactForMonitor>(
    db,
    sql`select school_id as "schoolId", school_year as "schoolYear", respondent, overall from survey_response
    where swv_id = ${swvId} and school_year in (${sql.join(
      years.map((y) => sql`${y}`),
      sql`, `,
    )})`,
  );
}

export async function budgetOf(db: Queryable, swvId: string, schoolYear: string) {
  const [row] = await queryRows<{ amountCents: number }>(
    db,
    sql`select amount_cents::bigint::float8 as "amountCents" from arrangement_budget
    where swv_id = ${swvId} and school_year = ${schoolYear}`,
  );
  return row?.amountCents ?? null;
}

/** The moves planned in the window, with the sending school's kind when it is in this SWV. */
export async function transitionFacts(db: Queryable, swvId: string, window: Window) {
  return queryRows<TransitionFactsForMonitor>(
    db,
    sql`
    select m.direction, m.move_kind as "moveKind", m.from_school_id as "fromSchoolId",
      m.to_school_id as "toSchoolId", f.kind as "fromKind", m.moves_on::text as "movesOn",
      m.handed_over_on::text as "handedOverOn", m.risk_flags as "riskFlags",
      m.decided_on::text as "decidedOn", m.outcome, m.started_on::text as "startedOn"
    from transition m
    left join school f on f.swv_id = m.swv_id and f.id = m.from_school_id
    where m.swv_id = ${swvId}
      and (m.moves_on between ${window.from}::date and ${window.to}::date
        or m.started_on between ${window.from}::date and ${window.to}::date)`,
  );
}

/**
 * The waits open at some time in the window: what for (the kind of the school waited for, or an
 * arrangement provider), since when, how they ended; the place is the child's school.
 */
export async function waitFacts(db: Queryable, swvId: string, window: Window) {
  return queryRows<WaitFactsForMonitor>(
    db,
    sql`
    select s.school_id as "schoolId", coalesce(p.kind, 'arrangement') as kind, w.since::text as since,
      w.ended_on::text as "endedOn", w.ending
    from waiting_entry w
    join student s on s.swv_id = w.swv_id and s.id = w.student_id
    left join school p on p.swv_id = w.swv_id and p.id = w.school_id
    where w.swv_id = ${swvId} and w.since <= ${window.to}::date
      and (w.ended_on is null or w.ended_on >= ${window.from}::date)`,
  );
}

/** The participation reference the SWV's administrator set, in percent (default 3.5). */
export async function participationReferenceOf(db: Queryable, swvId: string) {
  const [row] = await queryRows<{ tenths: number }>(
    db,
    sql`select participation_reference_tenths as tenths from swv where id = ${swvId}`,
  );
  return row ? row.tenths / 10 : null;
}
