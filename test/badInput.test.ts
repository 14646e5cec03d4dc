// docs/SECURITY.md D1 and C4: every route refuses malformed, oversized, mistyped and smuggled input with a
// clear 4xx in the one error shape — never a 5xx or a stack trace — and the database is unchanged.
// The routes come from the app itself, so a new route is fuzzed without editing this file; a
// route with a JSON body also needs a valid example body below, from which the fuzzing changes
// one field at a time (its schema comes from the OpenAPI document the contracts produce).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/db/client.ts';
import { newDocumentKey } from '../src/server/modules/documents/encryption.ts';
import { aDocx } from './support/documentFiles.ts';
import {
  type Agent,
  aBoard,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aPartnerOrganisation,
  aPlan,
  aRequest,
  aRequestTypeId,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from './support/factories.ts';
import { type TestApp, testApp } from './support/testApp.ts';

/** A deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nastyStrings = [
  "' OR '1'='1",
  '1; DROP TABLE student; --',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  '\u0000\u0001\u001b[31m',
  'line\nbreak\r\ninjected: yes',
  '#{7*7}{{7*7}}',
  '🙂'.repeat(300),
  'a'.repeat(5000),
  '',
  ' ',
  '-1',
  '1e309',
  'null',
  '__proto__',
  '00000000-0000-0000-0000-000000000000',
];

function junkValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 9));
  switch (pick) {
    case 0:
      return nastyStrings[Math.floor(random() * nastyStrings.length)];
    case 1:
      return [-1, 0, 1.5, 2 ** 53, -(2 ** 31), Number.MAX_SAFE_INTEGER][Math.floor(random() * 6)];
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return '2026-02-30';
    case 5:
      return 'not-an-email@';
    case 6:
      return { swvId: '00000000-0000-0000-0000-000000000000' };
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => [
          ['name', 'email', 'role', 'swvId', 'swv_id', 'schoolId', 'memberships', 'code', `f${i}`][
            Math.floor(random() * 9)
          ]!,
          junkValue(random, depth + 1),
        ]),
      );
  }
}

type Ids = {
  swv: string;
  school: string;
  student: string;
  user: string;
  meeting: string;
  action: string;
  consent: string;
  board: string;
  team: string;
  partner: string;
  plan: string;
  agreement: string;
  goal: string;
  document: string;
  caseMember: string;
  request: string;
  requestType: string;
  teamRequestType: string;
};

/**
 * A valid body for every route that takes JSON, as its allowed user sends it: the fuzzing breaks
 * one field of it at a time, or adds a field the route does not know. A valid body may still be
 * refused by the service (a wrong password, a plan that exists): it only has to pass the schema.
 */
const validBodies: Record<string, (ids: Ids) => Record<string, unknown>> = {
  'POST /api/auth/login': () => ({ email: 'nobody@example.test', password: 'not the password' }),
  'POST /api/auth/second-factor': () => ({ code: '123456' }),
  'POST /api/auth/totp/enable': () => ({ code: '123456' }),
  'POST /api/auth/password': () => ({ currentPassword: 'not the password', newPassword: 'a new passphrase' }),
  'PUT /api/auth/language': () => ({ language: 'en' }),
  'PUT /api/swv/oidc': () => ({
    issuer: 'https://login.example.test',
    clientId: 'passend',
    clientSecret: 'geheim',
    enabled: false,
    secondFactorCode: '123456',
  }),
  'POST /api/auth/activate': () => ({ token: 'A'.repeat(43), password: 'een lang en eigen wachtwoord' }),
  'POST /api/swvs': () => ({
    name: 'Nieuw SWV',
    registerCode: 'PO 88.01',
    sector: 'PO',
    municipalities: ['Utrecht'],
    holidayRegion: 'zuid',
    admin: { email: 'beheer-fuzz@example.test', displayName: 'Nieuwe beheerder' },
  }),
  'PATCH /api/swv': () => ({ decisionWorkingDays: 10 }),
  'POST /api/break-glass': (ids) => ({
    swvId: ids.swv,
    studentId: ids.student,
    reason: 'Storingsmelding 4412: het plan opent niet bij de IB’er',
    minutes: 30,
  }),
  'PUT /api/swv/participation-reference': () => ({ participationReference: 3.5 }),
  'PUT /api/swv/school-holidays': () => ({
    schoolYear: '2026-2027',
    holidays: [{ name: 'Herfstvakantie', firstDay: '2026-10-17', lastDay: '2026-10-25' }],
  }),
  'POST /api/boards': () => ({ code: '88001', name: 'Stichting Fuzz' }),
  'PATCH /api/boards/:id': () => ({ name: 'Stichting Primair Onderwijs' }),
  'POST /api/schools': (ids) => ({
    locationCode: '88ZZ01',
    name: 'Nieuwe school',
    kind: 'bao',
    wijk: 'Oost',
    municipality: 'Utrecht',
    boardId: ids.board,
  }),
  'PATCH /api/schools/:id': () => ({ pupilCount: 250 }),
  'POST /api/teams': (ids) => ({ name: 'Team Fuzz', wijk: 'Oost', schoolIds: [ids.school] }),
  'PATCH /api/teams/:id': (ids) => ({ wijk: 'Noordwest', memberIds: [ids.user] }),
  'POST /api/partner-organisations': (ids) => ({ name: 'JGZ Fuzz', kind: 'jgz', schoolIds: [ids.school] }),
  'PATCH /api/partner-organisations/:id': () => ({ kind: 'buurtteam' }),
  'POST /api/users': (ids) => ({
    email: 'nieuw-fuzz@example.test',
    displayName: 'Nieuwe collega',
    memberships: [{ role: 'teacher', schoolId: ids.school, groups: ['5A'] }],
  }),
  'PATCH /api/users/:id': () => ({ displayName: 'Andere naam' }),
  'POST /api/schools/:schoolId/students': () => ({
    givenName: 'Noor',
    familyName: 'Bakker',
    birthDate: '2017-02-03',
    groupName: '4B',
  }),
  'PATCH /api/students/:id': () => ({ groupName: '5A' }),
  'POST /api/students/:id/support-level': () => ({
    level: 2,
    reason: 'Extra zorg',
    effectiveOn: '2026-11-02',
  }),
  'PATCH /api/documents/:documentId': () => ({ title: 'Verslag' }),
  'POST /api/students/:id/meetings': () => ({
    kind: 'mdo',
    heldOn: '2026-11-20',
    participants: [{ name: 'Ineke de Boer', role: 'intern begeleider' }],
    actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
  }),
  'PATCH /api/meetings/:meetingId': () => ({ notes: 'Aangevuld na het overleg.' }),
  'POST /api/students/:id/consents': () => ({
    purpose: 'request_arrangement',
    givenOn: '2026-11-02',
    givenByName: 'J. de Vries (vader)',
    proof: 'Getekend formulier van 2 november 2026',
  }),
  'POST /api/students/:id/plans': () => ({ hasDevelopmentPerspective: false, evaluationDueOn: '2027-03-01' }),
  'PATCH /api/plans/:planId': () => ({ revision: 1, needs: 'Rust en duidelijke afspraken.' }),
  'PATCH /api/plans/:planId/agreements/:agreementId': () => ({ done: true, note: 'Gedaan.' }),
  'POST /api/plans/:planId/evaluation': (ids) => ({
    revision: 1,
    evaluatedOn: '2026-11-20',
    evaluation: 'Doelen grotendeels gehaald.',
    evaluatedWithParents: true,
    goalProgress: [{ goalId: ids.goal, progress: 'Leest nu AVI E4.' }],
    goalDecisions: [{ goalId: ids.goal, outcome: 'continued', newTargetDate: '2027-06-01' }],
  }),
  'POST /api/students/:id/case-team': (ids) => ({
    partnerOrganisationId: ids.partner,
    role: 'jeugdverpleegkundige',
    reason: 'Volgt de ontwikkeling thuis en op school.',
    validFrom: '2026-11-02',
  }),
  'POST /api/plans/:planId/responses': () => ({
    revision: 1,
    parentName: 'J. de Vries',
    agrees: true,
    view: 'Akkoord.',
    proof: 'Getekend formulier',
  }),
  'PATCH /api/request-types/:typeId': () => ({ deadlineDays: 12, required: ['parents_consent'] }),
  'POST /api/students/:id/requests': (ids) => ({ typeId: ids.requestType, extendsRequestId: null }),
  'POST /api/schools/:schoolId/requests': (ids) => ({ typeId: ids.teamRequestType }),
  'PATCH /api/requests/:requestId': () => ({ revision: 1, question: 'Hulp bij lezen.', category: null }),
  'POST /api/requests/:requestId/steps': () => ({ step: 'submit', revision: 1, note: '' }),
  'POST /api/requests/:requestId/decision': () => ({
    revision: 1,
    outcome: 'granted',
    reasons: 'Nodig.',
    periodFrom: '2026-12-01',
    periodUntil: '2027-06-30',
    budgetCents: 100_000,
    hoursGranted: 20,
    provider: 'Ambulante dienst',
  }),
  'POST /api/requests/:requestId/advices': () => ({ expertise: 'orthopedagoog', advice: 'Toekennen.' }),
  'POST /api/requests/:requestId/parents-view': () => ({ view: 'Wij zijn akkoord.' }),
  'POST /api/requests/:requestId/deliveries': () => ({
    deliveredOn: '2026-11-20',
    hours: 1.5,
    deliveredBy: 'Ambulant begeleider',
  }),
  'PUT /api/requests/:requestId/assignee': () => ({ userId: null }),
  'POST /api/surveys/:invitationId/answer': () => ({
    scores: { listened_to: 5, clear_information: 4, help_fits: null, result: 3, overall: 4 },
    openAnswer: 'Fijn geholpen.',
  }),
  'PUT /api/request-budget': () => ({ schoolYear: '2026-2027', amountCents: 100_000_000 }),
  'PUT /api/notification-preferences': () => ({
    preferences: [{ kind: 'deadline_near', email: 'digest' }],
  }),
  'POST /api/requests/:requestId/objections': () => ({
    grounds: 'Wij zijn het niet eens met het besluit.',
    lateReason: '',
  }),
  'POST /api/objections/:objectionId/steps': () => ({
    step: 'decide',
    revision: 1,
    on: '2026-11-20',
    note: '',
    outcome: 'rejected',
    reasons: 'Het besluit blijft staan.',
  }),
  'POST /api/students/:studentId/transitions': () => ({
    toLocationCode: '12AB00',
    registeredOn: '2026-11-02',
    movesOn: '2027-08-30',
    report: 'Rustig kind, leest graag.',
  }),
  'POST /api/transitions/:transitionId/steps': () => ({
    step: 'decide',
    outcome: 'not_placed',
    reason: 'De school is vol.',
    startsOn: '2027-08-30',
  }),
  'POST /api/disputes': (ids) => ({
    subject: 'admission',
    studentId: ids.student,
    schoolId: ids.school,
    filedOn: '2026-11-20',
    contestedOn: '2026-11-02',
    summary: 'Weigering toelating.',
  }),
  'PATCH /api/disputes/:id': () => ({ ruledOn: '2026-11-20', outcome: 'unfounded', summary: 'Ongegrond.' }),
  'POST /api/complaints': (ids) => ({
    about: 'Bejegening',
    description: 'Niet gehoord.',
    studentId: ids.student,
    schoolId: ids.school,
    receivedOn: '2026-11-20',
  }),
  'PATCH /api/complaints/:id': () => ({ state: 'closed', outcome: 'Gesprek gevoerd.' }),
  'POST /api/support-signals': (ids) => ({
    receivedOn: '2026-11-20',
    kind: 'question',
    schoolId: ids.school,
    summary: 'Vraag over thuiszitten.',
    outcome: 'answered',
  }),
  'PATCH /api/support-signals/:id': () => ({ outcome: 'referred', closedOn: '2026-11-20' }),
  'PUT /api/capacity': (ids) => ({
    schoolYear: '2026-2027',
    schoolId: ids.school,
    category: 'none',
    places: 120,
    taken: 110,
  }),
  'POST /api/arrangement-providers': () => ({ name: 'Ambulante dienst' }),
  'POST /api/students/:id/waiting-entries': (ids) => ({
    requestId: null,
    schoolId: ids.school,
    category: 'none',
    since: '2026-11-02',
    promisedOn: null,
    note: '',
  }),
  'PATCH /api/waiting-entries/:entryId': () => ({
    promisedOn: '2027-01-05',
    note: 'Plek toegezegd.',
    end: { ending: 'placed', on: '2026-11-20' },
  }),
  'POST /api/absence/cases': () => ({
    studentId: null,
    child: { givenName: 'Mila', familyName: 'Jansen', birthDate: '2014-06-01' },
    municipality: 'Utrecht',
    kind: 'exemption',
    exemptionArticle: '5a',
    startedOn: '2026-09-01',
    reason: 'Nergens ingeschreven.',
    attendanceOfficerUserId: null,
    consultantUserId: null,
  }),
  'PATCH /api/absence/cases/:caseId': () => ({ reason: 'Angst.', consultantUserId: null }),
  'POST /api/absence/cases/:caseId/offers': () => ({
    fromOn: '2026-11-02',
    educationHours: 4,
    careHours: 2,
    description: 'Onderwijs thuis',
  }),
  'POST /api/absence/cases/:caseId/steps': () => ({
    what: 'Een ochtend op school',
    who: 'Mentor',
    dueOn: '2026-12-07',
  }),
  'PATCH /api/absence/cases/:caseId/steps/:stepId': () => ({ done: true }),
  'POST /api/absence/cases/:caseId/end': () => ({ endedOn: '2026-11-20', ending: 'own_school', note: '' }),
  'POST /api/students/:id/absence-watches': () => ({
    kind: 'absence_report',
    absentSince: '2026-11-02',
    municipality: 'Utrecht',
    note: '',
  }),
  'POST /api/absence/watches/:watchId/convert': () => ({ reason: '' }),
  'POST /api/absence/watches/:watchId/close': () => ({}),
  'PUT /api/retention/settings': () => ({ kind: 'child_file', years: 2 }),
  'POST /api/retention/deletions': (ids) => ({ children: [ids.student], absenceCases: [] }),
  'PUT /api/absence/ladder': (ids) => ({
    municipality: '',
    rungs: [{ threshold: 'three_months', userId: ids.user }],
  }),
};

/** Fields that take any characters: secrets are compared, never shown or stored as text. */
const anyCharacters = new Set(['password', 'currentPassword', 'newPassword', 'clientSecret', 'recoveryCode']);
/** Keys that must never be taken from a body: tenant, identity, role, bookkeeping. */
const smuggledKeys = ['swvId', 'swv_id', 'role', 'userId', 'id', 'createdByUserId', 'createdAt', 'isAdmin'];

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
};

const branchesOf = (schema: JsonSchema): JsonSchema[] =>
  (schema.anyOf ?? schema.oneOf)?.flatMap(branchesOf) ?? [schema];

/** The branch of a union that an object value is written for: the one that knows all its keys. */
function objectBranch(schema: JsonSchema, value: unknown): JsonSchema | undefined {
  const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  return branchesOf(schema).find(
    (branch) => branch.properties && keys.every((key) => key in branch.properties!),
  );
}

const jsonTypeOf = (raw: string): string => {
  const value: unknown = JSON.parse(raw);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
};

function allowsType(schema: JsonSchema, jsonType: string): boolean {
  return branchesOf(schema).some((branch) => {
    const types = [branch.type ?? []].flat();
    if (branch.enum || branch.const !== undefined) {
      return [...(branch.enum ?? []), branch.const].some(
        (v) => (v === null ? 'null' : typeof v) === jsonType,
      );
    }
    if (types.length === 0) return true;
    return types.some((type) => type === jsonType || (type === 'integer' && jsonType === 'number'));
  });
}

/** The school-year pattern of the shared SchoolYear contract (src/contracts/common.ts), as OpenAPI says it. */
const schoolYearPattern = '^\\d{4}-\\d{4}$';

/**
 * Values that look like a date, an instant or a school year but are none Passend can mean: no such
 * day, a year 0000 that PostgreSQL cannot hold (it answered 500), a second year that does not follow.
 */
function impossibleValues(branch: JsonSchema): string[] {
  if (branch.format === 'date')
    return ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '02-03-2026', '0000-01-01', '9999-12-31'];
  if (branch.format === 'date-time')
    return ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-23'];
  if (branch.pattern === schoolYearPattern) return ['0000-0001', '2026-1999', '2026-2028', '9998-9999'];
  return [];
}

/**
 * Values (as JSON text, so that non-finite numbers can be sent) that the schema must refuse in
 * place of `valid`: the wrong type, too long, out of range, impossible dates, unicode edge cases.
 */
function invalidValues(schema: JsonSchema, valid: unknown, field: string): string[] {
  const out = ['12', '"12"', 'true', '{}', '[]', 'null'].filter(
    (raw) => !allowsType(schema, jsonTypeOf(raw)),
  );
  for (const branch of branchesOf(schema)) {
    const types = [branch.type ?? []].flat();
    if (branch.enum) out.push(JSON.stringify('not_one_of_them'));
    if (types.includes('string') && !branch.enum) {
      const base = typeof valid === 'string' && valid.length > 0 ? valid : 'Tekst';
      if (branch.maxLength !== undefined) out.push(JSON.stringify('a'.repeat(branch.maxLength + 1)));
      const impossible = impossibleValues(branch);
      if (impossible.length > 0) out.push(...impossible.map((value) => JSON.stringify(value)));
      else if (branch.format === 'uuid') out.push(JSON.stringify('not-a-uuid'), JSON.stringify(`${base}x`));
      else if (branch.format === 'email') out.push(JSON.stringify('not-an-email@'));
      else if (branch.pattern) out.push(JSON.stringify(`${base}🙂`));
      if (!anyCharacters.has(field)) {
        // A NUL, an escape sequence and a lone surrogate: none is text anyone typed.
        for (const bad of ['\\u0000', '\\u001b[31m', '\\ud800'])
          out.push(`${JSON.stringify(base).slice(0, -1)}${bad}"`);
      }
    }
    if (types.includes('number') || types.includes('integer')) {
      out.push('1e309', '-1e309');
      if (types.includes('integer') && !types.includes('number')) out.push('1.5');
      if (branch.maximum !== undefined) out.push(String(branch.maximum + 1));
      if (branch.exclusiveMaximum !== undefined) out.push(String(branch.exclusiveMaximum));
      if (branch.minimum !== undefined) out.push(String(branch.minimum - 1));
      if (branch.exclusiveMinimum !== undefined) out.push(String(branch.exclusiveMinimum));
    }
    if (
      types.includes('array') &&
      branch.maxItems !== undefined &&
      Array.isArray(valid) &&
      valid.length > 0
    ) {
      out.push(JSON.stringify(Array.from({ length: branch.maxItems + 1 }, () => valid[0])));
    }
  }
  return [...new Set(out)];
}

type Variant = { what: string; json: string };
const hole = '\u0000fuzz\u0000';

/** The body with the value at `path` replaced by raw JSON text. */
function withRaw(body: unknown, path: (string | number)[], raw: string): string {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = hole;
  return JSON.stringify(copy).replace(JSON.stringify(hole), raw);
}

/**
 * Every way to break one value of a valid body (`broken`), and every way to smuggle a key into one
 * of its objects (`smuggled`), walking nested objects and the first item of arrays.
 */
function variantsOf(schema: JsonSchema, body: Record<string, unknown>) {
  const broken: Variant[] = [];
  const smuggled: Variant[] = [];
  const walk = (objectSchema: JsonSchema, value: Record<string, unknown>, path: (string | number)[]) => {
    const branch = objectBranch(objectSchema, value);
    if (!branch?.properties) return;
    for (const key of smuggledKeys.filter((k) => !(k in branch.properties!))) {
      smuggled.push({
        what: `${[...path, key].join('.')} smuggled`,
        json: withRaw(
          body,
          [...path, key],
          JSON.stringify(key === 'role' ? 'swv_admin' : '00000000-0000-4000-8000-000000000000'),
        ),
      });
    }
    for (const [key, propertySchema] of Object.entries(branch.properties)) {
      const valid = value[key];
      for (const raw of invalidValues(propertySchema, valid, key))
        broken.push({
          what: `${[...path, key].join('.')} = ${raw.slice(0, 40)}`,
          json: withRaw(body, [...path, key], raw),
        });
      if (valid && typeof valid === 'object' && !Array.isArray(valid))
        walk(propertySchema, valid as Record<string, unknown>, [...path, key]);
      if (Array.isArray(valid) && valid.length > 0 && valid[0] && typeof valid[0] === 'object') {
        const items = branchesOf(propertySchema).find((b) => b.items)?.items;
        if (items) walk(items, valid[0] as Record<string, unknown>, [...path, key, 0]);
      }
    }
  };
  walk(schema, body, []);
  return { broken, smuggled };
}

/** Object schemas in a body schema that let unknown keys through (a strict object says false). */
function looseObjects(schema: JsonSchema, path = 'body'): string[] {
  const loose = schema.properties && schema.additionalProperties !== false ? [path] : [];
  return [
    ...loose,
    ...Object.entries(schema.properties ?? {}).flatMap(([key, sub]) => looseObjects(sub, `${path}.${key}`)),
    ...(schema.items ? looseObjects(schema.items, `${path}[]`) : []),
    ...(schema.anyOf ?? schema.oneOf ?? []).flatMap((sub, i) => looseObjects(sub, `${path}|${i}`)),
  ];
}

/** Row counts and a digest of every table: equal before and after means nothing was written. */
async function databaseDigest(t: TestApp): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.database.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      t.database.db,
      sql.raw(
        `select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${name}" x`,
      ),
    );
    digest[name] = `${row?.n}:${row?.h}`;
  }
  return digest;
}

describe('bad input on every route', () => {
  let t: TestApp;
  let agents: { operator: Agent; admin: Agent; ib: Agent };
  let ids: Ids;

  beforeAll(async () => {
    const key = newDocumentKey('fuzz');
    const keys = { current: key, byId: new Map([[key.id, key.key]]) };
    t = await testApp({ documents: { keys, maxBytes: 10 * 1024 * 1024 } });
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    const student = await aStudent(db, swv.id, school.id);
    const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    const admin = await aUser(db, swv.id, [{ role: 'swv_admin' }]);
    const operator = await aUser(db, null, [{ role: 'operator' }]);
    agents = { operator: await signIn(t, operator), admin: await signIn(t, admin), ib: await signIn(t, ib) };
    // Real records behind every id in a URL, so the input itself is what gets judged.
    const meeting = await aCaseMeeting(db, {
      swvId: swv.id,
      studentId: student.id,
      createdByUserId: ib.id,
      actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
    });
    const consentId = await aConsent(db, {
      swvId: swv.id,
      studentId: student.id,
      givenByUserId: ib.id,
      purpose: 'request_arrangement',
    });
    const plan = await aPlan(db, { swvId: swv.id, studentId: student.id, byUserId: ib.id });
    const partner = await aPartnerOrganisation(db, swv.id, [school.id]);
    const partnerUser = await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partner }]);
    ids = {
      swv: swv.id,
      school: school.id,
      student: student.id,
      user: ib.id,
      board: await aBoard(db, swv.id),
      team: await aTeam(db, swv.id, [school.id], []),
      partner,
      caseMember: await aCaseMember(db, swv.id, student.id, partnerUser.id),
      meeting: meeting.id,
      action: meeting.actionIds[0]!,
      consent: consentId,
      plan: plan.id,
      agreement: plan.agreementIds[0]!,
      goal: plan.goalId,
      document: (await aDocument(db, keys, { swvId: swv.id, studentId: student.id, uploadedByUserId: ib.id }))
        .id,
      request: await aRequest(db, {
        swvId: swv.id,
        schoolId: school.id,
        studentId: student.id,
        byUserId: ib.id,
        state: 'draft',
      }),
      requestType: await aRequestTypeId(db, swv.id, 'arrangement'),
      teamRequestType: await aRequestTypeId(db, swv.id, 'team_training'),
    };
  });
  afterAll(() => t.close());

  /** The agent that may use the route, so the input itself is what gets judged. */
  function agentFor(url: string): Agent {
    if (url.startsWith('/api/swvs') || url.startsWith('/api/break-glass')) return agents.operator;
    if (
      /students|meetings|consents|plans|documents|oso-import|^\/api\/requests/.test(url) ||
      url.startsWith('/api/auth')
    )
      return agents.ib;
    return agents.admin;
  }

  const idOf: Record<string, () => string> = {
    schoolId: () => ids.school,
    meetingId: () => ids.meeting,
    actionId: () => ids.action,
    consentId: () => ids.consent,
    planId: () => ids.plan,
    agreementId: () => ids.agreement,
    documentId: () => ids.document,
    memberId: () => ids.caseMember,
    requestId: () => ids.request,
    typeId: () => ids.requestType,
  };

  function fill(url: string, param = (name: string) => idOf[name]?.() ?? ids.student): string {
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (url.startsWith('/api/users')) return ids.user;
      if (url.startsWith('/api/schools/:id')) return ids.school;
      if (url.startsWith('/api/boards/')) return ids.board;
      if (url.startsWith('/api/teams/')) return ids.team;
      if (url.startsWith('/api/partner-organisations/')) return ids.partner;
      return param(name);
    });
  }

  function expectClientError(
    response: { statusCode: number; body: string; headers: Record<string, unknown> },
    what: string,
  ) {
    // Single sign-on runs in the browser: its routes refuse by sending the user back to the login page.
    if (what.includes('/api/auth/oidc/') && response.statusCode === 302) {
      expect(String(response.headers.location), what).toMatch(/^\/login\?sso=failed/);
      return;
    }
    expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    const body = JSON.parse(response.body);
    expect(body.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(response.body, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  }

  async function send(
    agent: Agent,
    method: string,
    url: string,
    payload: string | Buffer | undefined,
    contentType?: string,
  ) {
    const headers: Record<string, string> = { cookie: agent.cookie!, 'x-csrf-token': agent.csrfToken! };
    if (contentType) headers['content-type'] = contentType;
    return t.app.inject({
      method: method as 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  const routes = () =>
    t.app.routeList.filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/auth/logout');

  it('refuses bodies that are not JSON objects, too large or of the wrong type', async () => {
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = fill(route.url);
      const agent = agentFor(route.url);
      const what = `${route.method} ${route.url}`;
      expectClientError(
        await send(agent, route.method, url, '{"broken": ', 'application/json'),
        `${what} malformed`,
      );
      expectClientError(await send(agent, route.method, url, 'email=a', 'text/plain'), `${what} text/plain`);
      expectClientError(
        await send(
          agent,
          route.method,
          url,
          JSON.stringify({ x: 'a'.repeat(1_100_000) }),
          'application/json',
        ),
        `${what} oversized`,
      );
      for (const junk of ['[]', '42', '"text"', 'null', '{"__proto__": {"admin": true}}']) {
        const response = await send(agent, route.method, url, junk, 'application/json');
        expectClientError(response, `${what} ${junk}`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  }, 180_000);

  // A year 0000 matches the ISO date pattern but is no day for PostgreSQL: it once answered 500.
  it('refuses a date, date-time or school year in a query string that Passend cannot mean', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[] }>
      >;
    };
    const failures: string[] = [];
    const swept = new Set<string>();
    for (const route of routes().filter((r) => r.method === 'GET' && r.url.startsWith('/api/'))) {
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.get;
      for (const { name, schema } of (operation?.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const bad of branchesOf(schema).flatMap(impossibleValues)) {
          const response = await send(
            agentFor(route.url),
            'GET',
            `${fill(route.url)}?${name}=${encodeURIComponent(bad)}`,
            undefined,
          );
          swept.add(`${route.url}?${name}`);
          if (response.statusCode !== 400)
            failures.push(
              `GET ${route.url}?${name}=${bad}: ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    // The sweep finds its fields in the OpenAPI document: one of each kind at least.
    expect([...swept]).toEqual(
      expect.arrayContaining([
        '/api/students/:id/access-log?from',
        '/api/request-budget?schoolYear',
        '/api/admin-events?before',
      ]),
    );
  }, 180_000);

  /** The routes that take a JSON body, with the body's JSON schema from the OpenAPI document. */
  async function jsonBodyRoutes() {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
      >;
    };
    return routes()
      .filter((route) => route.method !== 'GET')
      .flatMap((route) => {
        const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const schema = operation?.requestBody?.content['application/json']?.schema;
        return schema ? [{ name: `${route.method} ${route.url}`, route, schema }] : [];
      });
  }

  /** Refused by the route's body schema: 400 with an issue in the body (not a later refusal). */
  function refusedByTheSchema(response: { statusCode: number; body: string }): boolean {
    if (response.statusCode !== 400) return false;
    const issues = JSON.parse(response.body).error?.details?.issues as { path: string }[] | undefined;
    return issues?.some((issue) => issue.path === 'body' || issue.path.startsWith('body.')) ?? false;
  }

  it('knows a valid body for every route that takes JSON, and every body schema is strict', async () => {
    const withBody = await jsonBodyRoutes();
    expect(withBody.length).toBeGreaterThan(20);
    expect(withBody.map((r) => r.name).sort()).toEqual(Object.keys(validBodies).sort());
    // A body object that is not strict drops unknown keys silently instead of refusing them.
    expect(withBody.flatMap((r) => looseObjects(r.schema).map((path) => `${r.name} ${path}`))).toEqual([]);
  });

  // Thousands of calls, one per broken value: it takes its time on a loaded machine.
  it('refuses a valid body with one value broken, or with a tenant, role or owner smuggled in', async () => {
    const before = await databaseDigest(t);
    const failures: string[] = [];
    let sent = 0;
    for (const { name, route, schema } of await jsonBodyRoutes()) {
      const body = validBodies[name]?.(ids);
      if (!body) continue; // the test above names the route
      const { broken, smuggled } = variantsOf(schema, body);
      if (smuggled.length === 0) failures.push(`${name}: no key could be smuggled into its body`);
      for (const variant of [...broken, ...smuggled]) {
        const response = await send(
          agentFor(route.url),
          route.method,
          fill(route.url),
          variant.json,
          'application/json',
        );
        sent++;
        if (!refusedByTheSchema(response))
          failures.push(`${name} ${variant.what}: ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    expect(await databaseDigest(t)).toEqual(before);
  }, 180_000);

  it('refuses bad ids and query strings in the URL', async () => {
    const before = await databaseDigest(t);
    for (const route of routes()) {
      const agent = agentFor(route.url);
      const what = `${route.method} ${route.url}`;
      if (route.url.includes(':')) {
        for (const bad of ['not-a-uuid', "1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300)]) {
          const url = fill(route.url, () => bad)
            .replace(ids.user, bad)
            .replace(ids.school, bad)
            .replace(ids.board, bad)
            .replace(ids.team, bad)
            .replace(ids.partner, bad);
          const response = await send(
            agent,
            route.method,
            url,
            route.method === 'GET' ? undefined : '{}',
            'application/json',
          );
          expectClientError(response, `${what} id=${bad}`);
        }
      }
      // Page URLs of the web app take any query: it belongs to the app in the browser.
      if (route.method === 'GET' && route.url.startsWith('/api/')) {
        const response = await send(
          agent,
          'GET',
          `${fill(route.url)}?limit=-1&offset=abc&unknown=%27%22`,
          undefined,
        );
        expectClientError(response, `${what} query`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  }, 180_000);

  // docs/SECURITY.md E1: the export is made as JSON or PDF only; anything else in its query is refused
  // before the child is looked up, so nothing is read and nothing logged.
  it('refuses an export in a format it does not make, or with more in its query', async () => {
    const before = await databaseDigest(t);
    for (const query of [
      '',
      '?format=',
      '?format=xml',
      '?format=JSON',
      '?format=json&format=pdf',
      '?format=pdf&audience=complete',
      '?format[]=json',
      '?format=json%00',
      `?format=${'pdf'.repeat(2000)}`,
    ]) {
      const response = await send(agents.ib, 'GET', `/api/students/${ids.student}/export${query}`, undefined);
      expect(response.statusCode, `export${query.slice(0, 40)}`).toBe(400);
      expectClientError(response, `export${query.slice(0, 40)}`);
    }
    expect(await databaseDigest(t)).toEqual(before);
  });

  it('refuses raw bytes that are not an acceptable document, on every route', async () => {
    const random = prng(20261124);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const files = [
      junk,
      Buffer.alloc(0),
      Buffer.concat([Buffer.from('MZ'), junk]),
      Buffer.from('#!/bin/sh\nexit 0\n'),
      Buffer.concat([Buffer.from('PK\x03\x04'), junk]),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk]),
      aDocx('bomb', [{ name: 'word/zeros.xml', data: Buffer.alloc(4 * 1024 * 1024) }]),
    ];
    // With the upload's metadata too, so the upload route judges the bytes, not a missing title.
    const uploadQuery = '?title=Verslag&fileName=verslag.pdf&classification=ordinary';
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      for (const query of ['', uploadQuery]) {
        for (const file of files) {
          const response = await send(
            agentFor(route.url),
            route.method,
            `${fill(route.url)}${query}`,
            file,
            'application/octet-stream',
          );
          expectClientError(
            response,
            `${route.method} ${route.url}${query} ${file.subarray(0, 8).toString('hex')}`,
          );
        }
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  }, 180_000);

  // Junk shapes, not values: the unknown key keeps every body refused, so this shows only that no
  // shape of garbage reaches a 5xx. The values themselves are fuzzed on valid bodies above.
  it('survives generated junk bodies on every route with a 4xx', async () => {
    const random = prng(20261123);
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = fill(route.url);
      for (let i = 0; i < 40; i++) {
        const junk = junkValue(random);
        const body =
          typeof junk === 'object' && junk !== null && !Array.isArray(junk) ? { ...junk, extra: 1 } : junk;
        const response = await send(
          agentFor(route.url),
          route.method,
          url,
          JSON.stringify(body),
          'application/json',
        );
        expectClientError(response, `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
    // Forty bodies on each of the app's writing routes: minutes on a loaded machine, not seconds.
  }, 180_000);

  // Last: the valid bodies write. Each passes its schema, so the refusals above were the broken value.
  it('lets every valid example body through its schema', async () => {
    const answers: string[] = [];
    // The sign-in routes last: a sign-in replaces the session the other calls use.
    const signInLast = (name: string) => (name.includes('/api/auth/') ? 1 : 0);
    const bodyRoutes = (await jsonBodyRoutes()).sort((a, b) => signInLast(a.name) - signInLast(b.name));
    for (const { name, route } of bodyRoutes) {
      const body = validBodies[name]?.(ids);
      if (!body) continue;
      const response = await send(
        agentFor(route.url),
        route.method,
        fill(route.url),
        JSON.stringify(body),
        'application/json',
      );
      if (refusedByTheSchema(response) || response.statusCode >= 500)
        answers.push(`${name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(answers).toEqual([]);
  });
});
