// Demo plans (docs/domain.md): every pupil at level 3 or 4 (and so every SBO/SO pupil) has an active plan
// with a goal or two and agreements; level-4 plans are an OPP that a parent agreed to. About a third
// went through an evaluation, so an older, closed version is there to read. The demo parent's
// younger child always has a plan with an agreement of the demo buurtteam, so the parent can answer
// and the partner can tick it off. Dates lie before the school year starts (always in the past);
// the evaluation dates spread over the school year, so some are due whenever the demo is opened.
import { sql } from 'drizzle-orm';
import { type AgreementOwner, addMonths } from '../../../domain/childFile.ts';
import {
  type ActionPart,
  type ActionPartAgreement,
  type ActionPartGoal,
  actionPartOf,
  type PlanStatus,
} from '../../../domain/plans.ts';
import { type Database, queryRows } from '../client.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';
import type { Random } from './random.ts';
import type { DemoPupil } from './students.ts';
import { siblingsOf } from './students.ts';
import { batchWriter } from './write.ts';

type Pupil = {
  id: string;
  school_id: string;
  given_name: string;
  family_name_prefix: string;
  family_name: string;
  support_level: number;
};

const strengths = [
  '{name} is behulpzaam en zorgzaam voor klasgenoten.',
  '{name} is creatief en vertelt graag.',
  '{name} werkt graag met de handen en is goed in gym.',
  '{name} is nieuwsgierig en stelt goede vragen.',
  '{name} rekent vlot met hele getallen.',
  '{name} doet goed mee in kleine groepjes.',
];
const stimulating = [
  'Een vaste plek vooraan en een duidelijke dagplanning.',
  'Korte instructie in stappen, met een voorbeeld.',
  'Complimenten voor inzet, direct na de taak.',
  'Werken met een maatje.',
  'Betrokken ouders die thuis samen lezen.',
];
const hindering = [
  'Veel prikkels in de klas; raakt snel afgeleid.',
  'Faalangst bij toetsen.',
  'Moeite met plannen en beginnen aan een taak.',
  'Wisselingen in de dag geven onrust.',
  'Lezen kost veel energie; technisch lezen blijft achter.',
];
const needs = [
  'Heeft nodig: verlengde instructie bij rekenen en een stappenplan op tafel.',
  'Heeft nodig: een rustige werkplek en een koptelefoon bij zelfstandig werken.',
  'Heeft nodig: dagelijks 15 minuten extra leestijd met een volwassene.',
  'Heeft nodig: een time-timer en taken in kleine stukjes.',
  'Heeft nodig: voorspelbaarheid; vooraf horen wat er verandert.',
];
const teacherNeeds = [
  'Advies van de consulent over gedrag in de klas.',
  'Tijd voor een wekelijks kort gesprek met de intern begeleider.',
  'Materialen voor een eigen leerlijn rekenen.',
  'Een observatie in de klas door de orthopedagoog.',
];
const goals = [
  ['Leest vlot een tekst op AVI-niveau E5', 'AVI M5', 'AVI E5'],
  ['Rekent sommen tot 100 met tientaloverschrijding', '60% goed', '85% goed'],
  ['Werkt 20 minuten zelfstandig aan een taak', '5 minuten', '20 minuten'],
  ['Vraagt zelf om hulp als hij of zij vastloopt', 'Wacht af', 'Vraagt binnen 5 minuten'],
  ['Schrijft een verhaal van 10 zinnen met hoofdletters en punten', '4 zinnen', '10 zinnen'],
  ['Gaat rustig om met onverwachte veranderingen', 'Boos bij wisselingen', 'Zegt wat er lastig is'],
] as const;
const schoolActions = [
  'Dagelijks 15 minuten duo-lezen met een maatje',
  'Wekelijks verlengde instructie rekenen in een klein groepje',
  'Stappenplan en time-timer op tafel bij zelfstandig werken',
  'Maandelijks gesprek van leerkracht, ouders en intern begeleider',
];
const otherActions: Record<'parents' | 'swv' | 'jgz' | 'outside_help', string> = {
  parents: 'Thuis vier keer per week samen lezen',
  swv: 'De consulent observeert in de klas en adviseert de leerkracht',
  jgz: 'Gesprek met de jeugdarts over slapen en concentratie',
  outside_help: 'Onderzoek naar dyslexie door een extern bureau',
};
const buurtteamAction = 'Gezinsgesprek met het buurtteam over de thuissituatie';
const exitDestinations = [
  'VMBO basis/kader',
  'VMBO kader met leerwegondersteuning',
  'Praktijkonderwijs',
  'VSO',
];
const pupilViews = [
  'Ik vind het fijn als ik weet wat we gaan doen.',
  'Ik wil beter leren lezen, maar het is soms saai.',
  'Met een maatje werken vind ik leuk.',
  'Ik wil niet steeds apart zitten.',
];

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fill = (text: string, name: string) => text.replace('{name}', name);

const columns = {
  plan: [
    'id uuid',
    'student_id uuid',
    'version integer',
    'status text',
    'revision integer',
    'strengths text',
    'stimulating_factors text',
    'hindering_factors text',
    'needs text',
    'teacher_needs text',
    'has_development_perspective boolean',
    'exit_destination text',
    'exit_grounds text',
    'programme_deviations text',
    'pupil_view text',
    'evaluation_due_on date',
    'evaluated_on date',
    'evaluation text',
    'evaluated_with_parents boolean',
    'evaluated_by_user_id uuid',
    'created_by_user_id uuid',
    'created_at timestamptz',
    'updated_by_user_id uuid',
    'updated_at timestamptz',
  ],
  plan_goal: [
    'id uuid',
    'plan_id uuid',
    'position smallint',
    'description text',
    'baseline text',
    'target text',
    'target_date date',
    'progress text',
  ],
  plan_agreement: [
    'id uuid',
    'plan_id uuid',
    'position smallint',
    'action text',
    'owner text',
    'partner_organisation_id uuid',
    'due_on date',
    'done boolean',
    'note text',
  ],
  plan_parent_response: [
    'id uuid',
    'plan_id uuid',
    'parent_user_id uuid',
    'parent_name text',
    'agrees boolean',
    'view text',
    'responded_at timestamptz',
    'recorded_by_user_id uuid',
    'proof text',
    'action_part jsonb',
  ],
} as const;

/** The rows of each table, in the order of its columns. */
type Rows = Record<keyof typeof columns, unknown[][]>;

export async function writePlans(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  spotlightPupils: readonly DemoPupil[],
): Promise<void> {
  const random = streamOf(settings, 'plans', swv.registerCode);
  const swvId = swv.id;
  const db = database.db;
  const younger = siblingsOf(spotlightPupils)?.[0];
  const pupils = await queryRows<Pupil>(
    db,
    sql`select id, school_id, given_name, family_name_prefix, family_name, support_level from student
        where swv_id = ${swvId} and (support_level >= 3 or id = ${younger?.id ?? null}) order by id`,
  );
  // Every school has an IB'er in the demo (caseFile.ts): they write the school's plans.
  const authors = new Map<string, string>();
  for (const row of await queryRows<{ school_id: string; user_id: string }>(
    db,
    sql`select school_id, user_id from membership where swv_id = ${swvId} and role = 'school_ib'`,
  ))
    authors.set(row.school_id, row.user_id);
  const guardians = new Map<string, { id: string; name: string }>();
  for (const row of await queryRows<{ student_id: string; id: string; name: string }>(
    db,
    sql`select g.student_id, u.id, u.display_name as name from student_guardian g
        join app_user u on u.swv_id = g.swv_id and u.id = g.user_id where g.swv_id = ${swvId}`,
  ))
    guardians.set(row.student_id, { id: row.id, name: row.name });

  const rows: Rows = { plan: [], plan_goal: [], plan_agreement: [], plan_parent_response: [] };

  const yearStart = Date.UTC(settings.schoolYear, 6, 1);
  for (const pupil of pupils) {
    const author = authors.get(pupil.school_id);
    if (!author) continue;
    const opp = pupil.support_level === 4;
    const ownCase = pupil.id === younger?.id;
    // The evaluation falls somewhere in the school year; the version began before the year did.
    const dueMs = Date.UTC(settings.schoolYear, 8, 15) + random.int(0, opp ? 289 : 298) * day;
    const dueOn = isoDay(dueMs);
    const startCap = yearStart - random.int(0, 60) * day;
    let startedMs = Math.min(Date.parse(addMonths(dueOn, -6)), startCap);
    if (opp) startedMs = Math.max(startedMs, Date.parse(addMonths(dueOn, -12)) + day);
    const hasHistory = random.chance(0.15);
    const version = hasHistory ? 2 : 1;
    const text = planText(random, pupil, opp);
    const goalCount = opp ? 2 : 1;
    const chosenGoals = random.shuffle([...goals]).slice(0, goalCount);

    if (hasHistory) {
      const earlierId = random.id();
      const earlierStart = Date.parse(addMonths(isoDay(startedMs), opp ? -12 : -6));
      const row = planRow(earlierId, pupil.id, 1, 'closed', text, author, earlierStart);
      // Evaluated on the day it was due or a little later.
      row[15] = isoDay(startedMs - random.int(0, 20) * day);
      row[16] = isoDay(startedMs);
      row[17] = random.pick([
        'De doelen zijn grotendeels gehaald. We gaan door met dezelfde aanpak en een nieuw leesdoel.',
        'Het eerste doel is gehaald; het tweede nog niet. De instructie wordt korter en vaker.',
        'Goede vooruitgang. De ouders zien het thuis ook. We verlagen de extra begeleiding iets.',
      ]);
      row[18] = opp || random.chance(0.7);
      row[19] = author;
      rows.plan.push(row);
      const earlierPart = actionPartOf({
        hasDevelopmentPerspective: text.opp,
        programmeDeviations: text.programmeDeviations,
        goals: addGoals(rows, random, earlierId, chosenGoals, startedMs, 'Doel gehaald bij de evaluatie.'),
        agreements: addAgreements(rows, random, earlierId, pupil, people, ownCase, startedMs, true),
      });
      if (opp) addResponse(rows, random, earlierId, pupil, guardians, author, earlierStart, earlierPart);
    }
    const id = random.id();
    const row = planRow(id, pupil.id, version, 'active', text, author, startedMs);
    row[15] = dueOn;
    rows.plan.push(row);
    // The parents answered the action part as it stands (amendment 0): what they agreed with.
    const part = actionPartOf({
      hasDevelopmentPerspective: text.opp,
      programmeDeviations: text.programmeDeviations,
      goals: addGoals(
        rows,
        random,
        id,
        chosenGoals,
        dueMs,
        random.pick(['', 'Gaat vooruit.', 'Nog weinig verandering.']),
      ),
      agreements: addAgreements(rows, random, id, pupil, people, ownCase, dueMs, false),
    });
    // docs/domain.md: a level-4 pupil's OPP has the parents' agreement; others often have one too.
    if (opp || (!ownCase && random.chance(0.3)))
      addResponse(rows, random, id, pupil, guardians, author, startedMs, part);
  }
  // Plans first (goals, agreements and responses point at them), then the rest.
  const writer = batchWriter(database);
  for (const table of ['plan', 'plan_goal', 'plan_agreement', 'plan_parent_response'] as const) {
    const batch = writer.table(table, columns[table], [['swv_id', 'uuid', swvId]]);
    for (const row of rows[table]) {
      const full = batch.add(row);
      if (full) await full;
    }
    await batch.close();
    await writer.flush();
  }

  function planRow(
    id: string,
    studentId: string,
    version: number,
    status: PlanStatus,
    text: ReturnType<typeof planText>,
    author: string,
    startedMs: number,
  ): unknown[] {
    const createdAt = new Date(startedMs + 8 * 3_600_000).toISOString();
    return [
      id,
      studentId,
      version,
      status,
      1,
      text.strengths,
      text.stimulating,
      text.hindering,
      text.needs,
      text.teacherNeeds,
      text.opp,
      text.exitDestination,
      text.exitGrounds,
      text.programmeDeviations,
      text.pupilView,
      addMonths(isoDay(startedMs), 6),
      null,
      null,
      null,
      null,
      author,
      createdAt,
      author,
      createdAt,
    ];
  }
}

function planText(random: Random, pupil: Pupil, opp: boolean) {
  const name = pupil.given_name;
  return {
    strengths: fill(random.pick(strengths), name),
    stimulating: random.pick(stimulating),
    hindering: random.pick(hindering),
    needs: random.pick(needs),
    teacherNeeds: random.pick(teacherNeeds),
    opp,
    exitDestination: opp ? random.pick(exitDestinations) : '',
    exitGrounds: opp
      ? `Op grond van de toetsgegevens van de afgelopen twee jaar en de observaties in de klas. Bevorderend: de inzet van ${name} en steun van thuis. Belemmerend: het tempo bij lezen.`
      : '',
    programmeDeviations: opp
      ? 'Eigen leerlijn rekenen en lezen; minder taken per dag, met extra instructie.'
      : '',
    pupilView: random.chance(0.5) ? random.pick(pupilViews) : '',
  };
}

function addGoals(
  rows: Rows,
  random: Random,
  planId: string,
  chosen: readonly (readonly [string, string, string])[],
  targetMs: number,
  progress: string,
): ActionPartGoal[] {
  return chosen.map(([description, baseline, target], position) => {
    const goal = { id: random.id(), description, baseline, target, targetDate: isoDay(targetMs) };
    rows.plan_goal.push([
      goal.id,
      planId,
      position,
      description,
      baseline,
      target,
      goal.targetDate,
      progress,
    ]);
    return goal;
  });
}

function addAgreements(
  rows: Rows,
  random: Random,
  planId: string,
  pupil: Pupil,
  people: DemoPeople,
  ownCase: boolean,
  dueMs: number,
  closed: boolean,
): ActionPartAgreement[] {
  const chosen: [string, AgreementOwner, string | null][] = [[random.pick(schoolActions), 'school', null]];
  const other = random.pick(['parents', 'swv', 'jgz', 'outside_help'] as const);
  if (random.chance(0.5)) chosen.push([otherActions[other], other, null]);
  // The demo buurtteam carries out an agreement for the demo parent's child, so both can act on it.
  if (ownCase) chosen.push([buurtteamAction, 'buurtteam', people.partnerOrganisationId]);
  return chosen.map(([action, owner, partnerId], position) => {
    const done = closed ? random.chance(0.6) : random.chance(0.2);
    const agreement = {
      id: random.id(),
      action,
      owner,
      partnerOrganisationId: partnerId,
      dueOn: isoDay(dueMs - random.int(20, 90) * day),
    };
    rows.plan_agreement.push([
      agreement.id,
      planId,
      position,
      action,
      owner,
      partnerId,
      agreement.dueOn,
      done,
      done && pupil.support_level >= 3 ? 'Afgerond volgens afspraak.' : '',
    ]);
    return agreement;
  });
}

function addResponse(
  rows: Rows,
  random: Random,
  planId: string,
  pupil: Pupil,
  guardians: ReadonlyMap<string, { id: string; name: string }>,
  author: string,
  startedMs: number,
  actionPart: ActionPart,
) {
  const at = new Date(startedMs + random.int(3, 20) * day + 15 * 3_600_000).toISOString();
  const guardian = guardians.get(pupil.id);
  const view = random.chance(0.4)
    ? 'Fijn dat er extra hulp is. Graag houden we contact over hoe het gaat.'
    : '';
  if (guardian) {
    rows.plan_parent_response.push([
      random.id(),
      planId,
      guardian.id,
      guardian.name,
      true,
      view,
      at,
      guardian.id,
      null,
      actionPart,
    ]);
    return;
  }
  // Parents without an account signed the form at school; the IB'er or consultant recorded it.
  const initial = String.fromCharCode(65 + random.int(0, 25));
  const name = [`${initial}.`, pupil.family_name_prefix, pupil.family_name].filter(Boolean).join(' ');
  rows.plan_parent_response.push([
    random.id(),
    planId,
    null,
    name,
    true,
    view,
    at,
    author,
    'Getekend formulier in het leerlingdossier',
    actionPart,
  ]);
}
