// Demo satisfaction surveys (docs/domain.md, "Satisfaction"): the demo parent is invited after the
// decision on their child's running arrangement (the portal shows it open), and each SWV has
// anonymous answers of this school year and the last, enough that the results page shows figures:
// the spotlight school and two others with groups that show, and one school with three answers,
// which is hidden (and with it the next smallest, so the total gives neither away).
import { sql } from 'drizzle-orm';
import { schoolYearOf } from '../../../domain/calendar.ts';
import { type SurveyOccasion, surveyQuestions } from '../../../domain/surveys.ts';
import { type Database, queryRows } from '../client.ts';
import { surveyInvitation, surveyResponse } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';
import type { Random } from './random.ts';

const openAnswers = [
  'Fijn dat er echt naar ons werd geluisterd.',
  'Het duurde lang voordat we iets hoorden.',
  'De begeleider klikte meteen met onze zoon.',
  'Graag vaker een kort berichtje over hoe het gaat.',
  'Duidelijke brief, maar veel moeilijke woorden.',
  'Onze dochter gaat weer met plezier naar school.',
];

/** A random id of version 4: an answer's id must carry no moment (docs/SECURITY.md, the surveys row). */
function randomUuid(random: Random): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  const word = () => Math.floor(random.next() * 2 ** 32);
  const variant = (8 | (word() & 3)).toString(16);
  return `${hex(word(), 8)}-${hex(word(), 4)}-4${hex(word(), 3)}-${variant}${hex(word(), 3)}-${hex(word(), 8)}${hex(word(), 4)}`;
}

/** Mostly content, sometimes not; a question skipped now and then. */
function scoreOf(random: Random): number | null {
  if (random.chance(0.05)) return null;
  return random.weighted([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 5],
  ] as const);
}

export async function writeSurveys(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'surveys', swv.registerCode);
  const db = database.db;
  const swvId = swv.id;
  const invitations: (typeof surveyInvitation.$inferInsert)[] = [];
  // The parent's child's decided requests: invited after the decision, not yet answered.
  const decided = await queryRows<{ id: string; decided_on: string }>(
    db,
    sql`select r.id, r.decided_on::text as decided_on from support_request r
        join student_guardian g on g.swv_id = r.swv_id and g.student_id = r.student_id
        where r.swv_id = ${swvId} and g.user_id = ${people.parentUserId} and r.decided_on is not null
        order by r.id`,
  );
  for (const request of decided) {
    invitations.push({
      swvId,
      id: random.id(),
      requestId: request.id,
      occasion: 'request_decided',
      userId: people.parentUserId,
      respondent: 'parent',
      invitedAt: new Date(`${request.decided_on}T09:00:00Z`),
    });
  }

  // The schools with decided requests, the spotlight school first and largest.
  const schools = await queryRows<{ school_id: string }>(
    db,
    sql`select distinct school_id from support_request where swv_id = ${swvId} and decided_on is not null
        and school_id <> ${people.spotlightSchoolId} order by school_id`,
  );
  const others = random.shuffle(schools.map((s) => s.school_id)).slice(0, 3);
  const codes = await queryRows<{ code: string }>(
    db,
    sql`select code from request_type where swv_id = ${swvId} and subject = 'child' order by position`,
  );
  const thisYear = schoolYearOf(today);
  const lastYear = schoolYearOf(`${Number(thisYear.slice(0, 4))}-01-01`);
  const monthsOf = (year: string, until: string | null) => {
    const first = Number(year.slice(0, 4));
    const months = [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7].map(
      (m) => `${m >= 8 ? first : first + 1}-${String(m).padStart(2, '0')}`,
    );
    return months.filter((month) => until === null || month <= until);
  };
  const responses: (typeof surveyResponse.$inferInsert)[] = [];
  const answer = (schoolId: string, year: string, months: readonly string[]) => {
    const scores = Object.fromEntries(surveyQuestions.map((q) => [q, scoreOf(random)]));
    const occasion: SurveyOccasion = random.chance(0.5) ? 'request_decided' : 'arrangement_ended';
    responses.push({
      swvId,
      id: randomUuid(random),
      schoolId,
      requestTypeCode: random.pick(codes).code,
      occasion,
      respondent: 'parent',
      schoolYear: year,
      month: random.pick(months),
      listenedTo: scores.listened_to!,
      clearInformation: scores.clear_information!,
      helpFits: scores.help_fits!,
      result: scores.result!,
      overall: scores.overall!,
      openAnswer: random.chance(0.3) ? random.pick(openAnswers) : '',
    });
  };
  if (codes.length > 0) {
    const sizes = [14, 9, 6, 3];
    [people.spotlightSchoolId, ...others].forEach((schoolId, index) => {
      for (let i = 0; i < sizes[index]!; i++)
        answer(schoolId, thisYear, monthsOf(thisYear, today.slice(0, 7)));
    });
    for (let i = 0; i < 8; i++) answer(people.spotlightSchoolId, lastYear, monthsOf(lastYear, null));
  }
  await db.transaction(async (tx) => {
    if (invitations.length) await tx.insert(surveyInvitation).values(invitations);
    if (responses.length) await tx.insert(surveyResponse).values(responses);
  });
}
