// The daily reminders (docs/domain.md, "Notifications"): per SWV, gather the dates that matter
// (running decision clocks, evaluations, plans waiting for the parents, consents ending, the
// transitions' terms and follow-ups, open waits for a place) and let
// src/domain/reminders.ts decide who hears what today. notify() gives each reminder once, so a run
// repeated (a retry, a second instance, a restart) adds nothing.
//
// The job is not a person reading a child's file: it reads dates and first names only to tell the
// people who may open the file, and writes no access-log row. What they then open is logged.
import { sql } from 'drizzle-orm';
import { amsterdamToday } from '../../domain/calendar.ts';
import { planStage } from '../../domain/home.ts';
import { consentWarningDays, remindersDue } from '../../domain/reminders.ts';
import { dutyOfCareClock, followUpOn } from '../../domain/transitions.ts';
import { workingDaysLeft } from '../../domain/workingDays.ts';
import { type Database, queryRows, type Tx } from '../db/client.ts';
import { notify } from '../modules/notifications/notifications.commands.ts';
import { workingCalendarOf } from '../modules/organisations/organisations.queries.ts';

/** Sends today's reminders in every SWV; returns how many notifications were new. */
export async function sendReminders(database: Database, now: Date): Promise<number> {
  const swvs = await queryRows<{ id: string }>(database.db, sql`select id from swv order by id`);
  let created = 0;
  for (const { id: swvId } of swvs) {
    created += await database.db.transaction((tx) => sendRemindersOf(tx, swvId, now));
  }
  return created;
}

async function sendRemindersOf(tx: Tx, swvId: string, now: Date): Promise<number> {
  const today = amsterdamToday(now);
  const { calendar } = await workingCalendarOf(tx, swvId);
  const reminders = remindersDue({
    today,
    ...(await reminderFacts(tx, swvId, today)),
    workingDaysUntil: (date) => workingDaysLeft(today, date, calendar),
  });
  let created = 0;
  for (const reminder of reminders) created += await notify(tx, now, { swvId, ...reminder });
  return created;
}

// Active accounts only: a disabled account hears nothing.
const activeUser = sql.raw(
  'exists (select 1 from app_user u where u.swv_id = x.swv_id and u.id = x.user_id and u.disabled_at is null)',
);

async function reminderFacts(tx: Tx, swvId: string, today: string) {
  const runningRequests = await queryRows<{
    id: string;
    firstName: string | null;
    deadlineOn: string;
    userIds: string[];
  }>(
    tx,
    sql`select r.id, s.given_name as "firstName", r.deadline_on::text as "deadlineOn",
          array_remove(array[r.assigned_to_user_id, r.requested_by_user_id], null)::text[] as "userIds"
        from support_request r left join student s on s.swv_id = r.swv_id and s.id = r.student_id
        where r.swv_id = ${swvId} and r.state in ('complete', 'in_review') and r.deadline_on is not null`,
  );
  // The school's IB'ers evaluate; the plans of every active version with their counts and parents.
  const plans = await queryRows<{
    id: string;
    studentId: string;
    firstName: string;
    version: number;
    amendment: number;
    evaluationDueOn: string;
    goals: number;
    agreements: number;
    ibUserIds: string[];
    parentUserIds: string[];
  }>(
    tx,
    sql`select p.id, p.student_id as "studentId", s.given_name as "firstName", p.version, p.amendment,
          p.evaluation_due_on::text as "evaluationDueOn",
          (select count(*)::int from plan_goal g where g.swv_id = p.swv_id and g.plan_id = p.id) as goals,
          (select count(*)::int from plan_agreement a where a.swv_id = p.swv_id and a.plan_id = p.id) as agreements,
          array(select x.user_id from membership x where x.swv_id = p.swv_id and x.role = 'school_ib'
                and x.school_id = s.school_id and ${activeUser})::text[] as "ibUserIds",
          array(select x.user_id from student_guardian x where x.swv_id = p.swv_id and x.student_id = p.student_id
                and ${activeUser})::text[] as "parentUserIds"
        from plan p join student s on s.swv_id = p.swv_id and s.id = p.student_id
        where p.swv_id = ${swvId} and p.status = 'active'`,
  );
  const responses = await queryRows<{
    planId: string;
    parentUserId: string | null;
    parentName: string;
    agrees: boolean;
    respondedAt: Date;
    amendment: number;
  }>(
    tx,
    sql`select r.plan_id as "planId", r.parent_user_id as "parentUserId", r.parent_name as "parentName",
          r.agrees, r.responded_at as "respondedAt", r.amendment
        from plan_parent_response r join plan p on p.swv_id = r.swv_id and p.id = r.plan_id
        where r.swv_id = ${swvId} and p.status = 'active'`,
  );
  const expiringConsents = await queryRows<{
    id: string;
    studentId: string;
    firstName: string;
    expiresOn: string;
    userIds: string[];
  }>(
    tx,
    sql`select c.id, c.student_id as "studentId", s.given_name as "firstName", c.expires_on::text as "expiresOn",
          array(select x.user_id from student_guardian x where x.swv_id = c.swv_id and x.student_id = c.student_id
                and ${activeUser})::text[] as "userIds"
        from consent c join student s on s.swv_id = c.swv_id and s.id = c.student_id
        where c.swv_id = ${swvId} and c.withdrawn_at is null
          and c.expires_on between ${today}::date and ${today}::date + ${consentWarningDays}::int`,
  );
  // Granted temporary placements (OPDC) whose return is planned.
  const plannedReturns = await queryRows<{
    id: string;
    firstName: string | null;
    plannedReturnOn: string;
    userIds: string[];
  }>(
    tx,
    sql`select r.id, s.given_name as "firstName", r.planned_return_on::text as "plannedReturnOn",
          array_remove(array[r.assigned_to_user_id, r.requested_by_user_id], null)::text[] as "userIds"
        from support_request r left join student s on s.swv_id = r.swv_id and s.id = r.student_id
        where r.swv_id = ${swvId} and r.planned_return_on is not null
          and r.state in ('decided', 'in_progress') and r.outcome <> 'rejected'`,
  );
  // Moves whose receiving school is in this SWV: its IB'ers and director keep the term and the follow-up.
  const moves = await queryRows<{
    id: string;
    firstName: string;
    registeredOn: string;
    extended: boolean;
    pauses: { from: string; to: string | null }[];
    startedOn: string | null;
    decided: boolean;
    userIds: string[];
  }>(
    tx,
    sql`select t.id, s.given_name as "firstName", t.registered_on::text as "registeredOn", t.extended, t.pauses,
          t.started_on::text as "startedOn", t.decided_on is not null as decided,
          array(select x.user_id from membership x where x.swv_id = t.swv_id and x.school_id = t.to_school_id
                and x.role in ('school_ib', 'school_director') and ${activeUser})::text[] as "userIds"
        from transition t join student s on s.swv_id = t.swv_id and s.id = t.student_id
        where t.swv_id = ${swvId} and t.to_school_id is not null
          and (t.decided_on is null or (t.outcome = 'placed' and t.started_on is not null))`,
  );
  // Open waits with no place promised: the child's school's IB'ers and its team's consultants.
  const openWaits = await queryRows<{ id: string; firstName: string; since: string; userIds: string[] }>(
    tx,
    sql`select w.id, s.given_name as "firstName", w.since::text as since,
          array(select x.user_id from membership x where x.swv_id = w.swv_id and x.role = 'school_ib'
                  and x.school_id = s.school_id and ${activeUser}
                union
                select x.user_id from team_member x join team_school ts on ts.swv_id = x.swv_id and ts.team_id = x.team_id
                 where x.swv_id = w.swv_id and ts.school_id = s.school_id and ${activeUser})::text[] as "userIds"
        from waiting_entry w join student s on s.swv_id = w.swv_id and s.id = w.student_id
        where w.swv_id = ${swvId} and w.ended_on is null and w.promised_on is null`,
  );
  return {
    openWaits,
    transitionTerms: moves
      .filter((m) => !m.decided)
      .map((m) => ({
        ...m,
        decideBy: dutyOfCareClock({ ...m, decidedOn: null }, today).decideBy,
      }))
      // A paused term is not running out.
      .filter((m) => !m.pauses.some((pause) => pause.to === null)),
    transitionFollowUps: moves
      .filter((m) => m.decided && m.startedOn)
      .map((m) => ({ ...m, followUpOn: followUpOn(m.startedOn!) })),
    plannedReturns: plannedReturns.map((r) => ({ ...r, firstName: r.firstName ?? '' })),
    runningRequests: runningRequests.map((r) => ({ ...r, firstName: r.firstName ?? '' })),
    activePlans: plans.map((p) => ({ ...p, userIds: p.ibUserIds })),
    plansAwaitingParents: plans
      .filter(
        (p) =>
          planStage({ ...p, responses: responses.filter((r) => r.planId === p.id) }) === 'awaiting_parents',
      )
      .map((p) => ({ ...p, userIds: p.parentUserIds })),
    expiringConsents,
  };
}
