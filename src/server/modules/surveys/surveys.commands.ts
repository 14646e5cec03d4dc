// What other modules (and the scheduled jobs) may ask the surveys module to do: invite the people
// around a request to the satisfaction survey, in the caller's transaction, so the invitation exists
// exactly when the decision or the evaluation that caused it commits (docs/domain.md, "Satisfaction").
import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { type SurveyOccasion, surveyInvitees } from '../../../domain/surveys.ts';
import type { Queryable } from '../../db/client.ts';
import { student, studentGuardian, supportRequest, surveyInvitation } from '../../db/schema/index.ts';
import { notify } from '../notifications/notifications.commands.ts';

/**
 * Invites the child's parents with an account (and the pupil from 12 with an account of their own:
 * Passend has no pupil accounts yet, so none) and puts a notice in their inbox. Idempotent: one
 * invitation per request, occasion and person, so calling it twice invites no one twice. A team's
 * request has no child and invites no one. Returns how many were newly invited.
 */
export async function inviteToSurvey(
  tx: Queryable,
  now: Date,
  about: { swvId: string; requestId: string; occasion: SurveyOccasion },
): Promise<number> {
  const [request] = await tx
    .select({ studentId: supportRequest.studentId, givenName: student.givenName })
    .from(supportRequest)
    .leftJoin(student, and(eq(student.swvId, supportRequest.swvId), eq(student.id, supportRequest.studentId)))
    .where(and(eq(supportRequest.swvId, about.swvId), eq(supportRequest.id, about.requestId)));
  if (!request?.studentId) return 0;
  const guardians = await tx
    .select({ userId: studentGuardian.userId })
    .from(studentGuardian)
    .where(and(eq(studentGuardian.swvId, about.swvId), eq(studentGuardian.studentId, request.studentId)));
  const invitees = surveyInvitees({
    guardianUserIds: guardians.map((g) => g.userId),
    pupil: null,
    today: amsterdamToday(now),
  });
  if (invitees.length === 0) return 0;
  const invited = await tx
    .insert(surveyInvitation)
    .values(
      invitees.map((invitee) => ({
        swvId: about.swvId,
        id: uuidv7(),
        requestId: about.requestId,
        occasion: about.occasion,
        userId: invitee.userId,
        respondent: invitee.respondent,
        invitedAt: now,
      })),
    )
    .onConflictDoNothing({
      target: [
        surveyInvitation.swvId,
        surveyInvitation.requestId,
        surveyInvitation.occasion,
        surveyInvitation.userId,
      ],
    })
    .returning({ id: surveyInvitation.id, userId: surveyInvitation.userId });
  for (const invitation of invited) {
    await notify(tx, now, {
      swvId: about.swvId,
      userIds: [invitation.userId],
      kind: 'survey_invited',
      subjectType: 'survey',
      subjectId: invitation.id,
      firstName: request.givenName ?? '',
      link: `/surveys/${invitation.id}`,
    });
  }
  return invited.length;
}

/**
 * For the daily job: the granted arrangements whose period ended before today without an
 * evaluation yet, invited as ended (an evaluation invites at once, through the requests module).
 * Returns how many people were newly invited.
 */
export async function inviteAfterEndedArrangements(tx: Queryable, now: Date): Promise<number> {
  const today = amsterdamToday(now);
  const ended = await tx
    .select({ swvId: supportRequest.swvId, id: supportRequest.id })
    .from(supportRequest)
    .where(
      and(
        inArray(supportRequest.state, ['in_progress']),
        lt(supportRequest.periodUntil, today),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(surveyInvitation)
            .where(
              and(
                eq(surveyInvitation.swvId, supportRequest.swvId),
                eq(surveyInvitation.requestId, supportRequest.id),
                eq(surveyInvitation.occasion, 'arrangement_ended'),
              ),
            ),
        ),
      ),
    );
  let count = 0;
  for (const request of ended) {
    count += await inviteToSurvey(tx, now, {
      swvId: request.swvId,
      requestId: request.id,
      occasion: 'arrangement_ended',
    });
  }
  return count;
}
