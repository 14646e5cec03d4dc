// The satisfaction survey (docs/domain.md, "Satisfaction"). An invitation knows who was asked and
// whether they answered; an answer knows only its context (SWV, school, kind of request, school
// year, month), never the invitation or the person: no answer can be traced back.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { surveyOccasions, surveyRespondents } from '../../../domain/surveys.ts';
import { appUser } from './accounts.ts';
import { school } from './organisations.ts';
import { supportRequest } from './requests.ts';

export const surveyInvitation = pgTable(
  'survey_invitation',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    occasion: text('occasion', { enum: surveyOccasions }).notNull(),
    userId: uuid('user_id').notNull(),
    respondent: text('respondent', { enum: surveyRespondents }).notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    /** When answered; the answer itself is stored apart (survey_response). */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique('survey_invitation_once').on(t.swvId, t.requestId, t.occasion, t.userId),
    index().on(t.swvId, t.userId),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** One answer, apart from any identity: scores 1–5 per question, and an open answer. */
export const surveyResponse = pgTable(
  'survey_response',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    schoolId: uuid('school_id').notNull(),
    /** The request type's code, e.g. tlv_so. */
    requestTypeCode: text('request_type_code').notNull(),
    occasion: text('occasion', { enum: surveyOccasions }).notNull(),
    respondent: text('respondent', { enum: surveyRespondents }).notNull(),
    /** e.g. 2026-2027 */
    schoolYear: text('school_year').notNull(),
    /** The month answered, e.g. 2026-11: no finer, so the time cannot tie an answer to a person. */
    month: text('month').notNull(),
    listenedTo: integer('listened_to'),
    clearInformation: integer('clear_information'),
    helpFits: integer('help_fits'),
    result: integer('result'),
    overall: integer('overall'),
    openAnswer: text('open_answer').notNull().default(''),
  },
  (t) => [
    index().on(t.swvId, t.schoolYear),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    check(
      'survey_response_scale',
      sql`coalesce(${t.listenedTo}, 1) between 1 and 5 and coalesce(${t.clearInformation}, 1) between 1 and 5
        and coalesce(${t.helpFits}, 1) between 1 and 5 and coalesce(${t.result}, 1) between 1 and 5
        and coalesce(${t.overall}, 1) between 1 and 5`,
    ),
  ],
);
