// Demo pupils: names, birth dates fitting their groep or leerjaar, groups ("5A") and support levels,
// written in large batches. Hands back the spotlight school's pupils for the people who work with them.
import { childName, type PersonName, pickOrigin, siblingName } from './names.ts';
import type { DemoSettings, SchoolPlan, Stage, SwvPlan } from './plan.ts';
import { streamOf } from './plan.ts';
import type { Random } from './random.ts';
import type { BatchWriter } from './write.ts';

export type DemoPupil = PersonName & {
  id: string;
  schoolId: string;
  birthDate: string;
  schoolKey: string;
  groupName: string;
  grade: number;
  supportLevel: number;
};

/** Pupils in a group: about 27 in a regular class, fewer in special education. */
const groupSizes: Record<SchoolPlan['kind'], number> = {
  bao: 27,
  sbo: 15,
  so: 11,
  vo: 27,
  vso: 12,
  opdc: 12,
};

// docs/domain.md: in regular schools ~15% level 2, ~6% level 3, ~2.5% level 4; schools differ around that.
const levelShares = { 2: 0.15, 3: 0.06, 4: 0.025 } as const;

/** Chance that a pupil is a year older than the cohort (kept back once). */
const keptBackShare = 0.03;

const day = 86_400_000;

/**
 * Birth date for a pupil in `grade` in the school year starting in `schoolYear`. PO groep 3 starts
 * at 6: born 1 October (year − 7) to 30 September (year − 6). VO leerjaar 1 starts at 12.
 */
export function birthDateFor(
  random: Random,
  stage: Stage,
  grade: number,
  schoolYear: number,
  older: boolean,
): string {
  const ageAtStart = (stage === 'po' ? 3 + grade : 11 + grade) + (older ? 1 : 0);
  const from = Date.UTC(schoolYear - ageAtStart - 1, 9, 1);
  const to = Date.UTC(schoolYear - ageAtStart, 8, 30);
  return new Date(from + random.int(0, Math.round((to - from) / day)) * day).toISOString().slice(0, 10);
}

function supportLevel(random: Random, school: SchoolPlan, schoolFactor: number): number {
  // Every pupil in special education (SBO, SO, VSO, OPDC) gets extra support: level 4.
  if (school.kind !== 'bao' && school.kind !== 'vo') return 4;
  const draw = random.next() / schoolFactor;
  if (draw < levelShares[4]) return 4;
  if (draw < levelShares[4] + levelShares[3]) return 3;
  if (draw < levelShares[4] + levelShares[3] + levelShares[2]) return 2;
  return 1;
}

export function generatePupils(settings: DemoSettings, swv: SwvPlan, school: SchoolPlan): DemoPupil[] {
  const random = streamOf(settings, 'pupils', swv.registerCode, school.locationCode);
  const schoolFactor = 0.7 + random.next() * 0.6;
  const grades = school.grades;
  const perGrade = Array.from(
    grades,
    (_, i) =>
      Math.floor(((i + 1) * school.pupilCount) / grades.length) -
      Math.floor((i * school.pupilCount) / grades.length),
  );
  const pupils: DemoPupil[] = [];
  grades.forEach((grade, gradeIndex) => {
    const inGrade = perGrade[gradeIndex]!;
    const groups = Math.max(1, Math.round(inGrade / groupSizes[school.kind]));
    for (let i = 0; i < inGrade; i++) {
      const name = childName(random, pickOrigin(random, swv.population));
      pupils.push({
        ...name,
        id: random.id(),
        schoolId: school.id,
        birthDate: birthDateFor(
          random,
          school.stage,
          grade,
          settings.schoolYear,
          random.chance(keptBackShare),
        ),
        schoolKey: String(1001 + pupils.length),
        groupName: `${grade}${String.fromCharCode(65 + (i % groups))}`,
        grade,
        supportLevel: supportLevel(random, school, schoolFactor),
      });
    }
  });
  if (school.id === swv.spotlightSchoolId) makeSiblings(random, pupils);
  return pupils;
}

/** The demo parent's two children: a younger and an older pupil of the spotlight school, as siblings. */
function makeSiblings(random: Random, pupils: DemoPupil[]): void {
  if (pupils.length < 2) return;
  const younger = pupils[Math.floor(pupils.length / 4)]!;
  const older = pupils[Math.floor((pupils.length * 3) / 4)]!;
  Object.assign(older, siblingName(random, younger));
}

/** The demo parent's children in the spotlight school's pupils (see makeSiblings). */
export function siblingsOf(pupils: readonly DemoPupil[]): [DemoPupil, DemoPupil] | null {
  if (pupils.length < 2) return null;
  return [pupils[Math.floor(pupils.length / 4)]!, pupils[Math.floor((pupils.length * 3) / 4)]!];
}

const studentColumns = [
  'id uuid',
  'school_id uuid',
  'given_name text',
  'family_name_prefix text',
  'family_name text',
  'birth_date date',
  'school_key text',
  'group_name text',
  'support_level smallint',
] as const;

/** Writes every school's pupils (the last statements may still run); returns the spotlight school's. */
export async function writeStudents(
  settings: DemoSettings,
  swv: SwvPlan,
  writer: BatchWriter,
  onPupils: (count: number) => void,
): Promise<DemoPupil[]> {
  let spotlight: DemoPupil[] = [];
  const batch = writer.table('student', studentColumns, [
    ['swv_id', 'uuid', swv.id],
    ['created_at', 'timestamptz', settings.createdAt.toISOString()],
  ]);
  for (const school of swv.schools) {
    const pupils = generatePupils(settings, swv, school);
    if (school.id === swv.spotlightSchoolId) spotlight = pupils;
    for (const p of pupils) {
      const full = batch.add([
        p.id,
        p.schoolId,
        p.givenName,
        p.familyNamePrefix,
        p.familyName,
        p.birthDate,
        p.schoolKey,
        p.groupName,
        p.supportLevel,
      ]);
      if (full) await full;
    }
    onPupils(pupils.length);
  }
  await batch.close();
  return spotlight;
}
