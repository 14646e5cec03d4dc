// Retention per data kind (docs/decisions/0045): the periods the SWV's administrator set. A kind
// without a row uses the default of src/domain/retention.ts; the bounds are the domain's and the
// check here repeats the widest of them.
import { sql } from 'drizzle-orm';
import { check, foreignKey, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { retentionKinds } from '../../../domain/retention.ts';
import { appUser } from './accounts.ts';
import { swv } from './organisations.ts';

export const retentionSetting = pgTable(
  'retention_setting',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    kind: text('kind', { enum: retentionKinds }).notNull(),
    years: smallint('years').notNull(),
    setByUserId: uuid('set_by_user_id').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.kind] }),
    foreignKey({ columns: [t.swvId, t.setByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('retention_setting_years', sql`${t.years} between 1 and 5`),
  ],
);
