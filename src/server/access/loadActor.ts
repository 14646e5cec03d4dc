// Builds the Actor for a signed-in user: memberships and the schools of the consultant's teams,
// in one query.
import { sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.ts';
import { type Queryable, queryRows } from '../db/client.ts';
import type { Actor } from './actor.ts';

type ActorRow = {
  id: string;
  swv_id: string | null;
  disabled: boolean;
  memberships: Array<{
    role: Role;
    school_id: string | null;
    groups: string[];
    partner_organisation_id: string | null;
  }> | null;
  team_school_ids: string[] | null;
};

export async function loadActor(db: Queryable, userId: string): Promise<Actor | null> {
  const [row] = await queryRows<ActorRow>(
    db,
    sql`
    select u.id, u.swv_id, u.disabled_at is not null as disabled,
      (select json_agg(json_build_object('role', m.role, 'school_id', m.school_id, 'groups', m.groups,
                'partner_organisation_id', m.partner_organisation_id))
         from membership m where m.user_id = u.id) as memberships,
      (select array_agg(distinct ts.school_id)
         from team_member tm join team_school ts on ts.swv_id = tm.swv_id and ts.team_id = tm.team_id
        where tm.user_id = u.id and tm.swv_id = u.swv_id) as team_school_ids
    from app_user u where u.id = ${userId}`,
  );
  if (!row || row.disabled) return null;
  return {
    userId: row.id,
    swvId: row.swv_id,
    memberships: (row.memberships ?? []).map((m) => ({
      role: m.role,
      schoolId: m.school_id,
      groups: m.groups,
      partnerOrganisationId: m.partner_organisation_id,
    })),
    teamSchoolIds: row.team_school_ids ?? [],
  };
}
