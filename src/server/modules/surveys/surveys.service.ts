// Use cases of the satisfaction survey (docs/domain.md, "Satisfaction"): a parent's open surveys,
// answering one, and the aggregates. An answer is stored apart from the invitation and the person
// (surveys.queries.ts); the aggregates hide small groups (src/domain/surveys.ts).
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { SurveyAnswerBody, SurveyResultsQuery } from '../../../contracts/surveys.ts';
import { amsterdamToday, schoolYearOf } from '../../../domain/calendar.ts';
import { smallestShownCount } from '../../../domain/smallCells.ts';
import { surveyAnsweredRefusal, surveyMonthOf, surveyResults } from '../../../domain/surveys.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { can } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import { school } from '../../db/schema/index.ts';
import { notFound } from '../../http/errors.ts';
import {
  answeredSchoolYears,
  answersOf,
  insertResponse,
  markAnswered,
  openInvitations,
  ownInvitation,
} from './surveys.queries.ts';

/**
 * The user's open surveys. The list names the child's first name and request, so it is logged as
 * one search (docs/SECURITY.md A1), without a child: a survey is not part of the child's file, and
 * the school that reads the child's log does not learn who was asked.
 */
export async function mySurveys(ctx: Context) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'survey_invitation', swvId, userId: ctx.actor.userId },
      log: { swvId, studentId: null, action: 'search', objectType: 'survey_invitation', objectId: null },
    });
    return { surveys: await openInvitations(tx, swvId, ctx.actor.userId) };
  });
}

/**
 * Answers one's own survey: the invitation is marked answered and the answer stored with its
 * context only (no invitation, person, request or moment), in one transaction. Someone else's
 * invitation, or none, is "not found" and writes nothing.
 */
export async function answerSurvey(
  ctx: Context,
  invitationId: string,
  answer: z.infer<typeof SurveyAnswerBody>,
) {
  const swvId = ownSwv(ctx);
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const invitation = await ownInvitation(tx, swvId, ctx.actor.userId, invitationId);
      if (!invitation) throw notFound();
      await authorizeLogged(tx, ctx, {
        action: 'update',
        resource: { type: 'survey_invitation', swvId, userId: invitation.userId },
        log: {
          swvId,
          studentId: null,
          action: 'update',
          objectType: 'survey_invitation',
          objectId: invitationId,
        },
      });
      return invitation;
    },
    work: async (tx, invitation) => {
      const answered = surveyAnsweredRefusal(invitation.answeredAt);
      if (answered) return answered;
      if (!(await markAnswered(tx, swvId, invitationId, ctx.now))) return surveyAnsweredRefusal(ctx.now)!;
      const today = amsterdamToday(ctx.now);
      await insertResponse(
        tx,
        {
          swvId,
          schoolId: invitation.schoolId,
          requestTypeCode: invitation.requestTypeCode,
          occasion: invitation.occasion,
          respondent: invitation.respondent,
          schoolYear: schoolYearOf(today),
          month: surveyMonthOf(today),
        },
        answer,
      );
      return { answered: true as const };
    },
  });
}

/**
 * The aggregates of a school year, for all schools or one. They hold no child's data and write no
 * access-log row; the policy says who reads which school, and only the SWV's policy staff read the
 * open answers.
 */
export async function surveyResultsOf(ctx: Context, query: z.infer<typeof SurveyResultsQuery>) {
  const swvId = ownSwv(ctx);
  const allSchools = can(ctx.actor, 'read', { type: 'survey_results', swvId, schoolId: null }).allowed;
  // A school's staff see their own school without choosing it.
  const ownSchools = [
    ...new Set(
      ctx.actor.memberships.flatMap((m) =>
        m.schoolId && can(ctx.actor, 'read', { type: 'survey_results', swvId, schoolId: m.schoolId }).allowed
          ? [m.schoolId]
          : [],
      ),
    ),
  ];
  const schoolId = query.schoolId ?? (allSchools ? null : (ownSchools[0] ?? null));
  authorize(ctx, 'read', { type: 'survey_results', swvId, schoolId });
  const schoolYear = query.schoolYear ?? schoolYearOf(amsterdamToday(ctx.now));
  const mayReadOpenAnswers = can(ctx.actor, 'read', { type: 'survey_open_answers', swvId }).allowed;
  return ctx.database.db.transaction(async (tx) => {
    const schools = await tx
      .select({ id: school.id, name: school.name })
      .from(school)
      .where(eq(school.swvId, swvId))
      .orderBy(school.name);
    if (schoolId !== null && !schools.some((s) => s.id === schoolId)) throw notFound();
    const nameOf = new Map(schools.map((s) => [s.id, s.name]));
    const results = surveyResults(await answersOf(tx, swvId, schoolYear), schoolId);
    const years = new Set([
      schoolYear,
      schoolYearOf(amsterdamToday(ctx.now)),
      ...(await answeredSchoolYears(tx, swvId)),
    ]);
    return {
      schoolYear,
      schoolId,
      threshold: smallestShownCount,
      count: results.count,
      questions: results.questions,
      schools: results.schools.map((s) => ({
        id: s.schoolId,
        name: nameOf.get(s.schoolId) ?? '',
        count: s.count,
        overallMean: s.overallMean,
      })),
      openAnswers: mayReadOpenAnswers
        ? results.openAnswers.map((a) => ({
            text: a.text,
            school: a.schoolId ? (nameOf.get(a.schoolId) ?? null) : null,
          }))
        : null,
      choices: {
        schools: allSchools ? schools : schools.filter((s) => ownSchools.includes(s.id)),
        allSchools,
        schoolYears: [...years].sort().reverse(),
      },
    };
  });
}
