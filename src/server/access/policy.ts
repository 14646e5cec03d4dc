// The one policy: can(actor, action, resource) decides every access, deny by default (TRUST C1).
// Rules read like DESIGN §1. It is pure: the relations it needs (guardian, case member, consent)
// are loaded beforehand by scope.ts in one query. A decision says which relation allowed it, for
// the access log's "purpose".
import type { Role } from '../../domain/roles.ts';
import type { Actor, Membership } from './actor.ts';

/** What the policy knows of a child: where the child is and how the actor relates to the child. */
export type StudentFacts = {
  swvId: string;
  schoolId: string;
  groupName: string;
  isGuardian: boolean;
  isCaseMember: boolean;
  /** Partner organisations that the parents consented to share the file with, in force today. */
  consentedPartnerOrganisationIds: readonly string[];
};

export type Resource =
  | { type: 'tenant' }
  | { type: 'swv'; swvId: string }
  | { type: 'school'; swvId: string; schoolId: string }
  | { type: 'team'; swvId: string }
  | { type: 'user'; swvId: string }
  | { type: 'student'; student: StudentFacts }
  | { type: 'student_list'; swvId: string; schoolId: string }
  | { type: 'access_log'; student: StudentFacts };

export type Action = 'read' | 'create' | 'update' | 'manage';

export type Decision =
  | { allowed: true; role: Role; organisation: string; purpose: string }
  | { allowed: false; reason: string };

type Rule = (actor: Actor, membership: Membership, resource: Resource) => string | null;

const deny = (reason: string): Decision => ({ allowed: false, reason });

function swvOf(resource: Resource): string | null {
  switch (resource.type) {
    case 'tenant':
      return null;
    case 'student':
    case 'access_log':
      return resource.student.swvId;
    default:
      return resource.swvId;
  }
}

function schoolOf(resource: Resource): string | null {
  switch (resource.type) {
    case 'school':
    case 'student_list':
      return resource.schoolId;
    case 'student':
    case 'access_log':
      return resource.student.schoolId;
    default:
      return null;
  }
}

const ownSchool = (m: Membership, r: Resource) => m.schoolId !== null && m.schoolId === schoolOf(r);
const teamSchool = (a: Actor, r: Resource) => {
  const schoolId = schoolOf(r);
  return schoolId !== null && a.teamSchoolIds.includes(schoolId);
};

/**
 * The rules, per role and action: each returns the purpose (the relation that allows it) or null.
 * Anything not listed is denied.
 */
const rules: Partial<Record<Role, Partial<Record<Action, Partial<Record<Resource['type'], Rule>>>>>> = {
  operator: {
    create: { tenant: () => 'operator', user: () => 'operator creates the SWV administrator' },
    read: { tenant: () => 'operator' },
  },
  swv_admin: {
    read: {
      swv: () => 'SWV administrator',
      school: () => 'SWV administrator',
      team: () => 'SWV administrator',
      user: () => 'SWV administrator',
    },
    manage: {
      swv: () => 'SWV administrator',
      school: () => 'SWV administrator',
      team: () => 'SWV administrator',
      user: () => 'SWV administrator',
    },
  },
  consultant: {
    read: {
      swv: () => 'consultant of the SWV',
      school: () => 'consultant of the SWV',
      team: () => 'consultant of the SWV',
      student_list: (a, _m, r) => (teamSchool(a, r) ? 'consultant of the school’s team' : null),
      student: (a, _m, r) => (teamSchool(a, r) ? 'consultant of the school’s team' : null),
    },
    update: {
      student: (a, _m, r) => (teamSchool(a, r) ? 'consultant of the school’s team' : null),
    },
  },
  committee: { read: { swv: () => 'committee of the SWV', school: () => 'committee of the SWV' } },
  policy: { read: { swv: () => 'policy staff of the SWV', school: () => 'policy staff of the SWV' } },
  school_ib: {
    read: {
      swv: () => 'school in the SWV',
      school: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null),
      student_list: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null),
      student: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null),
      access_log: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null),
    },
    create: { student: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null) },
    update: { student: (_a, m, r) => (ownSchool(m, r) ? 'IB’er of the school' : null) },
  },
  school_director: {
    read: {
      swv: () => 'school in the SWV',
      school: (_a, m, r) => (ownSchool(m, r) ? 'director of the school' : null),
      student_list: (_a, m, r) => (ownSchool(m, r) ? 'director of the school' : null),
      student: (_a, m, r) => (ownSchool(m, r) ? 'director of the school' : null),
    },
  },
  teacher: {
    read: {
      swv: () => 'school in the SWV',
      school: (_a, m, r) => (ownSchool(m, r) ? 'teacher at the school' : null),
      student_list: (_a, m, r) => (ownSchool(m, r) ? 'teacher at the school' : null),
      student: (_a, m, r) =>
        r.type === 'student' && ownSchool(m, r) && m.groups.includes(r.student.groupName)
          ? `teacher of group ${r.student.groupName}`
          : null,
    },
  },
  partner: {
    read: {
      student: (_a, m, r) =>
        r.type === 'student' &&
        r.student.isCaseMember &&
        m.partnerOrganisationId !== null &&
        r.student.consentedPartnerOrganisationIds.includes(m.partnerOrganisationId)
          ? 'case member with the parents’ consent'
          : null,
    },
  },
  parent: {
    read: {
      student: (_a, _m, r) => (r.type === 'student' && r.student.isGuardian ? 'parent of the child' : null),
      access_log: (_a, _m, r) =>
        r.type === 'access_log' && r.student.isGuardian ? 'parent of the child' : null,
    },
  },
};

export function can(actor: Actor, action: Action, resource: Resource): Decision {
  const swvId = swvOf(resource);
  if (swvId !== null && swvId !== actor.swvId) return deny('other SWV');
  for (const membership of actor.memberships) {
    const rule = rules[membership.role]?.[action]?.[resource.type];
    const purpose = rule?.(actor, membership, resource);
    if (purpose) {
      return {
        allowed: true,
        role: membership.role,
        organisation: organisationOf(actor, membership),
        purpose,
      };
    }
  }
  return deny(`no rule allows ${action} on ${resource.type}`);
}

/** On whose behalf the role is used, for the access log: "school:<id>", "partner:<id>", "swv:<id>". */
export function organisationOf(actor: Actor, membership: Membership): string {
  if (membership.schoolId) return `school:${membership.schoolId}`;
  if (membership.partnerOrganisationId) return `partner:${membership.partnerOrganisationId}`;
  if (membership.role === 'parent') return 'parent';
  return actor.swvId ? `swv:${actor.swvId}` : 'operator';
}
