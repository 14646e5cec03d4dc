// Break-glass windows (docs/SECURITY.md A4, docs/decisions/0043-break-glass.md): the operator's
// read access to ONE child's file in ONE SWV, with a reason, for a bounded time. Written only by
// the break-glass module. Evidence like the access log: no foreign key to the child, so the record
// of who looked and why outlives the file.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.ts';
import { swv } from './organisations.ts';

export const breakGlassWindow = pgTable(
  'break_glass_window',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    /** The child, by record id (the id the SWV's staff gave); no name is kept here. */
    studentId: uuid('student_id').notNull(),
    operatorUserId: uuid('operator_user_id')
      .notNull()
      .references(() => appUser.id),
    /** Why, in the operator's words; also the purpose of every access-log row made under it. */
    reason: text('reason').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** The planned end; the window closes by itself then. */
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** When the operator closed it earlier; null otherwise. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.studentId, t.operatorUserId),
    index().on(t.swvId, t.openedAt),
    index().on(t.operatorUserId, t.openedAt),
    check('break_glass_window_period', sql`${t.closesAt} > ${t.openedAt}`),
    check(
      'break_glass_window_closed_in_period',
      sql`${t.closedAt} is null or ${t.closedAt} >= ${t.openedAt}`,
    ),
  ],
);
