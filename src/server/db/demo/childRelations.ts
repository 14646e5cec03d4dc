// The relations that open a child's file in the demo: the parent's two children, the buurtteam
// worker's cases at the spotlight school, and the parents' consent to share with the buurtteam —
// given for some of those children and not for others, so both sides of the rule can be shown.
import type { Queryable } from '../client.ts';
import { appUser, caseMember, consent, membership, studentGuardian } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { demoDomain } from './accounts.ts';
import { adultName, fullName } from './names.ts';
import type { DemoSettings, SwvPlan } from './plan.ts';
import { streamOf } from './plan.ts';
import type { DemoPupil } from './students.ts';
import { siblingsOf } from './students.ts';

/** The buurtteam worker's case children at the spotlight school. */
const partnerCases = 6;
/** Of the other case children, whose parents consented to sharing (by position, so always a mix). */
const consentPattern = [true, false, true, false, false];

export async function writeChildRelations(
  tx: Queryable,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
  spotlightPupils: readonly DemoPupil[],
): Promise<void> {
  const random = streamOf(settings, 'child-relations', plan.registerCode);
  const swvId = plan.id;
  const siblings = siblingsOf(spotlightPupils);
  if (!siblings) return;
  const [younger, older] = siblings;
  await tx.insert(studentGuardian).values([
    { swvId, studentId: younger.id, userId: people.parentUserId },
    { swvId, studentId: older.id, userId: people.parentUserId },
  ]);

  // Children with extra care (level 2 and up) are the likeliest to have the buurtteam involved.
  const others = random.shuffle(spotlightPupils.filter((p) => p !== younger && p !== older));
  others.sort((a, b) => Number(a.supportLevel < 2) - Number(b.supportLevel < 2));
  const caseChildren = others.slice(0, partnerCases - 1);
  const guardians: (typeof appUser.$inferInsert)[] = [];
  const guardianMemberships: (typeof membership.$inferInsert)[] = [];
  const guardianLinks: (typeof studentGuardian.$inferInsert)[] = [];
  const consents: (typeof consent.$inferInsert)[] = [];
  const givenOn = () => {
    // Given during the previous school year, so in force whenever the demo is looked at.
    const start = Date.UTC(settings.schoolYear - 1, 9, 1);
    return new Date(start + random.int(0, 240) * 86_400_000).toISOString().slice(0, 10);
  };
  const shareWithPartner = (studentId: string, givenByUserId: string) => ({
    swvId,
    id: random.id(),
    studentId,
    purpose: 'share_with_partner' as const,
    partnerOrganisationId: people.partnerOrganisationId,
    givenByUserId,
    // Given in the portal: the parent recorded it themselves.
    recordedByUserId: givenByUserId,
    scope: 'Het plan en de verslagen van het kernteamoverleg',
    givenOn: givenOn(),
  });

  consents.push(shareWithPartner(younger.id, people.parentUserId));
  caseChildren.forEach((child, index) => {
    // Their parents have an account (they gave or may give consent) but no demo password.
    const guardianId = random.id();
    guardians.push({
      id: guardianId,
      swvId,
      email: `ouder-${String(index + 1).padStart(2, '0')}@${plan.slug}.${demoDomain}`,
      displayName: fullName(adultName(random, child.origin, child)),
      passwordHash: null,
      createdAt: settings.createdAt,
    });
    guardianMemberships.push({ id: random.id(), swvId, userId: guardianId, role: 'parent' });
    guardianLinks.push({ swvId, studentId: child.id, userId: guardianId });
    if (consentPattern[index]) consents.push(shareWithPartner(child.id, guardianId));
  });

  if (guardians.length) {
    await tx.insert(appUser).values(guardians);
    await tx.insert(membership).values(guardianMemberships);
    await tx.insert(studentGuardian).values(guardianLinks);
  }
  // The IB'er put the buurtteam worker on these cases before the school year began, so the
  // membership is in force whenever the demo is looked at.
  await tx.insert(caseMember).values(
    [younger, ...caseChildren].map((child) => ({
      swvId,
      id: random.id(),
      studentId: child.id,
      userId: people.partnerUserId,
      role: 'Gezinscoach buurtteam',
      reason: 'Ondersteuning thuis en afstemming met school',
      validFrom: settings.createdAt.toISOString().slice(0, 10),
      addedByUserId: people.ibUserId,
      addedAt: settings.createdAt,
    })),
  );
  await tx.insert(consent).values(consents);
}
