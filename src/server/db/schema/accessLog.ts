// The NEN 7513 access log: one row per read, change, export, print or denied attempt on a
// child's data. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained
// per SWV; the chain head serialises writers per SWV. Rows keep ids, never names or content.
import { bigint, boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const accessActions = ['create', 'read', 'update', 'delete', 'export', 'print', 'search'] as const;
export const accessOutcomes = ['allowed', 'denied'] as const;

export const accessLog = pgTable(
  'access_log',
  {
    swvId: uuid('swv_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
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
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.seq] }),
    index().on(t.swvId, t.studentId, t.at),
    index().on(t.swvId, t.actorUserId, t.at),
  ],
);

/** The last sequence number and hash per SWV; updating it locks the chain for one transaction. */
export const accessLogHead = pgTable('access_log_head', {
  swvId: uuid('swv_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
