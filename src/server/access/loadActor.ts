// Builds the Actor for a signed-in user: memberships and the schools of the consultant's teams.
// The request context loads it in the same query as the session (one round trip per request).
import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.ts';
import { type Queryable, queryRows } from '../db/client.ts';
import type { Actor } from './actor.ts';

export type ActorRow = {
  user_id: string;
  user_swv_id: string | null;
  disabled: boolean;
  memberships: Array<{
    role: Role;
    school_id: string | null;
    groups: string[];
    partner_organisation_id: string | null;
  }> | null;
  team_school_ids: string[] | null;
  attendance_municipalities: Array<{ partner_organisation_id: string; municipality: string }> | null;
};

/** The columns of ActorRow, selected over `app_user` aliased as `u`. */
export const actorColumns: SQL = sql`
  u.id as user_id, u.swv_id as user_swv_id, u.disabled_at is not null as disabled,
  (select json_agg(json_build_object('role', m.role, 'school_id', m.school_id, 'groups', m.groups,
            'partner_organisation_id', m.partner_organisation_id))
     from membership m where m.user_id = u.id) as memberships,
  (select array_agg(distinct ts.school_id)
     from team_member tm join team_school ts on ts.swv_id = tm.swv_id and ts.team_id = tm.team_id
    where tm.user_id = u.id and tm.swv_id = u.swv_id) as team_school_ids,
  (select json_agg(json_build_object('partner_organisation_id', po.id, 'municipality', po.municipality))
     from membership m join partner_organisation po
       on po.swv_id = u.swv_id and po.id = m.partner_organisation_id
    where m.user_id = u.id and m.role = 'partner' and po.kind = 'leerplicht'
      and po.municipality is not null) as attendance_municipalities`;

/** The actor of a row selected with actorColumns; null for a disabled account. */
export function toActor(row: ActorRow): Actor | null {
  if (row.disabled) return null;
  return {
    userId: row.user_id,
    swvId: row.user_swv_id,
    memberships: (row.memberships ?? []).map((m) => ({
      role: m.role,
      schoolId: m.school_id,
      groups: m.groups,
      partnerOrganisationId: m.partner_organisation_id,
    })),
    teamSchoolIds: row.team_school_ids ?? [],
    attendanceMunicipalities: (row.attendance_municipalities ?? []).map((a) => ({
      partnerOrganisationId: a.partner_organisation_id,
      municipality: a.municipality,
    })),
  };
}

/**
 * The actor of an account named by its e-mail address in an SWV, for a command that acts in a
 * user's name (`passend import oso --by`); null when there is none or it is disabled.
 */
export async function loadActorByEmail(db: Queryable, swvId: string, email: string): Promise<Actor | null> {
  const [row] = await queryRows<ActorRow>(
    db,
    sql`select ${actorColumns} from app_user u where u.swv_id = ${swvId} and u.email = ${email.toLowerCase()}`,
  );
  return row ? toActor(row) : null;
}
