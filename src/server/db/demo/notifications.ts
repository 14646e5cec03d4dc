// Demo notifications (docs/domain.md, "Notifications"): the spotlight school's IB'er and the demo
// consultant find a few in their inbox, some read, built from the demo requests they concern. They
// are marked as needing no e-mail, so the mail job never writes to the demo addresses.
import { sql } from 'drizzle-orm';
import type { NotificationKind } from '../../../domain/notifications.ts';
import { type Database, queryRows } from '../client.ts';
import { notification } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

type Row = { id: string; state: string; given_name: string | null };

const hour = 60 * 60 * 1000;

export async function writeNotifications(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'notifications', swv.registerCode);
  const db = database.db;
  const requestsIn = (states: string, where: ReturnType<typeof sql>) =>
    queryRows<Row>(
      db,
      sql`select r.id, r.state, s.given_name from support_request r
          left join student s on s.swv_id = r.swv_id and s.id = r.student_id
          where r.swv_id = ${swv.id} and r.state = any(${`{${states}}`}::text[]) and ${where}
          order by r.id limit 3`,
    );
  const ibRequests = await requestsIn(
    'incomplete,decided,in_progress',
    sql`r.requested_by_user_id = ${people.ibUserId}`,
  );
  const [consultant] = await queryRows<{ id: string }>(
    db,
    sql`select u.id from app_user u where u.swv_id = ${swv.id} and u.email like 'consulent@%' limit 1`,
  );
  const consultantRequests = consultant
    ? await requestsIn(
        'supplemented,in_review',
        sql`exists (select 1 from team_school ts join team_member tm on tm.swv_id = ts.swv_id
            and tm.team_id = ts.team_id where ts.swv_id = r.swv_id and ts.school_id = r.school_id
            and tm.user_id = ${consultant.id})`,
      )
    : [];

  const end = Date.parse(`${today}T08:00:00Z`);
  const rows: (typeof notification.$inferInsert)[] = [];
  const add = (userId: string, request: Row, kind: NotificationKind, index: number) => {
    const createdAt = new Date(end - (index * 26 + random.int(0, 5)) * hour);
    rows.push({
      swvId: swv.id,
      id: random.id(),
      userId,
      kind,
      subjectType: 'request',
      subjectId: request.id,
      occasion: 'demo',
      firstName: request.given_name ?? '',
      link: `/requests/${request.id}`,
      createdAt,
      // The newest two stay unread, so the header shows a count.
      readAt: index >= 2 ? new Date(createdAt.getTime() + hour) : null,
      emailState: 'none',
    });
  };
  const kindOfIb = (state: string): NotificationKind =>
    state === 'incomplete' ? 'request_incomplete' : 'request_decided';
  for (const [index, request] of ibRequests.entries()) {
    add(people.ibUserId, request, kindOfIb(request.state), index);
  }
  for (const [index, request] of consultantRequests.entries()) {
    const kind = request.state === 'supplemented' ? 'request_supplemented' : 'deadline_near';
    add(consultant!.id, request, kind, index);
  }
  if (rows.length > 0) await db.insert(notification).values(rows).onConflictDoNothing();
}
