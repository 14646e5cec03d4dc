// The watch on unusual bulk reading (docs/SECURITY.md E5): after each sealed batch of the access
// log, every user who read a child's data in it is counted (at most once a minute; one who read
// more within that minute is counted again when it is over, also without reading again): the distinct
// children whose data they were allowed in the last hour. Above the threshold, the SWV's
// administrators get a notice in their inbox (and by e-mail as they chose), once per reader per
// hour, leading to the user's page, where they can end the sessions or switch the account off.
import { sql } from 'drizzle-orm';
import {
  bulkReadOccasion,
  bulkReadWindowMs,
  isBulkReading,
  type ReaderCounts,
  readersToCount,
} from '../../../domain/bulkReading.ts';
import type { Reader } from '../../access/sealer.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { notify } from '../notifications/notifications.commands.ts';
import { administratorsOf } from './organisations.service.ts';

export type BulkReadingWatch = (readers: readonly Reader[]) => Promise<void>;

export function watchBulkReading(db: Db, options: { threshold: number; now?: () => Date }): BulkReadingWatch {
  const now = options.now ?? (() => new Date());
  const counts: ReaderCounts<Reader> = new Map();
  return async (readers) => {
    const at = now();
    for (const reader of readersToCount(readers, counts, at)) {
      // The (swv_id, actor_user_id, at) index holds exactly this range.
      const [counted] = await queryRows<{ children: number }>(
        db,
        sql`select count(distinct student_id)::int as children from access_log
             where swv_id = ${reader.swvId}::uuid and actor_user_id = ${reader.userId}::uuid
               and at > ${new Date(at.getTime() - bulkReadWindowMs).toISOString()}::timestamptz
               and outcome = 'allowed' and student_id is not null`,
      );
      if (!isBulkReading(counted?.children ?? 0, options.threshold)) continue;
      const administrators = (await administratorsOf(db, [reader.swvId])).get(reader.swvId) ?? [];
      await notify(db, at, {
        swvId: reader.swvId,
        userIds: administrators,
        kind: 'bulk_reading',
        subjectType: 'user',
        subjectId: reader.userId,
        occasion: bulkReadOccasion(at),
        link: `/admin/users/${reader.userId}`,
      });
    }
  };
}
