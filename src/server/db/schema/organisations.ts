// The SWV (tenant) and its organisation: boards, schools, consultants' teams, partner organisations.
// Every tenant row carries swv_id and references between tenant rows include it, so a row cannot
// point into another SWV (the composite foreign keys enforce it in the database).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { holidayRegions, partnerKinds, schoolKinds, sectors } from '../../../domain/organisation.ts';

export const swv = pgTable(
  'swv',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The ministry's code, e.g. "PO 26.04". */
    registerCode: text('register_code').notNull().unique(),
    sector: text('sector', { enum: sectors }).notNull(),
    municipalities: text('municipalities').array().notNull().default(sql`'{}'::text[]`),
    holidayRegion: text('holiday_region', { enum: holidayRegions }).notNull(),
    decisionWorkingDays: integer('decision_working_days').notNull().default(10),
    crisisWorkingDays: integer('crisis_working_days').notNull().default(1),
    skipSchoolHolidays: boolean('skip_school_holidays').notNull().default(false),
    /** Consultants decide the request types marked so (arrangements); the committee decides the rest. */
    consultantsDecide: boolean('consultants_decide').notNull().default(false),
    /** A role with access to children's data takes effect only after a second approval (on by default). */
    grantApprovalRequired: boolean('grant_approval_required').notNull().default(true),
    /**
     * The monitor's reference for participation in SBO, SO and VSO, in tenths of a percent (35 =
     * 3.5 %, the national figure), set by the SWV's administrator (docs/decisions/0035).
     */
    participationReferenceTenths: integer('participation_reference_tenths').notNull().default(35),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('swv_participation_reference', sql`${t.participationReferenceTenths} between 0 and 1000`)],
);

export const board = pgTable(
  'board',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    /** DUO "bevoegd gezag nummer". */
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique().on(t.swvId, t.id), unique().on(t.swvId, t.code)],
);

export const school = pgTable(
  'school',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    boardId: uuid('board_id'),
    /** BRIN (4 characters) + vestiging (2 digits), e.g. "12AB00". */
    brin: text('brin').notNull(),
    locationCode: text('location_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: schoolKinds }).notNull(),
    wijk: text('wijk').notNull(),
    municipality: text('municipality').notNull(),
    /** The visiting address as DUO's school register has it (docs/domain.md, "The school register"). */
    street: text('street').notNull().default(''),
    postcode: text('postcode'),
    city: text('city').notNull().default(''),
    /** DUO's denomination, e.g. "Rooms-Katholiek", "Openbaar". */
    denomination: text('denomination'),
    /** The school's holiday region where DUO gives it; otherwise the SWV's. */
    holidayRegion: text('holiday_region', { enum: holidayRegions }),
    pupilCount: integer('pupil_count').notNull().default(0),
    supportProfile: text('support_profile').notNull().default(''),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique().on(t.swvId, t.locationCode),
    foreignKey({ columns: [t.swvId, t.boardId], foreignColumns: [board.swvId, board.id] }),
    check('school_location_code', sql`${t.locationCode} ~ '^[0-9]{2}[A-Z]{2}[0-9]{2}$'`),
  ],
);

export const team = pgTable(
  'team',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    wijk: text('wijk').notNull(),
  },
  (t) => [unique().on(t.swvId, t.id), unique().on(t.swvId, t.name)],
);

export const teamSchool = pgTable(
  'team_school',
  {
    swvId: uuid('swv_id').notNull(),
    teamId: uuid('team_id').notNull(),
    schoolId: uuid('school_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.teamId, t.schoolId] }),
    foreignKey({ columns: [t.swvId, t.teamId], foreignColumns: [team.swvId, team.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** A core-partner organisation: buurtteam (youth care), JGZ (school doctor), leerplicht. */
export const partnerOrganisation = pgTable(
  'partner_organisation',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: partnerKinds }).notNull(),
    /** Leerplicht: the municipality whose children it serves by its legal task (docs/domain.md). */
    municipality: text('municipality'),
  },
  (t) => [unique().on(t.swvId, t.id), unique().on(t.swvId, t.name)],
);

/** Which partner organisations work at which school (the school's core-partner team). */
export const partnerSchool = pgTable(
  'partner_school',
  {
    swvId: uuid('swv_id').notNull(),
    partnerOrganisationId: uuid('partner_organisation_id').notNull(),
    schoolId: uuid('school_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.partnerOrganisationId, t.schoolId] }),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * The school holidays of the SWV's region for one school year ("2026-2027"), entered by an
 * administrator: when the SWV says so, the decision clock skips them (src/domain/workingDays.ts).
 */
export const schoolHoliday = pgTable(
  'school_holiday',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    schoolYear: text('school_year').notNull(),
    name: text('name').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.firstDay),
    check('school_holiday_year', sql`${t.schoolYear} ~ '^[0-9]{4}-[0-9]{4}$'`),
    check('school_holiday_period', sql`${t.lastDay} >= ${t.firstDay}`),
  ],
);

/** Single sign-on with OpenID Connect, one provider per SWV (the schools' federation). */
export const swvOidc = pgTable('swv_oidc', {
  swvId: uuid('swv_id')
    .primaryKey()
    .references(() => swv.id),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** Sealed under the key `clientSecretKeyId`, as the TOTP secrets (auth/secrets.ts). */
  clientSecret: text('client_secret').notNull(),
  /** Null only for a plaintext secret written before 0004, sealed at the next start. */
  clientSecretKeyId: text('client_secret_key_id'),
  enabled: boolean('enabled').notNull().default(true),
  /** The SWV vouches that its provider enforces a second factor: only then is `amr` trusted. */
  providerEnforcesMfa: boolean('provider_enforces_mfa').notNull().default(false),
});
