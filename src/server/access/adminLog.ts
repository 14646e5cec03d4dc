// The administrators' audit trail (admin_event): who changed which account, role or sign-in
// setting of an SWV, and when. Written in the same transaction as the change; append-only in the
// database. Details hold ids and role names only, never personal data.
import { uuidv7 } from 'uuidv7';
import type { AdminEventKind } from '../../contracts/admin.ts';
import type { Queryable } from '../db/client.ts';
import { adminEvent } from '../db/schema/index.ts';

export type AdminEventEntry = {
  swvId: string;
  /** Null when the operator acts at the command line. */
  actorUserId: string | null;
  kind: AdminEventKind;
  subjectUserId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
};

export async function appendAdminEvent(db: Queryable, entry: AdminEventEntry): Promise<void> {
  await db.insert(adminEvent).values({
    id: uuidv7(),
    swvId: entry.swvId,
    at: entry.at,
    actorUserId: entry.actorUserId,
    kind: entry.kind,
    subjectUserId: entry.subjectUserId ?? null,
    details: entry.details ?? {},
  });
}
