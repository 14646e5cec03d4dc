// The child's file in the demo: an IB'er at every school, where each pupil went to school
// (enrolments), how their support level rose (set by the school's IB'er), a few case meetings at
// the spotlight school, and consents in every state, so each tab has something true to show.
// Enrolments and levels are written set-wise in SQL from the pupils already in the database (fast
// at any scale); their ids are UUIDv7-shaped and derived from the seed, so the demo stays the same.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AgreementOwner } from '../../../domain/childFile.ts';
import type { Database, Queryable } from '../client.ts';
import { appUser, caseMeeting, caseMeetingAction, caseMember, consent, membership } from '../schema/index.ts';
import { type DemoPeople, demoDomain } from './accounts.ts';
import { adultName, fullName, pickOrigin } from './names.ts';
import type { DemoSettings, SwvPlan } from './plan.ts';
import { streamOf } from './plan.ts';
import type { DemoPupil } from './students.ts';
import { siblingsOf } from './students.ts';

/** The spotlight school has the demo login; every other school gets an IB'er without a password. */
export async function writeSchoolIbs(tx: Queryable, settings: DemoSettings, plan: SwvPlan): Promise<void> {
  const random = streamOf(settings, 'school-ibs', plan.registerCode);
  const swvId = plan.id;
  const users: (typeof appUser.$inferInsert)[] = [];
  const memberships: (typeof membership.$inferInsert)[] = [];
  for (const school of plan.schools) {
    if (school.id === plan.spotlightSchoolId) continue;
    const id = random.id();
    users.push({
      id,
      swvId,
      email: `ib-${school.locationCode.toLowerCase()}@${plan.slug}.${demoDomain}`,
      displayName: fullName(adultName(random, pickOrigin(random, plan.population))),
      passwordHash: null,
      createdAt: settings.createdAt,
    });
    memberships.push({ id: random.id(), swvId, userId: id, role: 'school_ib', schoolId: school.id });
  }
  if (users.length === 0) return;
  await tx.insert(appUser).values(users);
  await tx.insert(membership).values(memberships);
}

/** A UUIDv7-shaped id: the instant `at` in its time prefix, the rest from the md5 of `key`. */
const demoId = (at: SQL, key: SQL) =>
  sql`(lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(${key}), 1, 3) || '8' || substr(md5(${key}), 4, 15))::uuid`;

/** A number from 0 to 2^28 − 1, the same for the same key on every PostgreSQL. */
const pick = (key: SQL) => sql`('x' || substr(md5(${key}), 1, 7))::bit(28)::int`;

/** Why a level was set, per level; special schools record the admission on a TLV. */
const levelReasons: readonly (readonly [group: string, level: number, reason: string])[] = [
  ['regular', 2, 'Extra instructie voor rekenen in een klein groepje'],
  ['regular', 2, 'Leesachterstand: twee keer per week extra leesbegeleiding'],
  ['regular', 2, 'Afspraken over gedrag in de groep, samen met ouders en leerkracht'],
  ['regular', 3, 'Consulent passend onderwijs ingeschakeld voor observatie en advies'],
  ['regular', 3, 'Buurtteam en JGZ betrokken na het kernteamoverleg'],
  ['regular', 3, 'Handelingsgericht onderzoek door de orthopedagoog van het SWV'],
  ['regular', 4, 'Arrangement van het samenwerkingsverband toegekend; OPP met instemming van ouders'],
  ['regular', 4, 'Extra ondersteuning in de school met een arrangement; OPP opgesteld'],
  ['regular', 4, 'Arrangement voor een jaar; ouders stemmen in met het handelingsdeel'],
  ['special', 4, 'Toelaatbaarheidsverklaring afgegeven; geplaatst met een OPP'],
  ['special', 4, 'Geplaatst na verwijzing door de basisschool, met TLV en OPP'],
  ['special', 4, 'Instroom met TLV; ontwikkelingsperspectief vastgesteld met ouders'],
];

/**
 * Each pupil's enrolment this school year (from 1 August, when the school year starts, Wpo art. 1).
 * At the spotlight school, where the demo's people look, also last year's group below for pupils
 * past their school's first year (for every school that would double the cost of this step, which
 * is mostly the database checking each row's references). Support levels:
 * in a regular school every step from 2 up to the pupil's level, a year apart, the highest last
 * school year; in special education the admission at level 4. Set by the school's IB'er.
 */
export async function writeHistories(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
): Promise<void> {
  const swvId = plan.id;
  const year = settings.schoolYear;
  const seed = `${settings.seed}:${plan.registerCode}`;
  const thisYear = `${year}-08-01`;
  const lastYear = `${year - 1}-08-01`;
  const grade = sql`substring(s.group_name from '^[0-9]+')::int`;
  await database.db.execute(sql`
    insert into enrolment (swv_id, id, student_id, school_id, group_name, started_on, ended_on)
    select s.swv_id, ${demoId(sql`${thisYear}::timestamptz`, sql`${seed} || ':now:' || s.id`)},
      s.id, s.school_id, s.group_name, ${thisYear}::date, null
    from student s where s.swv_id = ${swvId}
    union all
    select s.swv_id, ${demoId(sql`${lastYear}::timestamptz`, sql`${seed} || ':before:' || s.id`)},
      s.id, s.school_id, (${grade} - 1)::text || substring(s.group_name from '[A-Z]*$'),
      ${lastYear}::date, ${thisYear}::date
    from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
    where s.swv_id = ${swvId} and s.school_id = ${plan.spotlightSchoolId}
      and ${grade} > case sc.kind when 'sbo' then 3 else 1 end`);

  const reasons = sql.join(
    levelReasons.map(
      ([group, level, reason], index) =>
        sql`(${group}::text, ${level}::int, ${index % 3}::int, ${reason}::text)`,
    ),
    sql`, `,
  );
  const key = sql`${seed} || ':level:' || s.id || ':' || l`;
  await database.db.execute(sql`
    with ib as (
      select distinct on (school_id) school_id, user_id from membership
      where swv_id = ${swvId} and role = 'school_ib' order by school_id, user_id
    ), reason (kind_group, level, n, text) as (values ${reasons}),
    step as (
      select s.swv_id, s.id as student_id, l as level, ib.user_id,
        case when sc.kind in ('bao', 'vo') then 'regular' else 'special' end as kind_group,
        ${pick(key)} as draw,
        ${`${year - 1}-09-01`}::date - (s.support_level - l) * 365 + ${pick(key)} % 270 as effective_on
      from student s
      join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
      join ib on ib.school_id = s.school_id
      cross join lateral generate_series(
        case when sc.kind in ('bao', 'vo') then 2 else s.support_level end, s.support_level) l
      where s.swv_id = ${swvId} and s.support_level > 1
    )
    insert into support_level_change
      (swv_id, id, student_id, level, previous_level, reason, effective_on, set_by_user_id, set_at)
    select step.swv_id, ${demoId(sql`step.effective_on::timestamptz`, sql`${seed} || ':level:' || step.student_id || ':' || step.level`)},
      step.student_id, step.level, step.level - 1, reason.text, step.effective_on, step.user_id,
      (step.effective_on + time '10:00') at time zone 'Europe/Amsterdam'
    from step join reason on reason.kind_group = step.kind_group and reason.level = step.level
      and reason.n = step.draw % 3`);
}

type MeetingTemplate = {
  notes: (child: string) => string;
  actions: readonly (readonly [action: string, owner: AgreementOwner])[];
};

const meetingTemplates: readonly MeetingTemplate[] = [
  {
    notes: (child) =>
      `${child} leest nog moeizaam en raakt gefrustreerd bij lange teksten. Thuis gaat het beter sinds er vaste bedtijden zijn. De leerkracht ziet dat korte opdrachten met een timer helpen.`,
    actions: [
      ['Leesbegeleiding drie keer per week, twintig minuten', 'school'],
      ['Thuis elke dag tien minuten samen lezen', 'parents'],
      ['Observatie in de klas door de consulent', 'swv'],
    ],
  },
  {
    notes: (child) =>
      `Zorgen over de thuissituatie en het verzuim van ${child} in de ochtend. Moeder staat er alleen voor en vraagt om hulp. Het buurtteam kent het gezin al.`,
    actions: [
      ['Huisbezoek en ondersteuning van moeder bij de ochtendroutine', 'buurtteam'],
      ['Gesprek met de leerplichtambtenaar over het verzuim', 'leerplicht'],
      ['Dagelijks welkom bij de deur door de leerkracht', 'school'],
    ],
  },
  {
    notes: (child) =>
      `${child} is snel afgeleid en moe. De jeugdverpleegkundige heeft vragen over slapen en eten. Ouders willen graag meedenken over een arrangement.`,
    actions: [
      ['Gesprek met de schoolarts over slapen en eten', 'jgz'],
      ['Aanvraag arrangement voorbereiden met de consulent', 'school'],
    ],
  },
];

/** Meetings held last school year, in spring, with the people who were there. */
const meetingDate = (settings: DemoSettings, index: number) =>
  new Date(Date.UTC(settings.schoolYear, 1 + index, 10 + index * 3)).toISOString().slice(0, 10);

/**
 * Case meetings for the spotlight school's pupils at level 3 and 4 (the partner's cases first, so
 * the partner sees one), and consents in every state: recorded from paper by the IB'er for an
 * arrangement, and for the demo parent's older child one that expired and one withdrawn.
 */
export async function writeCaseFile(
  tx: Queryable,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
  spotlightPupils: readonly DemoPupil[],
): Promise<void> {
  const random = streamOf(settings, 'case-file', plan.registerCode);
  const swvId = plan.id;
  const partnerCases = await tx
    .select({ studentId: caseMember.studentId })
    .from(caseMember)
    .where(and(eq(caseMember.swvId, swvId), eq(caseMember.userId, people.partnerUserId)));
  const partnerCaseIds = new Set(partnerCases.map((c) => c.studentId));
  const nameOf = (role: string) => people.logins.find((login) => login.role === role)?.displayName ?? '';
  const siblings = siblingsOf(spotlightPupils);

  const candidates = spotlightPupils.filter((p) => p.supportLevel >= 3);
  candidates.sort((a, b) => Number(partnerCaseIds.has(b.id)) - Number(partnerCaseIds.has(a.id)));
  const meetings: (typeof caseMeeting.$inferInsert)[] = [];
  const actions: (typeof caseMeetingAction.$inferInsert)[] = [];
  candidates.slice(0, 5).forEach((child, index) => {
    const template = meetingTemplates[index % meetingTemplates.length]!;
    const isPartnerCase = partnerCaseIds.has(child.id);
    const heldOn = meetingDate(settings, index);
    const parent = adultName(random, child.origin, child);
    const participants = [
      { name: nameOf('school_ib'), role: 'intern begeleider' },
      { name: fullName(parent), role: random.pick(['moeder', 'vader']) },
      { name: nameOf('consultant'), role: 'consulent passend onderwijs' },
      ...(isPartnerCase ? [{ name: nameOf('partner'), role: 'buurtteam' }] : []),
    ];
    const id = random.id();
    meetings.push({
      swvId,
      id,
      studentId: child.id,
      kind: isPartnerCase ? 'kernteam' : 'mdo',
      heldOn,
      participants,
      notes: template.notes(child.givenName),
      createdByUserId: people.ibUserId,
      createdAt: new Date(`${heldOn}T15:00:00Z`),
    });
    template.actions.forEach(([action, owner], position) => {
      actions.push({ swvId, id: random.id(), meetingId: id, position: position + 1, action, owner });
    });
  });
  if (meetings.length) {
    await tx.insert(caseMeeting).values(meetings);
    await tx.insert(caseMeetingAction).values(actions);
  }

  const consents: (typeof consent.$inferInsert)[] = [];
  for (const child of spotlightPupils.filter((p) => p.supportLevel === 4).slice(0, 3)) {
    const givenOn = meetingDate(settings, 2);
    consents.push({
      swvId,
      id: random.id(),
      studentId: child.id,
      purpose: 'request_arrangement',
      givenByName: `${fullName(adultName(random, child.origin, child))} (ouder)`,
      scope: 'Het plan en het verslag van het onderzoek meesturen met de aanvraag',
      givenOn,
      recordedByUserId: people.ibUserId,
      proof: `Getekend toestemmingsformulier van ${givenOn}, in het leerlingdossier`,
    });
  }
  if (siblings) {
    const older = siblings[1];
    consents.push(
      {
        swvId,
        id: random.id(),
        studentId: older.id,
        purpose: 'share_with_partner',
        partnerOrganisationId: people.partnerOrganisationId,
        givenByName: `${nameOf('parent')} (ouder)`,
        scope: 'Het plan en de verslagen van het kernteamoverleg',
        givenOn: `${settings.schoolYear - 2}-10-01`,
        expiresOn: `${settings.schoolYear - 1}-07-31`,
        recordedByUserId: people.ibUserId,
        proof: `Getekend formulier van 1 oktober ${settings.schoolYear - 2}`,
      },
      {
        swvId,
        id: random.id(),
        studentId: older.id,
        purpose: 'request_arrangement',
        givenByUserId: people.parentUserId,
        scope: 'Een aanvraag voor extra begeleiding bij rekenen',
        givenOn: `${settings.schoolYear}-03-02`,
        recordedByUserId: people.parentUserId,
        withdrawnAt: new Date(Date.UTC(settings.schoolYear, 3, 14, 19, 30)),
        withdrawnByUserId: people.parentUserId,
      },
    );
  }
  if (consents.length) await tx.insert(consent).values(consents);
}
