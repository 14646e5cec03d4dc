// Demo children at home (docs/domain.md, "Children at home"): about 30 open absence cases in the
// Utrecht-like SWV (a handful in the others): 45% long relative absence, 25% absolute absence
// (children enrolled nowhere, with their own name, birth date and municipality), 30% exemptions;
// some past 3 months without an offer (the red line), others with an offer and a return plan, a
// few closed; the thresholds already crossed on each timeline; a few watches from the spotlight
// school; and an escalation ladder (the administrator at 3 months, the committee's login as the
// holder of doorzettingsmacht at 6 months).
import { sql } from 'drizzle-orm';
import {
  type AbsenceKind,
  type ExemptionArticle,
  thresholdDate,
  thresholdsCrossed,
} from '../../../domain/absence.ts';
import { addDays } from '../../../domain/calendar.ts';
import { type Database, queryRows } from '../client.ts';
import {
  absenceCase,
  absenceEvent,
  absenceLadder,
  absenceOffer,
  absenceStep,
  absenceWatch,
} from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { childName, pickOrigin } from './names.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

const atNine = (date: string) => new Date(`${date}T08:00:00Z`);

export async function writeAbsence(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'absence', plan.registerCode);
  const db = database.db;
  const swvId = plan.id;
  const officer = people.attendanceOfficerUserId;
  const count = plan.slug === 'utrecht' ? 30 : 6;
  const pupils = await queryRows<{ id: string; schoolId: string; birthDate: string; municipality: string }>(
    db,
    sql`select s.id, s.school_id as "schoolId", s.birth_date::text as "birthDate", sc.municipality
        from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
        where s.swv_id = ${swvId} and s.school_id <> ${people.spotlightSchoolId}
        order by s.id limit 400`,
  );
  if (pupils.length === 0) return;
  const staff = await queryRows<{ role: string; userId: string }>(
    db,
    sql`select role, user_id as "userId" from membership m join app_user u on u.id = m.user_id
        where m.swv_id = ${swvId} and m.role in ('swv_admin', 'committee') and u.password_hash is not null`,
  );
  const admin = staff.find((s) => s.role === 'swv_admin')?.userId;
  const committee = staff.find((s) => s.role === 'committee')?.userId;
  const ladder = [
    ...(admin ? [{ threshold: 'three_months' as const, userId: admin }] : []),
    ...(committee ? [{ threshold: 'six_months' as const, userId: committee }] : []),
  ];
  if (ladder.length > 0)
    await db
      .insert(absenceLadder)
      .values(ladder.map((rung) => ({ swvId, id: random.id(), municipality: '', ...rung })));

  const createdBy = officer ?? people.consultantUserId;
  const cases: (typeof absenceCase.$inferInsert)[] = [];
  const offers: (typeof absenceOffer.$inferInsert)[] = [];
  const steps: (typeof absenceStep.$inferInsert)[] = [];
  const events: (typeof absenceEvent.$inferInsert)[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count + 3; i++) {
    const closed = i >= count; // three closed ones, for the history and the figures of earlier dates
    const kind = random.weighted<AbsenceKind>([
      ['relative_long', 45],
      ['absolute', 25],
      ['exemption', 30],
    ]);
    const daysAgo = closed ? random.int(200, 400) : random.int(kind === 'relative_long' ? 28 : 5, 330);
    const startedOn = addDays(today, -daysAgo);
    const id = random.id();
    let child: Partial<typeof absenceCase.$inferInsert> & { municipality: string };
    if (kind === 'absolute') {
      const name = childName(random, pickOrigin(random, plan.population));
      child = {
        childGivenName: name.givenName,
        childFamilyName: [name.familyNamePrefix, name.familyName].filter(Boolean).join(' '),
        childBirthDate: addDays(today, -random.int(7 * 365, 15 * 365)),
        municipality: random.pick(plan.municipalities),
      };
    } else {
      let pupil = random.pick(pupils);
      while (used.has(pupil.id)) pupil = random.pick(pupils);
      used.add(pupil.id);
      child = { studentId: pupil.id, municipality: pupil.municipality };
    }
    const article: ExemptionArticle | null =
      kind === 'exemption'
        ? random.weighted<ExemptionArticle>([
            ['5a', 70],
            ['15', 15],
            ['5b', 10],
            ['3a', 5],
          ])
        : null;
    const endedOn = closed ? addDays(startedOn, random.int(40, 180)) : null;
    cases.push({
      swvId,
      id,
      ...child,
      kind,
      exemptionArticle: article,
      startedOn,
      reason: random.pick(
        kind === 'exemption'
          ? ['Lichamelijk of psychisch niet geschikt voor onderwijs.', 'Onderwijs elders (buitenland).']
          : kind === 'absolute'
            ? [
                'Na verhuizing nergens ingeschreven.',
                'Uitgeschreven zonder nieuwe school.',
                'Geen passende plek gevonden.',
              ]
            : [
                'Angst om naar school te gaan.',
                'Vastgelopen na conflict op school.',
                'Overbelast, thuis teruggetrokken.',
              ],
      ),
      attendanceOfficerUserId: officer,
      consultantUserId: people.consultantUserId,
      endedOn,
      ending: closed ? random.pick(['own_school', 'other_school', 'special_education'] as const) : null,
      createdByUserId: createdBy,
      createdAt: atNine(startedOn),
      updatedAt: atNine(endedOn ?? startedOn),
    });
    events.push({
      swvId,
      id: random.id(),
      caseId: id,
      kind: 'registered',
      on: startedOn,
      at: atNine(startedOn),
      byUserId: createdBy,
    });
    if (kind !== 'exemption') {
      for (const threshold of thresholdsCrossed(startedOn, endedOn ?? today)) {
        if (endedOn !== null && thresholdDate(startedOn, threshold) >= endedOn) continue;
        const on = thresholdDate(startedOn, threshold);
        events.push({ swvId, id: random.id(), caseId: id, kind: 'threshold', threshold, on, at: atNine(on) });
        const added = ladder.filter((rung) => rung.threshold === threshold).map((rung) => rung.userId);
        if (added.length > 0)
          events.push({
            swvId,
            id: random.id(),
            caseId: id,
            kind: 'escalated',
            on,
            at: atNine(on),
            userIds: added,
          });
      }
    }
    // Most get an offer after a while; a few past 3 months get none: the red line.
    if (kind !== 'exemption' && (closed || random.chance(daysAgo > 92 ? 0.65 : 0.4))) {
      const fromOn = addDays(startedOn, random.int(14, Math.max(15, Math.min(daysAgo - 1, 80))));
      const first = { educationHours: random.int(2, 8), careHours: random.int(0, 4) };
      offers.push({
        swvId,
        id: random.id(),
        caseId: id,
        fromOn,
        ...first,
        description: 'Onderwijs thuis en op de OPDC-locatie',
        recordedByUserId: createdBy,
        recordedAt: atNine(fromOn),
      });
      events.push({
        swvId,
        id: random.id(),
        caseId: id,
        kind: 'offer',
        on: fromOn,
        at: atNine(fromOn),
        byUserId: createdBy,
      });
      const later = addDays(fromOn, 28);
      if (later < today && random.chance(0.5)) {
        offers.push({
          swvId,
          id: random.id(),
          caseId: id,
          fromOn: later,
          educationHours: first.educationHours + 6,
          careHours: first.careHours,
          description: 'Uitgebreid: drie ochtenden op school',
          recordedByUserId: createdBy,
          recordedAt: atNine(later),
        });
        events.push({
          swvId,
          id: random.id(),
          caseId: id,
          kind: 'offer',
          on: later,
          at: atNine(later),
          byUserId: createdBy,
        });
        steps.push(
          {
            swvId,
            id: random.id(),
            caseId: id,
            what: 'Kennismaken met de mentor',
            who: 'IB’er',
            dueOn: addDays(later, 7),
            doneOn: addDays(later, 5),
            createdAt: atNine(later),
          },
          {
            swvId,
            id: random.id(),
            caseId: id,
            what: 'Twee ochtenden per week op school',
            who: 'Mentor en ambulant begeleider',
            dueOn: addDays(later, 21),
            doneOn: null,
            createdAt: atNine(later),
          },
          {
            swvId,
            id: random.id(),
            caseId: id,
            what: 'Evaluatie met ouders en kind',
            who: 'Consulent',
            dueOn: addDays(later, 42),
            doneOn: null,
            createdAt: atNine(later),
          },
        );
      }
    }
    if (endedOn)
      events.push({
        swvId,
        id: random.id(),
        caseId: id,
        kind: 'ended',
        on: endedOn,
        at: atNine(endedOn),
        byUserId: createdBy,
      });
  }
  await db.insert(absenceCase).values(cases);
  if (offers.length > 0) await db.insert(absenceOffer).values(offers);
  if (steps.length > 0) await db.insert(absenceStep).values(steps);
  await db.insert(absenceEvent).values(events);

  // Watches of the spotlight school: reported absences and a worry, one past its 4 weeks.
  const spotlight = await queryRows<{ id: string; municipality: string }>(
    db,
    sql`select s.id, sc.municipality from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
        where s.swv_id = ${swvId} and s.school_id = ${people.spotlightSchoolId} order by s.id desc limit 3`,
  );
  const since = [35, 15, 6];
  await db.insert(absenceWatch).values(
    spotlight.map((pupil, index) => ({
      swvId,
      id: random.id(),
      studentId: pupil.id,
      schoolId: people.spotlightSchoolId,
      municipality: pupil.municipality,
      kind: index === 2 ? ('worry' as const) : ('absence_report' as const),
      absentSince: addDays(today, -since[index]!),
      reportedOn: addDays(today, -since[index]! + 5),
      note:
        index === 2
          ? 'Meldt zich vaak ziek op maandag.'
          : '16 uur ongeoorloofd verzuim in 4 weken, gemeld bij het Verzuimloket.',
      reportedByUserId: people.ibUserId,
      createdAt: atNine(addDays(today, -since[index]! + 5)),
    })),
  );
}
