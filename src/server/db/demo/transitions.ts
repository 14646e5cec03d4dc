// Demo transitions (docs/domain.md, "Transitions"): around 3% of an SWV's pupils move to another
// school of the SWV during the year (some to SBO/SO/VSO, a few back), in every stage: prepared,
// handed over with the parents' consent, waiting for information, decided and placed; and last
// summer's wave of group 8 to VO, which crosses from a PO SWV to the VO SWV: an outgoing row in the
// PO SWV and, handed over, a new file with an incoming row in the VO SWV. The demo school's IB'er
// sees a child leaving with open risks and one arriving; the VO demo IB'er one arriving from PO.
import { sql } from 'drizzle-orm';
import { addDays, daysBetween } from '../../../domain/calendar.ts';
import { moveKindOf, type RiskFlag, riskFlagsOf } from '../../../domain/transitions.ts';
import { type Database, queryRows } from '../client.ts';
import { consent, transition } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

type Child = {
  id: string;
  school_id: string;
  given_name: string;
  family_name_prefix: string;
  family_name: string;
  birth_date: string;
  support_level: number;
  has_plan: boolean;
};
type Row = typeof transition.$inferInsert;
const moveShare = 0.03;
const atNine = (date: string) => new Date(`${date}T08:00:00Z`);

async function childrenOf(database: Database, swvId: string, where: ReturnType<typeof sql>, limit: number) {
  return queryRows<Child>(
    database.db,
    sql`select s.id, s.school_id, s.given_name, s.family_name_prefix, s.family_name, s.birth_date::text,
          s.support_level, exists (select 1 from plan p where p.swv_id = s.swv_id and p.student_id = s.id
            and p.status = 'active') as has_plan
        from student s where s.swv_id = ${swvId} and ${where} order by md5(s.id::text) limit ${limit}`,
  );
}

const flagsOf = (child: Child): RiskFlag[] =>
  riskFlagsOf({
    supportLevel: child.support_level,
    hasActivePlan: child.has_plan,
    absenceCases: 0,
    youthCareOnCase: false,
    opdcPlacement: false,
  });

/** The rows, and the consents behind the hand-overs, recorded on paper by the SWV's demo IB'er. */
async function insertAll(database: Database, rows: Row[], recordedByUserId: string) {
  for (let i = 0; i < rows.length; i += 500)
    await database.db.insert(transition).values(rows.slice(i, i + 500));
  // A handed-over move had the parents' consent to hand over (purpose hand_over_to_school).
  const handed = rows.filter((row) => row.handedOverOn && row.direction !== 'incoming');
  for (let i = 0; i < handed.length; i += 500)
    await database.db.insert(consent).values(
      handed.slice(i, i + 500).map((row) => ({
        swvId: row.swvId,
        id: `${row.id.slice(0, 24)}${'c'.repeat(12)}`,
        studentId: row.studentId,
        purpose: 'hand_over_to_school' as const,
        givenByName: 'Ouder (formulier)',
        scope: 'Verslag, ondersteuningsniveau en plan',
        givenOn: row.registeredOn,
        proof: 'Ondertekend overdrachtsformulier',
        recordedByUserId,
      })),
    );
}

/** The moves within one SWV during the school year, in every stage. */
export async function writeTransitions(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'transitions', swv.registerCode);
  const yearStart = `${settings.schoolYear}-09-01`;
  const span = daysBetween(yearStart, today) - 1;
  if (span < 7 || swv.schools.length < 2) return;
  const pupils = swv.schools.reduce((sum, school) => sum + school.pupilCount, 0);
  const spotlight = people.spotlightSchoolId;
  const children = await childrenOf(database, swv.id, sql`true`, Math.round(pupils * moveShare));
  // The demo school's own: a child leaving with open risks, first.
  const leaving = await childrenOf(
    database,
    swv.id,
    sql`s.school_id = ${spotlight} and s.support_level >= 3`,
    1,
  );
  const special = swv.schools.filter((s) => ['sbo', 'so', 'vso'].includes(s.kind));
  const regular = swv.schools.filter((s) => !['sbo', 'so', 'vso', 'opdc'].includes(s.kind));
  const kindOf = new Map(swv.schools.map((s) => [s.id, s.kind]));
  const rows: Row[] = [];
  const seen = new Set<string>();
  const add = (child: Child, toSchoolId: string, registeredOn: string, stage: string) => {
    if (seen.has(child.id) || toSchoolId === child.school_id) return;
    seen.add(child.id);
    const movesOn = addDays(registeredOn, random.int(14, 42));
    const handed = stage !== 'preparing';
    const decided = stage === 'placed';
    rows.push({
      swvId: swv.id,
      id: random.id(),
      studentId: child.id,
      direction: 'within',
      moveKind: moveKindOf(kindOf.get(child.school_id)!, kindOf.get(toSchoolId)!),
      fromSchoolId: child.school_id,
      toSchoolId,
      registeredOn,
      movesOn,
      report:
        'Het kind is welkom geweest in de groep; de ouders zijn betrokken. Aandacht voor rust en structuur.',
      handedOverOn: handed ? addDays(registeredOn, random.int(1, 7)) : null,
      consentScope: handed ? 'Verslag, ondersteuningsniveau en plan' : '',
      riskFlags: handed ? flagsOf(child) : [],
      meetingOn: handed ? addDays(registeredOn, random.int(3, 10)) : null,
      meetingWith: handed ? 'IB’ers van beide scholen en de ouders' : '',
      pauses: stage === 'waiting' ? [{ from: addDays(today, -random.int(1, 5)), to: null }] : [],
      decidedOn: decided ? addDays(registeredOn, random.int(14, 40)) : null,
      outcome: decided ? 'placed' : null,
      startedOn: decided ? movesOn : null,
      createdAt: atNine(registeredOn),
      updatedAt: atNine(registeredOn),
    });
  };
  for (const child of children) {
    const registeredOn = addDays(yearStart, random.int(0, span));
    // A quarter to special education, a few back to regular, the rest between regular schools.
    const fromSpecial = special.some((s) => s.id === child.school_id);
    const pool = fromSpecial || !random.chance(0.25) || special.length === 0 ? regular : special;
    if (pool.length === 0) continue;
    const age = daysBetween(registeredOn, today);
    const stage = age > 56 ? 'placed' : age < 7 ? 'preparing' : random.chance(0.2) ? 'waiting' : 'handed';
    add(child, random.pick(pool).id, registeredOn, stage);
  }
  // The demo school's IB'er: one leaving to SBO/SO with open risks, one arriving, both running.
  const target = special[0] ?? regular.find((s) => s.id !== spotlight);
  if (leaving[0] && target) add(leaving[0], target.id, addDays(today, -10), 'handed');
  const arriving = await childrenOf(database, swv.id, sql`s.school_id <> ${spotlight}`, 40);
  const incomer = arriving.find((child) => !seen.has(child.id));
  if (incomer) add(incomer, spotlight, addDays(today, -20), 'handed');
  await insertAll(database, rows, people.ibUserId);
}

/**
 * Last summer's wave from group 8 to VO: PO SWV → VO SWV. The outgoing row in the PO SWV names the
 * VO school; the handed-over child arrives in the VO SWV as a new file (name, birth date, level)
 * with an incoming row, as the hand-over use case makes it. One move of the demo school is recent
 * and still open at the VO demo school.
 */
export async function writeTransitionsBetween(
  database: Database,
  settings: DemoSettings,
  plans: readonly SwvPlan[],
  people: readonly DemoPeople[],
  today: string,
): Promise<void> {
  const vo = plans.findIndex((plan) => plan.sector === 'VO');
  if (vo < 0) return;
  const voPlan = plans[vo]!;
  const voSchools = voPlan.schools.filter((s) => s.kind === 'vo');
  if (voSchools.length === 0) return;
  const voSpotlight = people[vo]!.spotlightSchoolId;
  const firstYears = await childrenOf(
    database,
    voPlan.id,
    sql`s.group_name like '1%' and s.school_id <> ${voSpotlight}`,
    300,
  );
  const recentVo = await childrenOf(
    database,
    voPlan.id,
    sql`s.group_name like '1%' and s.school_id = ${voSpotlight}`,
    1,
  );
  const summer = `${settings.schoolYear}-08-31`;
  const random = streamOf(settings, 'transitions', 'between');
  for (const [index, po] of plans.entries()) {
    if (po.sector !== 'PO') continue;
    const kindOf = new Map(po.schools.map((s) => [s.id, s]));
    const group8 = await childrenOf(database, po.id, sql`s.group_name like '8%'`, 300);
    const recent = await childrenOf(
      database,
      po.id,
      sql`s.school_id = ${people[index]!.spotlightSchoolId} and s.group_name like '8%'`,
      1,
    );
    const rows: Row[] = [];
    const moves = [
      ...group8.map((child) => ({
        child,
        registeredOn: `${settings.schoolYear}-03-${String(random.int(10, 28))}`,
        movesOn: summer,
        recent: false,
      })),
      ...recent.map((child) => ({
        child,
        registeredOn: addDays(today, -12),
        movesOn: addDays(today, 30),
        recent: true,
      })),
    ];
    const seen = new Set<string>();
    for (const { child, registeredOn, movesOn, recent: isRecent } of moves) {
      if (seen.has(child.id) || registeredOn > today) continue;
      seen.add(child.id);
      const from = kindOf.get(child.school_id)!;
      const to = voPlan.schools.find((s) => s.id === (isRecent ? recentVo : firstYears)[0]?.school_id);
      if (!to) continue;
      const handedOverOn = addDays(registeredOn, isRecent ? 4 : random.int(7, 30));
      const common = {
        moveKind: moveKindOf(from.kind, to.kind),
        registeredOn,
        movesOn,
        report: 'Overdracht groep 8: werkhouding goed, begeleiding bij plannen gewenst.',
        handedOverOn,
        consentScope: 'Verslag en ondersteuningsniveau',
        riskFlags: flagsOf(child),
        meetingOn: isRecent ? null : addDays(handedOverOn, 7),
        meetingWith: isRecent ? '' : 'Leerkracht groep 8 en mentor',
        createdAt: atNine(registeredOn),
        updatedAt: atNine(registeredOn),
      };
      rows.push({
        ...common,
        swvId: po.id,
        id: random.id(),
        studentId: child.id,
        direction: 'outgoing',
        fromSchoolId: child.school_id,
        toSchoolId: null,
        otherSchoolCode: to.locationCode,
        otherSchoolName: to.name,
        otherSwvName: voPlan.name,
      });
      // Last summer's first-years are the VO SWV's pupils already: the new files that the hand-overs
      // made there (as the use case does, with only what the parents consented to).
      const arrived = (isRecent ? recentVo : firstYears).shift();
      if (!arrived) continue;
      const decidedOn = isRecent ? null : addDays(handedOverOn, random.int(10, 30));
      rows.push({
        ...common,
        swvId: voPlan.id,
        id: random.id(),
        studentId: arrived.id,
        direction: 'incoming',
        fromSchoolId: null,
        toSchoolId: arrived.school_id,
        otherSchoolCode: from.locationCode,
        otherSchoolName: from.name,
        otherSwvName: po.name,
        decidedOn,
        outcome: decidedOn ? 'placed' : null,
        startedOn: decidedOn ? movesOn : null,
      });
    }
    await insertAll(database, rows, people[index]!.ibUserId);
  }
}
