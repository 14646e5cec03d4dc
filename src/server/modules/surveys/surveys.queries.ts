// Reads and writes of the survey tables (docs/domain.md, "Satisfaction").
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { SurveyAnswerBody } from '../../../contracts/surveys.ts';
import type { SurveyAnswer, SurveyOccasion, SurveyRespondent } from '../../../domain/surveys.ts';
import type { Tx } from '../../db/client.ts';
import {
  requestType,
  student,
  supportRequest,
  surveyInvitation,
  surveyResponse,
} from '../../db/schema/index.ts';

/** The user's invitations not yet answered, with what each is about. */
export async function openInvitations(tx: Tx, swvId: string, userId: string) {
  const rows = await tx
    .select({
      id: surveyInvitation.id,
      occasion: surveyInvitation.occasion,
      respondent: surveyInvitation.respondent,
      invitedAt: surveyInvitation.invitedAt,
      requestNumber: supportRequest.number,
      requestTypeName: requestType.name,
      firstName: student.givenName,
    })
    .from(surveyInvitation)
    .innerJoin(
      supportRequest,
      and(
        eq(supportRequest.swvId, surveyInvitation.swvId),
        eq(supportRequest.id, surveyInvitation.requestId),
      ),
    )
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .leftJoin(student, and(eq(student.swvId, supportRequest.swvId), eq(student.id, supportRequest.studentId)))
    .where(
      and(
        eq(surveyInvitation.swvId, swvId),
        eq(surveyInvitation.userId, userId),
        isNull(surveyInvitation.answeredAt),
      ),
    )
    .orderBy(desc(surveyInvitation.invitedAt), surveyInvitation.id);
  return rows.map((row) => ({
    ...row,
    invitedAt: row.invitedAt.toISOString(),
    firstName: row.firstName ?? '',
  }));
}

/** One invitation of this user, with the context its answer is stored under; null when not theirs. */
export async function ownInvitation(tx: Tx, swvId: string, userId: string, invitationId: string) {
  const [row] = await tx
    .select({
      id: surveyInvitation.id,
      userId: surveyInvitation.userId,
      occasion: surveyInvitation.occasion,
      respondent: surveyInvitation.respondent,
      answeredAt: surveyInvitation.answeredAt,
      schoolId: supportRequest.schoolId,
      requestTypeCode: requestType.code,
    })
    .from(surveyInvitation)
    .innerJoin(
      supportRequest,
      and(
        eq(supportRequest.swvId, surveyInvitation.swvId),
        eq(supportRequest.id, surveyInvitation.requestId),
      ),
    )
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .where(
      and(
        eq(surveyInvitation.swvId, swvId),
        eq(surveyInvitation.id, invitationId),
        eq(surveyInvitation.userId, userId),
      ),
    );
  return row ?? null;
}

/** Marks the invitation answered; false when it was answered meanwhile. */
export async function markAnswered(tx: Tx, swvId: string, invitationId: string, now: Date): Promise<boolean> {
  const marked = await tx
    .update(surveyInvitation)
    .set({ answeredAt: now })
    .where(
      and(
        eq(surveyInvitation.swvId, swvId),
        eq(surveyInvitation.id, invitationId),
        isNull(surveyInvitation.answeredAt),
      ),
    )
    .returning({ id: surveyInvitation.id });
  return marked.length === 1;
}

/**
 * Stores an answer with its context only. Its id is random (v4): a time-ordered id (v7) would carry
 * the moment of answering and tie the answer to the invitation's answered_at.
 */
export async function insertResponse(
  tx: Tx,
  context: {
    swvId: string;
    schoolId: string;
    requestTypeCode: string;
    occasion: SurveyOccasion;
    respondent: SurveyRespondent;
    schoolYear: string;
    month: string;
  },
  answer: z.infer<typeof SurveyAnswerBody>,
): Promise<void> {
  const { scores } = answer;
  await tx.insert(surveyResponse).values({
    ...context,
    id: randomUUID(),
    listenedTo: scores.listened_to,
    clearInformation: scores.clear_information,
    helpFits: scores.help_fits,
    result: scores.result,
    overall: scores.overall,
    openAnswer: answer.openAnswer,
  });
}

/** The answers of an SWV's school year, as the aggregates take them. */
export async function answersOf(tx: Tx, swvId: string, schoolYear: string): Promise<SurveyAnswer[]> {
  const rows = await tx
    .select()
    .from(surveyResponse)
    .where(and(eq(surveyResponse.swvId, swvId), eq(surveyResponse.schoolYear, schoolYear)));
  return rows.map((row) => ({
    schoolId: row.schoolId,
    scores: {
      listened_to: row.listenedTo,
      clear_information: row.clearInformation,
      help_fits: row.helpFits,
      result: row.result,
      overall: row.overall,
    },
    openAnswer: row.openAnswer,
  }));
}

/** The school years the SWV has answers in, newest first. */
export async function answeredSchoolYears(tx: Tx, swvId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ schoolYear: surveyResponse.schoolYear })
    .from(surveyResponse)
    .where(eq(surveyResponse.swvId, swvId));
  return rows
    .map((row) => row.schoolYear)
    .sort()
    .reverse();
}
