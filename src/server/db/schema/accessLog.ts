// The NEN 7513 access log: one row per read, change, export, print or denied attempt on a
// child's data. Append-only (a trigger refuses DELETE and TRUNCATE, and every UPDATE but the
// sealer's one-time filling of the seal columns). A request appends its row with no lock shared
// with other requests; the sealer (src/server/access/sealer.ts) later numbers the committed rows
// per SWV and hash-chains them (docs/decisions/0033). Rows keep ids, never names or content.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accessActions = ['create', 'read', 'update', 'delete', 'export', 'print', 'search'] as const;
export const accessOutcomes = ['allowed', 'denied'] as const;

export const accessLog = pgTable(
  'access_log',
  {
    /** The order of appending (all SWVs); the sealer takes unsealed rows in this order. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    swvId: uuid('swv_id').notNull(),
    /** The row's place in its SWV's chain, from 1; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    /** On whose behalf: the school, team or partner organisation the role was used for. */
    actorOrganisation: text('actor_organisation').notNull(),
    studentId: uuid('student_id'),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    part: text('part'),
    action: text('action', { enum: accessActions }).notNull(),
    outcome: text('outcome', { enum: accessOutcomes }).notNull(),
    /** The relation or consent that allowed it, the reason it was denied, or a break-glass reason. */
    purpose: text('purpose').notNull(),
    breakGlass: boolean('break_glass').notNull().default(false),
    clientAddress: text('client_address').notNull(),
    requestId: text('request_id').notNull(),
    /** Seal columns: null until sealed, then never changed again. */
    previousHash: text('previous_hash'),
    hash: text('hash'),
    sealedAt: timestamp('sealed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex().on(t.swvId, t.seq),
    index('access_log_unsealed_index').on(t.id).where(sql`${t.seq} is null`),
    index().on(t.swvId, t.studentId, t.at),
    index().on(t.swvId, t.actorUserId, t.at),
  ],
);

/** The last sealed sequence number and hash per SWV; only the sealer moves it. */
export const accessLogHead = pgTable('access_log_head', {
  swvId: uuid('swv_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
