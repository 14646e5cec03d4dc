// Demo accounts: one login per role per SWV (and the operator), all with the one demo password, plus
// a few colleagues without a password (consultants filling the teams, the other children's parents).
// No second factor is enrolled: SWV roles set one up at their first login, as in real use.
import type { Role } from '../../../domain/roles.ts';
import type { Queryable } from '../client.ts';
import { appUser, membership, teamMember } from '../schema/index.ts';
import { adultName, fullName, pickOrigin } from './names.ts';
import type { DemoSettings, SwvPlan } from './plan.ts';
import { streamOf } from './plan.ts';
import type { Random } from './random.ts';
import type { DemoPupil } from './students.ts';
import { siblingsOf } from './students.ts';

export type DemoLogin = {
  role: Role;
  email: string;
  displayName: string;
  /** Null for the operator, who belongs to no SWV. */
  swv: { name: string; registerCode: string } | null;
};

export const demoDomain = 'demo.passend.nl';

/** The local part of each demo login's address: ib@utrecht.demo.passend.nl. */
export const loginLocalParts = {
  swv_admin: 'admin',
  consultant: 'consulent',
  committee: 'commissie',
  policy: 'beleid',
  school_ib: 'ib',
  school_director: 'directeur',
  teacher: 'leerkracht',
  partner: 'buurtteam',
  parent: 'ouder',
} as const satisfies Record<Exclude<Role, 'operator'>, string>;

/** Extra consultants per team, so a team looks like one; they cannot log in. */
const colleaguesPerTeam = 2;

export type DemoPeople = {
  logins: DemoLogin[];
  /** The spotlight school's IB'er (the demo login). */
  ibUserId: string;
  parentUserId: string;
  partnerUserId: string;
  partnerOrganisationId: string;
  spotlightSchoolId: string;
  /** The attendance officer (leerplicht), when the SWV has a leerplicht organisation. */
  attendanceOfficerUserId: string | null;
  consultantUserId: string;
};

type UserRow = typeof appUser.$inferInsert;
type MembershipRow = typeof membership.$inferInsert;

export async function writeOperator(
  tx: Queryable,
  settings: DemoSettings,
  passwordHash: string,
): Promise<DemoLogin> {
  const random = streamOf(settings, 'accounts', 'operator');
  const id = random.id();
  const email = `operator@${demoDomain}`;
  const displayName = fullName(adultName(random, 'dutch'));
  await tx
    .insert(appUser)
    .values({ id, swvId: null, email, displayName, passwordHash, createdAt: settings.createdAt });
  await tx.insert(membership).values({ id: random.id(), swvId: null, userId: id, role: 'operator' });
  return { role: 'operator', email, displayName, swv: null };
}

/** Two groups of the spotlight school for the teacher: the parent's younger child's and another. */
function teacherGroups(pupils: readonly DemoPupil[], first: DemoPupil | undefined): string[] {
  const groups = [...new Set(pupils.map((p) => p.groupName))];
  const own = first?.groupName ?? groups[0];
  if (own === undefined) return ['1A'];
  const grade = Number.parseInt(own, 10);
  // A parallel group of the same grade, else the next grade's (a teacher often has two such groups).
  const other =
    groups.find((g) => g !== own && Number.parseInt(g, 10) === grade) ??
    groups.find((g) => Number.parseInt(g, 10) === grade + 1) ??
    groups.find((g) => g !== own);
  return other ? [own, other] : [own];
}

export async function writeAccounts(
  tx: Queryable,
  settings: DemoSettings,
  plan: SwvPlan,
  passwordHash: string,
  spotlightPupils: readonly DemoPupil[],
): Promise<DemoPeople> {
  const random = streamOf(settings, 'accounts', plan.registerCode);
  const swvId = plan.id;
  const users: UserRow[] = [];
  const memberships: MembershipRow[] = [];
  const logins: DemoLogin[] = [];
  const usedNames = new Set<string>();
  // Distinct names, so no two demo people of one SWV are mistaken for each other.
  const uniqueName = (r: Random, family?: DemoPupil) => {
    for (;;) {
      const name = fullName(adultName(r, family?.origin ?? pickOrigin(r, plan.population), family));
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const partner = plan.partners.find((p) => p.kind === 'buurtteam') ?? plan.partners[0]!;
  const siblings = siblingsOf(spotlightPupils);

  const addLogin = (
    role: Exclude<Role, 'operator'>,
    displayName: string,
    scope: Partial<MembershipRow> = {},
  ) => {
    const id = random.id();
    const email = `${loginLocalParts[role]}@${plan.slug}.${demoDomain}`;
    users.push({ id, swvId, email, displayName, passwordHash, createdAt: settings.createdAt });
    memberships.push({ id: random.id(), swvId, userId: id, role, ...scope });
    logins.push({ role, email, displayName, swv: { name: plan.name, registerCode: plan.registerCode } });
    return id;
  };

  addLogin('swv_admin', uniqueName(random));
  const consultantId = addLogin('consultant', uniqueName(random));
  addLogin('committee', uniqueName(random));
  addLogin('policy', uniqueName(random));
  const schoolId = plan.spotlightSchoolId;
  const ibUserId = addLogin('school_ib', uniqueName(random), { schoolId });
  addLogin('school_director', uniqueName(random), { schoolId });
  addLogin('teacher', uniqueName(random), {
    schoolId,
    groups: teacherGroups(spotlightPupils, siblings?.[0]),
  });
  const partnerUserId = addLogin('partner', uniqueName(random), { partnerOrganisationId: partner.id });
  const parentUserId = addLogin('parent', uniqueName(random, siblings?.[0]));
  // Leerplicht is a partner too; its login has its own address (docs/domain.md, "Children at home").
  const leerplicht = plan.partners.find((p) => p.kind === 'leerplicht');
  let attendanceOfficerUserId: string | null = null;
  if (leerplicht) {
    attendanceOfficerUserId = random.id();
    const email = `leerplicht@${plan.slug}.${demoDomain}`;
    const displayName = uniqueName(random);
    users.push({
      id: attendanceOfficerUserId,
      swvId,
      email,
      displayName,
      passwordHash,
      createdAt: settings.createdAt,
    });
    memberships.push({
      id: random.id(),
      swvId,
      userId: attendanceOfficerUserId,
      role: 'partner',
      partnerOrganisationId: leerplicht.id,
    });
    logins.push({
      role: 'partner',
      email,
      displayName,
      swv: { name: plan.name, registerCode: plan.registerCode },
    });
  }

  const teamMembers: (typeof teamMember.$inferInsert)[] = [];
  const spotlightTeam = plan.teams.find((t) => t.schoolIds.includes(schoolId)) ?? plan.teams[0]!;
  teamMembers.push({ swvId, teamId: spotlightTeam.id, userId: consultantId });
  let colleague = 0;
  for (const team of plan.teams) {
    for (let i = 0; i < colleaguesPerTeam; i++) {
      const id = random.id();
      colleague += 1;
      users.push({
        id,
        swvId,
        email: `consulent-${String(colleague).padStart(2, '0')}@${plan.slug}.${demoDomain}`,
        displayName: uniqueName(random),
        passwordHash: null,
        createdAt: settings.createdAt,
      });
      memberships.push({ id: random.id(), swvId, userId: id, role: 'consultant' });
      teamMembers.push({ swvId, teamId: team.id, userId: id });
    }
  }

  await tx.insert(appUser).values(users);
  await tx.insert(membership).values(memberships);
  await tx.insert(teamMember).values(teamMembers);
  return {
    logins,
    ibUserId,
    parentUserId,
    partnerUserId,
    partnerOrganisationId: partner.id,
    spotlightSchoolId: schoolId,
    attendanceOfficerUserId,
    consultantUserId: consultantId,
  };
}
