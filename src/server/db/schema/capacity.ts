// Places and waiting lists (docs/domain.md, "Places and waiting lists"): the SWV's arrangement
// providers, the places of each special school and provider per school year and category, and the
// children waiting for one. Owned by the capacity module.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { maxPlaces, placeCategories, waitEndings } from '../../../domain/capacity.ts';
import { appUser } from './accounts.ts';
import { school, swv } from './organisations.ts';
import { supportRequest } from './requests.ts';
import { student } from './students.ts';

/** Who delivers arrangements (an ambulant service, a plusklas, a rebound): a name the SWV keeps. */
export const arrangementProvider = pgTable(
  'arrangement_provider',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique().on(t.swvId, t.id), unique().on(t.swvId, t.name)],
);

/** The places of one school or provider in one school year, for one category (SO, VSO) or none. */
export const placeCapacity = pgTable(
  'place_capacity',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    schoolYear: text('school_year').notNull(),
    schoolId: uuid('school_id'),
    providerId: uuid('provider_id'),
    category: text('category', { enum: placeCategories }).notNull(),
    places: integer('places').notNull(),
    /** Entered with the places, as the school or provider counts them (docs/decisions/0026). */
    taken: integer('taken').notNull(),
    updatedByUserId: uuid('updated_by_user_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('place_capacity_school')
      .on(t.swvId, t.schoolYear, t.schoolId, t.category)
      .where(sql`${t.schoolId} is not null`),
    uniqueIndex('place_capacity_provider')
      .on(t.swvId, t.schoolYear, t.providerId, t.category)
      .where(sql`${t.providerId} is not null`),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.providerId],
      foreignColumns: [arrangementProvider.swvId, arrangementProvider.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.updatedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('place_capacity_one_place', sql`(${t.schoolId} is null) <> (${t.providerId} is null)`),
    check(
      'place_capacity_counts',
      sql`${t.places} between 0 and ${sql.raw(String(maxPlaces))} and ${t.taken} between 0 and ${sql.raw(String(maxPlaces))}`,
    ),
    check('place_capacity_school_year', sql`${t.schoolYear} ~ '^[0-9]{4}-[0-9]{4}$'`),
  ],
);

/** A child waiting for a place at a special school or with a provider: since when, promised, ended. */
export const waitingEntry = pgTable(
  'waiting_entry',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    /** The request whose decision (a TLV, an arrangement, an OPDC placement) the child waits to use. */
    requestId: uuid('request_id'),
    schoolId: uuid('school_id'),
    providerId: uuid('provider_id'),
    category: text('category', { enum: placeCategories }).notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    /** The day a place is promised from; null while none is. */
    promisedOn: date('promised_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    ending: text('ending', { enum: waitEndings }),
    note: text('note').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.studentId),
    index().on(t.swvId, t.since),
    // A child waits once for one place (docs/domain.md): the rule says so first, this holds it.
    uniqueIndex('waiting_entry_open_school')
      .on(t.swvId, t.studentId, t.schoolId)
      .where(sql`${t.endedOn} is null and ${t.schoolId} is not null`),
    uniqueIndex('waiting_entry_open_provider')
      .on(t.swvId, t.studentId, t.providerId)
      .where(sql`${t.endedOn} is null and ${t.providerId} is not null`),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({
      columns: [t.swvId, t.providerId],
      foreignColumns: [arrangementProvider.swvId, arrangementProvider.id],
    }),
    foreignKey({ columns: [t.swvId, t.createdByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('waiting_entry_one_place', sql`(${t.schoolId} is null) <> (${t.providerId} is null)`),
    check('waiting_entry_ending', sql`(${t.ending} is null) = (${t.endedOn} is null)`),
    check('waiting_entry_promised', sql`${t.promisedOn} is null or ${t.promisedOn} >= ${t.since}`),
    check('waiting_entry_ended', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.since}`),
  ],
);
