// Who is asking: the signed-in user with their scoped memberships, and the request's context.
// The tenant and the actor come only from the session (docs/SECURITY.md C4), never from a request body.
import type { Role } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import type { ReadingDatabase } from '../db/replica.ts';
import type { FactsRow } from './factsRow.ts';

export type Membership = {
  role: Role;
  schoolId: string | null;
  groups: readonly string[];
  partnerOrganisationId: string | null;
};

export type Actor = {
  userId: string;
  /** Null only for the operator. */
  swvId: string | null;
  memberships: readonly Membership[];
  /** The schools of the consultant's teams. */
  teamSchoolIds: readonly string[];
  /**
   * Leerplicht: the municipalities whose children the actor's attendance organisations serve, by
   * their legal task (docs/domain.md, "Children at home").
   */
  attendanceMunicipalities: readonly { partnerOrganisationId: string; municipality: string }[];
};

export type Context = {
  database: Database;
  actor: Actor;
  requestId: string;
  clientAddress: string;
  now: Date;
  /**
   * Where reading work (the monitor, exports, the yearly report) may read: the replica when
   * DATABASE_REPLICA_URL is set and fresh; absent or null: the primary (db/replica.ts).
   */
  reading?: ReadingDatabase | null;
  /**
   * The hash of the request's session token: a child's read in one statement (useCase.ts,
   * runChildRead) writes its log row and reads only while this session still exists, so a
   * sign-out that lands after the session was looked up still stops the read. Absent outside a request.
   */
  sessionTokenHash?: string;
  /**
   * The facts of the child the route names, loaded in the session's query (requestContext.ts;
   * docs/decisions/0038). Used only for that child and this very actor (not one narrowed by actingAs).
   */
  preloaded?: { actor: Actor; studentId: string; facts: FactsRow | null };
};
