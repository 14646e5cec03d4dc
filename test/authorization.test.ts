// docs/SECURITY.md C1–C3 and A1: the authorization matrix. Every route of the app must have a row here (a
// route without one fails the test). Each row is called by every kind of actor, against a record
// of their own school, of another school, and of another SWV where that applies, and states who
// gets through; everyone else must be refused (401 without a session, 404 for another SWV's
// record, 403 otherwise). Routes on a child's data must write exactly one access-log row per call,
// allowed or denied. What comes back is checked too: a list row declares which of the world's
// records each actor gets (the world holds some in another SWV, another school and another group),
// and no answer holds another SWV's data or a child the actor may not open.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/server/auth/totp.ts';
import { queryRows } from '../src/server/db/client.ts';
import {
  absenceCase,
  absenceStep,
  absenceWatch,
  appUser,
  breakGlassWindow,
  complaint,
  consent,
  dispute,
  objection,
  outboxMessage,
  roleGrant,
  schoolHoliday,
  supportSignal,
  surveyInvitation,
  swvOidcChange,
  transition,
  waitingEntry,
} from '../src/server/db/schema/index.ts';
import { newDocumentKey } from '../src/server/modules/documents/encryption.ts';
import { notify } from '../src/server/modules/notifications/notifications.commands.ts';
import {
  Agent,
  aBoard,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aGuardian,
  anActivePlan,
  anAttendanceOrganisation,
  anOrganisationOnCase,
  aPartnerOrganisation,
  aPlan,
  aRequest,
  aRequestTypeId,
  aSchool,
  aSealedSecret,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from './support/factories.ts';
import { type TestApp, testApp } from './support/testApp.ts';

const actorNames = [
  'anonymous',
  'operator',
  'swv_admin',
  'consultant',
  'committee',
  'policy',
  'school_ib',
  'school_director',
  'teacher',
  'teacher_other_group',
  'partner_with_consent',
  'partner_without_consent',
  /** A partner of a leerplicht organisation serving the municipality the world's children live in. */
  'attendance_officer',
  'parent',
  'parent_other_child',
  'foreign_ib',
] as const;
type ActorName = (typeof actorNames)[number];
const targets = ['own', 'otherSchool', 'otherSwv'] as const;
type Target = (typeof targets)[number];

type World = Awaited<ReturnType<typeof buildWorld>>;

type RouteCase = {
  /** "METHOD /path" exactly as registered. */
  route: string;
  /** A second row of the same route: what it calls differently (a filter with its own rule). */
  variant?: string;
  /** The relations this route is called with; routes without a target record use ['own']. */
  targets: readonly Target[];
  /** The call; the actor is there for routes whose body differs by who sends it. */
  request: (w: World, target: Target, actor: ActorName) => { url: string; body?: unknown };
  /** Who gets a 2xx, per target. Everyone else is refused. */
  allow: Partial<Record<Target, readonly ActorName[]>>;
  /** Statuses that differ from the rule (e.g. a public route answering 401 to a wrong password). */
  status?: Partial<Record<ActorName, number>>;
  /**
   * Calls a child's data: exactly one access-log row per call. 'ownSwv': the children are found
   * from the session, not from a record in the URL, so the operator (no SWV) has no log to write in.
   */
  childData?: boolean | 'ownSwv';
  /** Needs a session of its own (the call would end or replace the actor's session). */
  freshSession?: boolean;
  /** Why this route's answers may hold another SWV's data or another child's (a known gap). */
  foreignDataAllowed?: string;
  /** A list (or a panel holding one): which rows each allowed actor gets back, exactly. */
  list?: ListRows;
};

/**
 * `among` names the world's records that could show up in the list: some the actor may see and
 * some it may not (another SWV, another school, another group). Of those, the answer's `rows`
 * must be exactly `visible` for the actor and target. Records that other rows create during the
 * run are not among them, so the order of the rows does not matter.
 */
type ListRows = {
  rows: (body: unknown) => string[];
  among: (w: World) => readonly string[];
  visible: (w: World, actor: ActorName, target: Target) => readonly string[];
};

/** The ids of the objects in the answer, or in its field `key`. */
const idsAt =
  (key?: string) =>
  (body: unknown): string[] => {
    const rows = (key ? (body as Record<string, unknown>)[key] : body) as { id: string }[];
    return rows.map((row) => row.id);
  };
/** For lists of the actor's own SWV: what SWV A's actors see, and what the IB'er of SWV B sees. */
const perSwv =
  (own: (w: World) => readonly string[], foreign: (w: World) => readonly string[]) =>
  (w: World, actor: ActorName) =>
    actor === 'foreign_ib' ? foreign(w) : own(w);

const everyone: readonly ActorName[] = actorNames;
const signedIn = actorNames.filter((a) => a !== 'anonymous');
const swvStaff: readonly ActorName[] = [
  'swv_admin',
  'consultant',
  'committee',
  'policy',
  'school_ib',
  'school_director',
  'teacher',
  'teacher_other_group',
];
const documentKey = newDocumentKey('matrix');
const documentKeys = { current: documentKey, byId: new Map([[documentKey.id, documentKey.key]]) };
/** docs/domain.md: who reads a child's plan, and who edits it (the teacher only in their own groups). */
const planReaders: readonly ActorName[] = [
  'consultant',
  'school_ib',
  'school_director',
  'teacher',
  'partner_with_consent',
  'parent',
];
const planEditors: readonly ActorName[] = ['consultant', 'school_ib', 'teacher'];
/** docs/domain.md, "Objections, disputes, complaints": the SWV's registers. */
const registerStaff: readonly ActorName[] = ['swv_admin', 'consultant', 'committee'];
/** The official EDEXML 2.1 example as a file of the school with this location code. */
const rosterOf = (locationCode: string) =>
  Buffer.from(
    readFileSync(new URL('./support/files/edexml/EDEXML.Voorbeeld.2.1.xml', import.meta.url), 'utf8')
      .replace('<brincode>99ZZ</brincode>', `<brincode>${locationCode.slice(0, 4)}</brincode>`)
      .replace(
        '<dependancecode>00</dependancecode>',
        `<dependancecode>${locationCode.slice(4)}</dependancecode>`,
      ),
  );
/** The official OSO example (PaO) as a dossier exported by the school with this location code. */
const dossierOf = (locationCode: string) =>
  Buffer.from(
    readFileSync(
      new URL('./support/files/oso/Voorbeelddossier_PaO_POSWV_full.xml', import.meta.url),
      'utf8',
    ).replace(
      '<brincode>00YY</brincode>\n    <vestigingscode>00</vestigingscode>',
      `<brincode>${locationCode.slice(0, 4)}</brincode>\n    <vestigingscode>${locationCode.slice(4)}</vestigingscode>`,
    ),
  );
let counter = 0;
const next = () => `${Date.now().toString(36)}${counter++}`;

const cases: RouteCase[] = [
  {
    route: 'GET /api/health',
    targets: ['own'],
    request: () => ({ url: '/api/health' }),
    allow: { own: everyone },
  },
  {
    route: 'GET /api/openapi.json',
    targets: ['own'],
    request: () => ({ url: '/api/openapi.json' }),
    allow: { own: everyone },
  },
  {
    route: 'GET /*',
    targets: ['own'],
    request: () => ({ url: '/students/123?next=%2F' }),
    allow: { own: everyone },
  },
  {
    route: 'GET /assets/*',
    targets: ['own'],
    request: () => ({ url: '/assets/app-test.js' }),
    allow: { own: everyone },
  },
  {
    route: 'POST /api/auth/login',
    targets: ['own'],
    request: () => ({
      url: '/api/auth/login',
      body: { email: `nobody-${next()}@example.test`, password: 'wrong password' },
    }),
    allow: {},
    // Public: everyone reaches it, and a wrong password is 401 for all alike.
    status: Object.fromEntries(everyone.map((a) => [a, 401])),
    freshSession: true,
  },
  {
    route: 'POST /api/auth/activate',
    targets: ['own'],
    request: () => ({
      url: '/api/auth/activate',
      body: { token: 'A'.repeat(43), password: `een zin ${next()}` },
    }),
    allow: {},
    // Public; an unknown activation token is refused alike for everyone.
    status: Object.fromEntries(everyone.map((a) => [a, 400])),
  },
  {
    route: 'POST /api/auth/second-factor',
    targets: ['own'],
    request: () => ({ url: '/api/auth/second-factor', body: { code: '000000' } }),
    allow: {},
    // Only a session waiting for its second factor may use it; an active one has nothing pending.
    status: Object.fromEntries(signedIn.map((a) => [a, 409])),
    freshSession: true,
  },
  {
    route: 'POST /api/auth/totp/setup',
    targets: ['own'],
    request: () => ({ url: '/api/auth/totp/setup' }),
    // Users without a second factor may start one; those with one must reset it first.
    allow: {
      own: [
        'school_ib',
        'school_director',
        'teacher',
        'teacher_other_group',
        'parent',
        'parent_other_child',
        'foreign_ib',
      ],
    },
    status: {
      operator: 409,
      swv_admin: 409,
      consultant: 409,
      committee: 409,
      policy: 409,
      partner_with_consent: 409,
      partner_without_consent: 409,
      attendance_officer: 409,
    },
    freshSession: true,
  },
  {
    route: 'POST /api/auth/totp/enable',
    targets: ['own'],
    request: () => ({ url: '/api/auth/totp/enable', body: { code: '000000' } }),
    allow: {},
    // Reached by every signed-in user: those with a second factor have nothing to enable (409);
    // the others started a set-up in the row above, so the wrong code fails validation (400).
    status: Object.fromEntries(
      signedIn.map((a) => [
        a,
        [
          'operator',
          'swv_admin',
          'consultant',
          'committee',
          'policy',
          'partner_with_consent',
          'partner_without_consent',
          'attendance_officer',
        ].includes(a)
          ? 409
          : 400,
      ]),
    ),
    freshSession: true,
  },
  {
    route: 'GET /api/auth/me',
    targets: ['own'],
    request: () => ({ url: '/api/auth/me' }),
    allow: { own: signedIn },
  },
  {
    route: 'POST /api/auth/logout',
    targets: ['own'],
    request: () => ({ url: '/api/auth/logout' }),
    allow: { own: signedIn },
    freshSession: true,
  },
  {
    route: 'POST /api/auth/password',
    targets: ['own'],
    request: () => ({
      url: '/api/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'x' },
    }),
    allow: {},
    // Reached by every signed-in user; the wrong current password then fails validation.
    status: Object.fromEntries(signedIn.map((a) => [a, 400])),
    freshSession: true,
  },
  {
    // Sets the language of the caller's own account: there is no one else's to name.
    route: 'PUT /api/auth/language',
    targets: ['own'],
    request: () => ({ url: '/api/auth/language', body: { language: 'nl' } }),
    allow: { own: signedIn },
  },
  {
    route: 'GET /api/auth/sso',
    targets: ['own'],
    request: () => ({ url: '/api/auth/sso' }),
    allow: { own: everyone },
  },
  {
    route: 'GET /api/auth/oidc/:swvId/start',
    targets: ['own'],
    request: (w) => ({ url: `/api/auth/oidc/${w.swv.id}/start` }),
    allow: {},
    // Public; this SWV has no single sign-on, so everyone alike hears it does not exist.
    status: Object.fromEntries(everyone.map((a) => [a, 404])),
  },
  {
    route: 'GET /api/auth/oidc/callback',
    targets: ['own'],
    request: () => ({ url: '/api/auth/oidc/callback?state=unknown&code=x' }),
    allow: {},
    // Public; an unknown state sends everyone back to the login page.
    status: Object.fromEntries(everyone.map((a) => [a, 302])),
  },
  {
    route: 'GET /api/swv/oidc',
    targets: ['own'],
    request: () => ({ url: '/api/swv/oidc' }),
    allow: { own: ['swv_admin'] },
  },
  // Before PUT /api/swv/oidc: a save withdraws the SWV's changes still waiting.
  {
    route: 'GET /api/sso-changes',
    targets: ['own'],
    request: () => ({ url: '/api/sso-changes' }),
    allow: { own: ['swv_admin', 'operator'] },
  },
  {
    route: 'POST /api/sso-changes/:id/approve',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/sso-changes/${w.freshSsoChange(target)}/approve` }),
    allow: { own: ['swv_admin'] },
    // Both SWVs have a second administrator: the operator may decide neither SWV's changes.
    status: { operator: 403 },
  },
  {
    route: 'POST /api/sso-changes/:id/reject',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/sso-changes/${w.freshSsoChange(target)}/reject` }),
    allow: { own: ['swv_admin'] },
    status: { operator: 403 },
  },
  {
    route: 'PUT /api/swv/oidc',
    targets: ['own'],
    request: (w, _target, actor) => ({
      url: '/api/swv/oidc',
      body: {
        issuer: 'https://login.example.test',
        clientId: 'passend',
        clientSecret: 'geheim',
        enabled: false,
        secondFactorCode: w.freshCode(actor),
      },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'POST /api/swvs',
    targets: ['own'],
    request: () => ({
      url: '/api/swvs',
      body: {
        name: `Nieuw SWV ${next()}`,
        registerCode: `PO ${String(10 + (counter % 89)).padStart(2, '0')}.${String(counter % 99).padStart(2, '0')}`,
        sector: 'PO',
        holidayRegion: 'zuid',
        admin: { email: `admin-${next()}@example.test`, displayName: 'Nieuwe beheerder' },
      },
    }),
    allow: { own: ['operator'] },
  },
  {
    route: 'GET /api/swvs',
    targets: ['own'],
    request: () => ({ url: '/api/swvs' }),
    allow: { own: ['operator'] },
    list: {
      rows: idsAt(),
      among: (w) => [w.swv.id, w.foreignSwv.id],
      visible: (w) => [w.swv.id, w.foreignSwv.id],
    },
  },
  {
    route: 'GET /api/jobs',
    targets: ['own'],
    request: () => ({ url: '/api/jobs' }),
    allow: { own: ['operator'] },
  },
  {
    route: 'POST /api/jobs/:name/run',
    targets: ['own'],
    request: () => ({ url: '/api/jobs/reminders/run' }),
    // The matrix's app runs no job queue: the operator gets through to "not running here".
    allow: {},
    status: { operator: 409 },
  },
  {
    route: 'POST /api/jobs/:name/failed/:jobId/retry',
    targets: ['own'],
    request: () => ({ url: `/api/jobs/reminders/failed/${uuidv7()}/retry` }),
    allow: {},
    status: { operator: 409 },
  },
  // docs/SECURITY.md A4: only the operator opens break-glass access, on a child of the SWV it names.
  // Everyone else is refused by role before any child is looked up (no access-log row); the
  // operator's opening writes one flagged row on the child's log (breakGlass.test.ts).
  {
    route: 'POST /api/break-glass',
    targets: ['own'],
    request: (w) => ({
      url: '/api/break-glass',
      body: {
        swvId: w.swv.id,
        studentId: w.breakGlass.childToOpen,
        reason: 'Storingsmelding 4412: het plan opent niet bij de IB’er',
      },
    }),
    allow: { own: ['operator'] },
  },
  {
    route: 'POST /api/break-glass',
    variant: 'a child of another SWV than the one named',
    targets: ['own'],
    request: (w) => ({
      url: '/api/break-glass',
      body: {
        swvId: w.swv.id,
        studentId: w.breakGlass.foreignChild,
        reason: 'Storingsmelding 4412: het plan opent niet bij de IB’er',
      },
    }),
    allow: {},
    status: { operator: 404 },
  },
  {
    route: 'GET /api/break-glass',
    targets: ['own'],
    request: () => ({ url: '/api/break-glass' }),
    allow: { own: ['operator'] },
    list: {
      rows: idsAt('windows'),
      among: (w) => [w.breakGlass.ownWindow, w.breakGlass.otherOperatorsWindow],
      visible: (w) => [w.breakGlass.ownWindow],
    },
  },
  {
    route: 'POST /api/break-glass/:id/close',
    targets: ['own'],
    request: (w) => ({ url: `/api/break-glass/${w.breakGlass.ownWindow}/close` }),
    allow: { own: ['operator'] },
  },
  {
    route: 'GET /api/swv/break-glass',
    targets: ['own'],
    request: () => ({ url: '/api/swv/break-glass' }),
    // The SWV's administrators see the windows on their SWV's children; the operator has no SWV.
    allow: { own: ['swv_admin'] },
    list: {
      rows: idsAt('windows'),
      among: (w) => [w.breakGlass.ownWindow, w.breakGlass.otherOperatorsWindow],
      visible: (w, actor) => (actor === 'foreign_ib' ? [] : [w.breakGlass.ownWindow]),
    },
  },
  {
    route: 'GET /api/swv',
    targets: ['own'],
    request: () => ({ url: '/api/swv' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
    list: {
      rows: (body) => [(body as { id: string }).id],
      among: (w) => [w.swv.id, w.foreignSwv.id],
      visible: perSwv(
        (w) => [w.swv.id],
        (w) => [w.foreignSwv.id],
      ),
    },
  },
  {
    route: 'PATCH /api/swv',
    targets: ['own'],
    request: () => ({ url: '/api/swv', body: { decisionWorkingDays: 10 } }),
    allow: { own: ['swv_admin'] },
  },
  {
    // The monitor's participation reference: the SWV administrator's setting of their own SWV.
    route: 'PUT /api/swv/participation-reference',
    targets: ['own'],
    request: () => ({ url: '/api/swv/participation-reference', body: { participationReference: 3.5 } }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/swv/school-holidays',
    targets: ['own'],
    request: () => ({ url: '/api/swv/school-holidays?schoolYear=2026-2027' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
    list: {
      rows: idsAt('holidays'),
      among: (w) => [w.holidays.own, w.holidays.foreign],
      visible: perSwv(
        (w) => [w.holidays.own],
        (w) => [w.holidays.foreign],
      ),
    },
  },
  {
    route: 'PUT /api/swv/school-holidays',
    targets: ['own'],
    // Another school year than the world's holidays, which the row above lists.
    request: () => ({
      url: '/api/swv/school-holidays',
      body: {
        schoolYear: '2027-2028',
        holidays: [{ name: 'Herfstvakantie', firstDay: '2027-10-16', lastDay: '2027-10-24' }],
      },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    // The preview of DUO's register for the administrator's own SWV: no child's data, writes nothing.
    route: 'POST /api/swv/school-register',
    targets: ['own'],
    request: () => ({
      url: '/api/swv/school-register?kind=bao&apply=false',
      body: Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;POSTCODE;GEMEENTENAAM\n'),
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/boards',
    targets: ['own'],
    request: () => ({ url: '/api/boards' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
    list: {
      rows: idsAt(),
      among: (w) => [w.boardId, w.foreignBoardId],
      visible: perSwv(
        (w) => [w.boardId],
        (w) => [w.foreignBoardId],
      ),
    },
  },
  {
    route: 'POST /api/boards',
    targets: ['own'],
    request: () => ({
      url: '/api/boards',
      // Above the codes aBoard draws from, so a new board never meets an existing code.
      body: { code: String(80_000 + (counter++ % 10_000)), name: `Bestuur ${next()}` },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PATCH /api/boards/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/boards/${target === 'own' ? w.boardId : w.foreignBoardId}`,
      body: { name: 'Stichting Primair Onderwijs' },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/schools',
    targets: ['own'],
    request: () => ({ url: '/api/schools' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
    list: {
      rows: idsAt(),
      among: (w) => [w.school.id, w.schoolOther.id, w.foreignSchool.id],
      visible: perSwv(
        (w) => [w.school.id, w.schoolOther.id],
        (w) => [w.foreignSchool.id],
      ),
    },
  },
  {
    route: 'POST /api/schools',
    targets: ['own'],
    request: () => ({
      url: '/api/schools',
      body: {
        locationCode: `${String(10 + (counter % 89))}ZZ${String(counter++ % 100).padStart(2, '0')}`,
        name: 'Nieuwe school',
        kind: 'bao',
        wijk: 'Oost',
        municipality: 'Utrecht',
      },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PATCH /api/schools/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/schools/${target === 'own' ? w.schoolOther.id : w.foreignSchool.id}`,
      body: { pupilCount: 250 },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/teams',
    targets: ['own'],
    request: () => ({ url: '/api/teams' }),
    allow: { own: ['swv_admin', 'consultant'] },
    list: {
      rows: idsAt(),
      among: (w) => [w.teamId, w.teamOtherId, w.foreignTeamId],
      visible: (w) => [w.teamId, w.teamOtherId],
    },
  },
  {
    route: 'POST /api/teams',
    targets: ['own'],
    request: () => ({ url: '/api/teams', body: { name: `Team ${next()}`, wijk: 'Oost' } }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PATCH /api/teams/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/teams/${target === 'own' ? w.teamId : w.foreignTeamId}`,
      body: { wijk: 'Noordwest' },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/partner-organisations',
    targets: ['own'],
    request: () => ({ url: '/api/partner-organisations' }),
    allow: { own: ['swv_admin', 'consultant'] },
    list: {
      rows: idsAt(),
      among: (w) => [w.partnerWith, w.partnerWithout, w.foreignPartner],
      visible: (w) => [w.partnerWith, w.partnerWithout],
    },
  },
  {
    route: 'POST /api/partner-organisations',
    targets: ['own'],
    request: () => ({ url: '/api/partner-organisations', body: { name: `JGZ ${next()}`, kind: 'jgz' } }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PATCH /api/partner-organisations/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/partner-organisations/${target === 'own' ? w.partnerWith : w.foreignPartner}`,
      body: { kind: 'buurtteam' },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/users',
    targets: ['own'],
    request: () => ({ url: '/api/users' }),
    allow: { own: ['swv_admin'] },
    list: {
      rows: idsAt(),
      among: (w) => [...Object.values(w.users), w.targetUser].map((u) => u.id),
      visible: (w) =>
        [...Object.values(w.users), w.targetUser].filter((u) => u.swvId === w.swv.id).map((u) => u.id),
    },
  },
  {
    route: 'POST /api/users',
    targets: ['own'],
    request: () => ({
      url: '/api/users',
      body: {
        email: `new-${next()}@example.test`,
        displayName: 'Nieuwe collega',
        memberships: [{ role: 'policy' }],
      },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PATCH /api/users/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.targetUser.id : w.users.foreign_ib.id}`,
      body: { displayName: 'Andere naam' },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'POST /api/users/:id/end-sessions',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.targetUser.id : w.users.foreign_ib.id}/end-sessions`,
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/users/:id/access',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.targetUser.id : w.users.foreign_ib.id}/access`,
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'POST /api/users/:id/reset-second-factor',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.targetUser.id : w.users.foreign_ib.id}/reset-second-factor`,
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'POST /api/users/:id/activation',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.unactivatedUser.id : w.users.foreign_ib.id}/activation`,
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/role-grants',
    targets: ['own'],
    request: () => ({ url: '/api/role-grants' }),
    allow: { own: ['swv_admin', 'operator'] },
  },
  {
    route: 'POST /api/role-grants/:id/approve',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/role-grants/${w.freshGrant(target)}/approve` }),
    allow: { own: ['swv_admin'] },
    // Both SWVs have a second administrator: the operator may decide neither SWV's grants.
    status: { operator: 403 },
  },
  {
    route: 'POST /api/role-grants/:id/reject',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/role-grants/${w.freshGrant(target)}/reject` }),
    allow: { own: ['swv_admin'] },
    status: { operator: 403 },
  },
  {
    route: 'GET /api/admin-events',
    targets: ['own'],
    request: () => ({ url: '/api/admin-events' }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/schools/:schoolId/students',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/schools/${w.schoolFor(target).id}/students?limit=200` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'teacher_other_group'],
    },
    childData: true,
    // A list shows only children the actor may open: a teacher sees their own groups.
    list: {
      rows: idsAt('students'),
      among: (w) => w.children.all,
      visible: (w, actor, target) => w.children.openableAtSchool(actor, target),
    },
  },
  {
    route: 'POST /api/schools/:schoolId/students',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/schools/${w.schoolFor(target).id}/students`,
      body: { givenName: 'Noor', familyName: `Bakker ${next()}`, birthDate: '2017-02-03', groupName: '4B' },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    // The preview: it reads the school's children (one access-log row), writes nothing.
    route: 'POST /api/schools/:schoolId/roster-import',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/schools/${w.schoolFor(target).id}/roster-import?apply=false`,
      body: rosterOf(w.schoolFor(target).locationCode),
    }),
    // The administrator: at any school of the SWV (keys and counts only, no names).
    allow: { own: ['swv_admin', 'school_ib'], otherSchool: ['swv_admin'] },
    childData: true,
  },
  {
    // The preview of an OSO dossier: the IB'er of the school and the consultant of its team; it
    // matches the pupil against the school's children (one access-log row), writes nothing.
    route: 'POST /api/schools/:schoolId/oso-import',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/schools/${w.schoolFor(target).id}/oso-import`,
      body: dossierOf(w.schoolFor(target).locationCode),
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    // What OSO dossiers brought: who reads the child's file; secrets and medical parts are left
    // out per reader (dossiers.test.ts).
    route: 'GET /api/students/:id/oso-dossier',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/oso-dossier` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'GET /api/students/:id',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'PATCH /api/students/:id',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}`, body: { groupName: '5A' } }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/access-log',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/access-log` }),
    allow: { own: ['school_ib', 'parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  // docs/SECURITY.md E1: everything about the child (AVG art. 15): the parents (what the portal shows
  // them), the IB'er of the school and the consultant of its team (the complete file, for a written request).
  {
    route: 'GET /api/students/:id/export',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/export?format=json` }),
    allow: { own: ['school_ib', 'consultant', 'parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/export',
    variant: 'as a PDF',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/export?format=pdf` }),
    allow: { own: ['school_ib', 'consultant', 'parent'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/documents',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/documents` }),
    // Who may read at least a shared ordinary document; the list then holds only what each may read.
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
    list: {
      rows: idsAt('documents'),
      among: (w) => w.documents.all,
      visible: (w, actor, target) => w.documents.visibleTo(actor, target),
    },
  },
  {
    route: 'POST /api/students/:id/documents',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/documents?title=Verslag&fileName=verslag.pdf&classification=ordinary`,
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    }),
    allow: { own: ['consultant', 'school_ib', 'partner_with_consent'] },
    childData: true,
  },
  {
    route: 'PATCH /api/documents/:documentId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // The title only: the document stays shared for the download's row.
    request: (w, target) => ({ url: `/api/documents/${w.documentFor(target)}`, body: { title: 'Verslag' } }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/documents/:documentId/content',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // An ordinary document shared with the parents; medical-psychological ones: documents.test.ts.
    request: (w, target) => ({ url: `/api/documents/${w.documentFor(target)}/content` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/history',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/history` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'POST /api/students/:id/support-level',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A fresh child: the shared one's level must stay as the lists expect it.
    request: (w, target) => ({
      url: `/api/students/${w.freshChild(target)}/support-level`,
      body: { level: 2, reason: 'Extra zorg in de groep', effectiveOn: '2026-11-02' },
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/meetings',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/meetings` }),
    allow: { own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent'] },
    childData: true,
    list: {
      rows: idsAt(),
      among: (w) => targets.map((target) => w.meetingFor(target).id),
      visible: (w, _actor, target) => [w.meetingFor(target).id],
    },
  },
  {
    route: 'POST /api/students/:id/meetings',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/meetings`,
      body: {
        kind: 'mdo',
        heldOn: '2026-11-20',
        participants: [{ name: 'Ineke de Boer', role: 'intern begeleider' }],
        actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
      },
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/meetings/:meetingId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/meetings/${w.meetingFor(target).id}` }),
    allow: { own: ['consultant', 'school_ib', 'school_director', 'teacher', 'partner_with_consent'] },
    childData: true,
  },
  {
    route: 'PATCH /api/meetings/:meetingId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/meetings/${w.meetingFor(target).id}`,
      body: { notes: 'Aangevuld na het overleg.' },
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/meetings/:meetingId/actions/:actionId/to-plan',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => {
      const meeting = w.meetingFor(target);
      return { url: `/api/meetings/${meeting.id}/actions/${meeting.actionIds[0]}/to-plan` };
    },
    // Needs both holding meetings and changing the plan: the teacher may only do the latter.
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/consents',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/consents` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
    list: {
      rows: idsAt('consents'),
      among: (w) => targets.flatMap((target) => w.consentsOf(target)),
      visible: (w, _actor, target) => w.consentsOf(target),
    },
  },
  {
    route: 'POST /api/students/:id/consents',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A parent gives consent as themselves; the school records a signed form with proof.
    request: (w, target, actor) => ({
      url: `/api/students/${w.childFor(target).id}/consents`,
      body:
        actor === 'parent' || actor === 'parent_other_child'
          ? { purpose: 'request_arrangement' }
          : {
              purpose: 'request_arrangement',
              givenOn: '2026-11-02',
              givenByName: 'J. de Vries (vader)',
              proof: 'Getekend formulier van 2 november 2026',
            },
    }),
    allow: { own: ['school_ib', 'parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'POST /api/consents/:consentId/withdraw',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/consents/${w.withdrawableConsentFor(target)}/withdraw` }),
    allow: { own: ['school_ib', 'parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:id/case-team',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/case-team` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'POST /api/students/:id/case-team',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // One day of its own per call, years ahead: no call overlaps another or opens a file today.
    request: (w, target) => {
      const day = new Date(Date.UTC(2030, 0, 1) + counter++ * 86_400_000).toISOString().slice(0, 10);
      return {
        url: `/api/students/${w.childFor(target).id}/case-team`,
        body: {
          partnerOrganisationId: target === 'otherSwv' ? w.foreignPartner : w.partnerWith,
          role: 'Gezinscoach',
          reason: 'Ondersteuning thuis',
          validFrom: day,
          validUntil: day,
        },
      };
    },
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/students/:id/case-team/:memberId/end',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // Ending an ended membership changes nothing, so one per child serves every call.
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/case-team/${w.caseMemberFor(target)}/end`,
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/home/schools/:schoolId/support-levels',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/home/schools/${w.schoolFor(target).id}/support-levels` }),
    allow: { own: ['school_ib', 'school_director'] },
    childData: true,
    // The children at level 3 and 4 of the school.
    list: {
      rows: idsAt('children'),
      among: (w) => w.children.all,
      visible: (w, _actor, target) => [w.children.levelThree(target)],
    },
  },
  {
    route: 'GET /api/home/schools/:schoolId/own-groups',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/home/schools/${w.schoolFor(target).id}/own-groups` }),
    allow: { own: ['teacher', 'teacher_other_group'] },
    childData: true,
    // The children of the teacher's own groups at level 2 or higher.
    list: {
      rows: idsAt('children'),
      among: (w) => w.children.all,
      visible: (w, actor) => [actor === 'teacher' ? w.children.levelThree('own') : w.children.levelTwoIn7B],
    },
  },
  {
    route: 'GET /api/home/schools/:schoolId/director',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/home/schools/${w.schoolFor(target).id}/director` }),
    allow: { own: ['school_director'] },
    childData: true,
    // The plans on hold: the due plan awaits the parents' answer.
    list: {
      rows: (body) => (body as { onHold: { planId: string }[] }).onHold.map((row) => row.planId),
      among: (w) => targets.map((target) => w.duePlanFor(target)),
      visible: (w) => [w.duePlanFor('own')],
    },
  },
  {
    route: 'GET /api/home/team-schools',
    targets: ['own'],
    request: () => ({ url: '/api/home/team-schools?pageSize=50' }),
    allow: { own: ['consultant'] },
    list: {
      rows: idsAt('rows'),
      among: (w) => [w.school.id, w.schoolOther.id, w.foreignSchool.id],
      visible: (w) => [w.school.id],
    },
  },
  {
    route: 'GET /api/home/evaluations-due',
    targets: ['own'],
    request: () => ({ url: '/api/home/evaluations-due?pageSize=50' }),
    allow: { own: ['consultant'] },
    childData: 'ownSwv',
    list: {
      rows: (body) => (body as { rows: { planId: string }[] }).rows.map((row) => row.planId),
      among: (w) => targets.map((target) => w.duePlanFor(target)),
      visible: (w) => [w.duePlanFor('own')],
    },
  },
  {
    route: 'GET /api/home/cases',
    targets: ['own'],
    request: () => ({ url: '/api/home/cases' }),
    allow: { own: ['partner_with_consent', 'partner_without_consent', 'attendance_officer'] },
    childData: 'ownSwv',
    // Both are case members of the child; only the parents' consent puts the child in the list.
    // The attendance officer is on no child's case team.
    list: {
      rows: idsAt('children'),
      among: (w) => w.children.all,
      visible: (w, actor) => (actor === 'partner_with_consent' ? [w.childFor('own').id] : []),
    },
  },
  {
    route: 'GET /api/home/children',
    targets: ['own'],
    request: () => ({ url: '/api/home/children' }),
    allow: { own: ['parent', 'parent_other_child'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt(),
      among: (w) => w.children.all,
      visible: (w, actor) => [w.childFor(actor === 'parent' ? 'own' : 'otherSchool').id],
    },
  },
  {
    route: 'GET /api/home/waiting',
    targets: ['own'],
    request: () => ({ url: '/api/home/waiting' }),
    allow: { own: ['parent', 'parent_other_child'] },
    childData: 'ownSwv',
  },
  {
    route: 'GET /api/home/committee',
    targets: ['own'],
    request: () => ({ url: '/api/home/committee' }),
    allow: { own: ['committee'] },
  },
  {
    route: 'GET /api/home/swv-figures',
    targets: ['own'],
    request: () => ({ url: '/api/home/swv-figures' }),
    allow: { own: ['policy'] },
  },
  {
    route: 'GET /api/home/organisation',
    targets: ['own'],
    request: () => ({ url: '/api/home/organisation' }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/students/:id/plans',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/plans` }),
    allow: { own: planReaders, otherSchool: ['parent_other_child'] },
    childData: true,
    list: {
      rows: idsAt(),
      among: (w) => targets.flatMap((target) => [w.activePlanOf(target), w.planFor(target).id]),
      visible: (w, _actor, target) => [w.activePlanOf(target)],
    },
  },
  {
    route: 'POST /api/students/:id/plans',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A child without a plan per call: a second plan would be refused whoever asks.
    request: (w, target) => ({ url: `/api/students/${w.freshChild(target)}/plans`, body: {} }),
    allow: { own: planEditors },
    childData: true,
  },
  {
    route: 'GET /api/plans/:planId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/plans/${w.planFor(target).id}` }),
    allow: { own: planReaders, otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'PATCH /api/plans/:planId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A fresh plan per call, so each call names its current revision.
    request: (w, target) => ({
      url: `/api/plans/${w.freshPlan(target)}`,
      body: { revision: 1, needs: 'Heeft nodig: rust en duidelijke afspraken.' },
    }),
    allow: { own: planEditors },
    childData: true,
  },
  {
    route: 'PATCH /api/plans/:planId/agreements/:agreementId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // The agreement the partner with consent carries out.
    request: (w, target) => {
      const plan = w.planFor(target);
      return { url: `/api/plans/${plan.id}/agreements/${plan.agreementIds[0]}`, body: { done: true } };
    },
    allow: { own: [...planEditors, 'partner_with_consent'] },
    childData: true,
  },
  {
    route: 'POST /api/plans/:planId/evaluation',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/plans/${w.freshPlan(target)}/evaluation`,
      body: {
        revision: 1,
        evaluatedOn: '2026-11-20',
        evaluation: 'Doelen grotendeels gehaald.',
        evaluatedWithParents: true,
        goalProgress: [],
      },
    }),
    allow: { own: planEditors },
    childData: true,
  },
  {
    route: 'POST /api/plans/:planId/responses',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A parent's own response; staff recording a paper form is tested in plans.test.ts.
    request: (w, target) => ({
      url: `/api/plans/${w.planFor(target).id}/responses`,
      body: { revision: 1, agrees: true, view: 'Akkoord.' },
    }),
    allow: { own: ['parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'GET /api/plans/:planId/pdf',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/plans/${w.planFor(target).id}/pdf` }),
    allow: { own: planReaders, otherSchool: ['parent_other_child'] },
    childData: true,
  },
  // Requests for support (docs/domain.md, "Requests and decisions"): the school asks and sees its
  // own; consultants of the school's team and the committee handle and advise; the committee
  // decides (consultants only where the SWV says so); parents see their child's and give their view.
  {
    route: 'GET /api/request-types',
    targets: ['own'],
    request: () => ({ url: '/api/request-types' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
  },
  {
    route: 'PATCH /api/request-types/:typeId',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/request-types/${w.requestTypeFor(target).child}`,
      body: { active: true },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/requests',
    targets: ['own'],
    request: () => ({ url: '/api/requests?state=all&limit=200' }),
    allow: { own: ['consultant', 'committee', 'school_ib', 'school_director', 'foreign_ib'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('requests'),
      among: (w) => targets.map((target) => w.requestsOf[target].submitted),
      visible: (w, actor) => {
        if (actor === 'foreign_ib') return [w.requestsOf.otherSwv.submitted];
        if (actor === 'committee') return [w.requestsOf.own.submitted, w.requestsOf.otherSchool.submitted];
        return [w.requestsOf.own.submitted];
      },
    },
  },
  {
    route: 'GET /api/students/:id/requests',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/requests` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'POST /api/students/:id/requests',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/requests`,
      body: { typeId: w.requestTypeFor(target).child },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/schools/:schoolId/requests',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/schools/${w.schoolFor(target).id}/requests`,
      body: { typeId: w.requestTypeFor(target).team },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/requests/:requestId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/requests/${w.requestsOf[target].submitted}` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    // docs/SECURITY.md C1: a draft stays with the school, by id as in the lists (probe finding 03).
    route: 'GET /api/requests/:requestId',
    variant: 'a draft',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/requests/${w.requestsOf[target].toEdit}` }),
    allow: { own: ['school_ib', 'school_director'] },
    childData: true,
  },
  {
    route: 'PATCH /api/requests/:requestId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].toEdit}`,
      body: { revision: 1, question: 'Wat heeft dit kind nodig om te lezen?' },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/requests/:requestId/steps',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].toSubmit}/steps`,
      body: { step: 'submit', revision: 1 },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/requests/:requestId/decision',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].inReview}/decision`,
      body: { revision: 1, outcome: 'rejected', reasons: 'De basisondersteuning volstaat.' },
    }),
    allow: { own: ['committee'], otherSchool: ['committee'] },
    childData: true,
  },
  {
    route: 'POST /api/requests/:requestId/advices',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].submitted}/advices`,
      body: { expertise: 'other', advice: 'Eerst observeren in de klas.' },
    }),
    allow: { own: ['consultant', 'committee'], otherSchool: ['committee'] },
    childData: true,
  },
  {
    route: 'POST /api/requests/:requestId/parents-view',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].submitted}/parents-view`,
      body: { view: 'Wij zijn het eens met de aanvraag.' },
    }),
    allow: { own: ['parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'POST /api/requests/:requestId/deliveries',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].inProgress}/deliveries`,
      body: { deliveredOn: '2026-11-20', hours: 2, deliveredBy: 'Ambulant begeleider' },
    }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    route: 'PUT /api/requests/:requestId/assignee',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].submitted}/assignee`,
      body: { userId: null },
    }),
    allow: { own: ['consultant', 'committee'], otherSchool: ['committee'] },
    childData: true,
  },
  {
    route: 'PUT /api/requests/:requestId/assignee',
    variant: 'a draft',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].toEdit}/assignee`,
      body: { userId: null },
    }),
    allow: {},
    childData: true,
  },
  {
    // The decision letter: who reads the request reads its decision.
    route: 'GET /api/requests/:requestId/decision.pdf',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/requests/${w.requestsOf[target].decided}/decision.pdf` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    // One's own inbox: the user comes from the session; another's notice answers 404 as a missing one.
    route: 'GET /api/notifications',
    targets: ['own'],
    request: () => ({ url: '/api/notifications?limit=100' }),
    allow: { own: signedIn },
    list: {
      rows: idsAt('notifications'),
      among: (w) => w.allNotifications,
      visible: (w, actor) => (actor === 'operator' ? [] : [w.notificationOf(actor)]),
    },
  },
  {
    route: 'GET /api/notifications/unread-count',
    targets: ['own'],
    request: () => ({ url: '/api/notifications/unread-count' }),
    allow: { own: signedIn },
  },
  {
    route: 'POST /api/notifications/:notificationId/read',
    targets: ['own'],
    request: (w, _target, actor) => ({ url: `/api/notifications/${w.notificationOf(actor)}/read` }),
    allow: { own: signedIn.filter((a) => a !== 'operator') },
    // The operator has no inbox: the administrator's notice is someone else's, so not found.
    status: { operator: 404 },
  },
  {
    route: 'POST /api/notifications/read-all',
    targets: ['own'],
    request: () => ({ url: '/api/notifications/read-all' }),
    allow: { own: signedIn },
  },
  {
    route: 'GET /api/notification-preferences',
    targets: ['own'],
    request: () => ({ url: '/api/notification-preferences' }),
    allow: { own: signedIn },
  },
  {
    route: 'PUT /api/notification-preferences',
    targets: ['own'],
    request: () => ({
      url: '/api/notification-preferences',
      body: { preferences: [{ kind: 'request_decided', email: 'digest' }] },
    }),
    allow: { own: signedIn.filter((a) => a !== 'operator') },
  },
  {
    // The operator sees every SWV's outbox (without the messages' text), the SWV administrator their own.
    route: 'GET /api/outbox',
    targets: ['own'],
    request: () => ({ url: '/api/outbox?limit=100' }),
    allow: { own: ['operator', 'swv_admin'] },
    list: {
      rows: idsAt('messages'),
      among: (w) => [w.outbox.own, w.outbox.otherSwv],
      visible: (w, actor) => (actor === 'operator' ? [w.outbox.own, w.outbox.otherSwv] : [w.outbox.own]),
    },
  },
  {
    route: 'POST /api/outbox/:messageId/retry',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({ url: `/api/outbox/${w.freshFailedMessage(target)}/retry` }),
    allow: { own: ['swv_admin'] },
    // The operator runs the mail of every SWV.
    status: { operator: 200 },
  },
  {
    route: 'GET /api/request-budget',
    targets: ['own'],
    request: () => ({ url: '/api/request-budget?schoolYear=2026-2027' }),
    allow: { own: ['swv_admin', 'consultant', 'committee', 'policy'] },
  },
  {
    route: 'PUT /api/request-budget',
    targets: ['own'],
    request: () => ({
      url: '/api/request-budget',
      body: { schoolYear: '2026-2027', amountCents: 5_000_000_00 },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/requests/:requestId/objections',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/requests/${w.requestsOf[target].decided}/objections` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    // docs/domain.md, "Objections": a parent of the child or the request's school objects.
    route: 'POST /api/requests/:requestId/objections',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/requests/${w.requestsOf[target].decided}/objections`,
      body: { grounds: 'Wij zijn het niet eens met het besluit.' },
    }),
    allow: { own: ['school_ib', 'school_director', 'parent'], otherSchool: ['parent_other_child'] },
    childData: true,
  },
  {
    route: 'GET /api/objections',
    targets: ['own'],
    request: () => ({ url: '/api/objections?state=all' }),
    allow: { own: ['consultant', 'committee'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('objections'),
      among: (w) => targets.map((target) => w.objectionsOf[target].read),
      visible: (w, actor) =>
        actor === 'committee'
          ? [w.objectionsOf.own.read, w.objectionsOf.otherSchool.read]
          : [w.objectionsOf.own.read],
    },
  },
  {
    route: 'GET /api/objections/:objectionId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/objections/${w.objectionsOf[target].read}` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'partner_with_consent', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'POST /api/objections/:objectionId/steps',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target, actor) => ({
      url: `/api/objections/${w.objectionsOf[target].toStep.get(actor)}/steps`,
      body: { step: 'hold_hearing', revision: 1 },
    }),
    allow: { own: ['consultant', 'committee'], otherSchool: ['committee'] },
    childData: true,
  },
  {
    route: 'GET /api/objection-summary',
    targets: ['own'],
    request: () => ({ url: '/api/objection-summary?schoolYear=2026-2027' }),
    allow: { own: ['swv_admin', 'consultant', 'committee'] },
  },
  // docs/domain.md, "Children at home": leerplicht by the child's residence municipality, without
  // consent; the school's IB'er works the case, its director reads; the consultant of the school's
  // team; parents read their child's case.
  {
    route: 'GET /api/absence',
    targets: ['own'],
    request: () => ({ url: '/api/absence?state=all' }),
    allow: {
      own: [
        'consultant',
        'school_ib',
        'school_director',
        'attendance_officer',
        'parent',
        'parent_other_child',
        'foreign_ib',
      ],
    },
    childData: 'ownSwv',
    list: {
      rows: idsAt('cases'),
      among: (w) => targets.map((target) => w.absenceOf[target].read),
      visible: (w, actor) => {
        if (actor === 'foreign_ib') return [w.absenceOf.otherSwv.read];
        if (actor === 'attendance_officer') return [w.absenceOf.own.read, w.absenceOf.otherSchool.read];
        if (actor === 'parent_other_child') return [w.absenceOf.otherSchool.read];
        return [w.absenceOf.own.read];
      },
    },
  },
  {
    route: 'POST /api/absence/cases',
    targets: ['own'],
    request: () => ({
      url: '/api/absence/cases',
      body: {
        child: { givenName: `Kind${next()}`, familyName: 'Thuis', birthDate: '2015-03-01' },
        municipality: 'Utrecht',
        kind: 'absolute',
        startedOn: '2026-10-01',
      },
    }),
    allow: { own: ['consultant', 'attendance_officer'] },
    childData: 'ownSwv',
  },
  {
    route: 'GET /api/absence/cases/:caseId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/absence/cases/${w.absenceOf[target].read}` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'attendance_officer', 'parent'],
      otherSchool: ['attendance_officer', 'parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'PATCH /api/absence/cases/:caseId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/absence/cases/${w.absenceOf[target].read}`,
      body: { reason: 'Angst om naar school te gaan.' },
    }),
    allow: { own: ['consultant', 'school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    // Linking a case of a child without a school to the target's child registers it for that child:
    // only who may register a case for the child (the consultant of its school's team, leerplicht).
    route: 'PATCH /api/absence/cases/:caseId',
    variant: 'studentId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target, actor) => {
      const { caseId, studentId } = w.absenceOf[target].toLink.get(actor)!;
      return { url: `/api/absence/cases/${caseId}`, body: { studentId } };
    },
    allow: { own: ['consultant', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'POST /api/absence/cases/:caseId/offers',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/absence/cases/${w.absenceOf[target].read}/offers`,
      body: { fromOn: '2026-11-02', educationHours: 4, careHours: 2 },
    }),
    allow: { own: ['consultant', 'school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'POST /api/absence/cases/:caseId/steps',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/absence/cases/${w.absenceOf[target].read}/steps`,
      body: { what: 'Een ochtend op school', who: 'Mentor', dueOn: '2026-12-07' },
    }),
    allow: { own: ['consultant', 'school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'PATCH /api/absence/cases/:caseId/steps/:stepId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/absence/cases/${w.absenceOf[target].read}/steps/${w.absenceOf[target].step}`,
      body: { done: true },
    }),
    allow: { own: ['consultant', 'school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'POST /api/absence/cases/:caseId/end',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target, actor) => ({
      url: `/api/absence/cases/${w.absenceOf[target].toEnd.get(actor)}/end`,
      body: { endedOn: '2026-11-20', ending: 'own_school', note: '' },
    }),
    allow: { own: ['consultant', 'school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'POST /api/students/:id/absence-watches',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/students/${w.children.levelThree(target)}/absence-watches`,
      body: { kind: 'worry', absentSince: '2026-11-02' },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'POST /api/absence/watches/:watchId/convert',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target, actor) => ({
      url: `/api/absence/watches/${w.absenceOf[target].toConvert.get(actor)}/convert`,
      body: { reason: '' },
    }),
    allow: { own: ['school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'POST /api/absence/watches/:watchId/close',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target, actor) => ({
      url: `/api/absence/watches/${w.absenceOf[target].toClose.get(actor)}/close`,
      body: {},
    }),
    allow: { own: ['school_ib', 'attendance_officer'], otherSchool: ['attendance_officer'] },
    childData: true,
  },
  {
    route: 'GET /api/absence/figures',
    targets: ['own'],
    request: () => ({ url: '/api/absence/figures?on=2026-11-20' }),
    allow: { own: ['swv_admin', 'consultant', 'committee', 'policy', 'attendance_officer'] },
  },
  {
    route: 'GET /api/absence/ladder',
    targets: ['own'],
    request: () => ({ url: '/api/absence/ladder' }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PUT /api/absence/ladder',
    targets: ['own'],
    request: () => ({ url: '/api/absence/ladder', body: { municipality: '', rungs: [] } }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/retention/settings',
    targets: ['own'],
    request: () => ({ url: '/api/retention/settings' }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'PUT /api/retention/settings',
    targets: ['own'],
    request: () => ({ url: '/api/retention/settings', body: { kind: 'child_file', years: 2 } }),
    allow: { own: ['swv_admin'] },
  },
  {
    // The dry run: pseudonymous ids and counts, no child data (docs/decisions/0045).
    route: 'GET /api/retention/report',
    targets: ['own'],
    request: () => ({ url: '/api/retention/report' }),
    allow: { own: ['swv_admin'] },
  },
  {
    // Nothing in the world is due: an allowed call deletes nothing and writes no row.
    route: 'POST /api/retention/deletions',
    targets: ['own'],
    request: (w) => ({
      url: '/api/retention/deletions',
      body: { children: [w.childFor('own').id], absenceCases: [] },
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/disputes',
    targets: ['own'],
    request: () => ({ url: '/api/disputes' }),
    allow: { own: registerStaff },
    childData: 'ownSwv',
  },
  {
    route: 'POST /api/disputes',
    targets: ['own'],
    request: () => ({ url: '/api/disputes', body: { subject: 'admission', filedOn: '2026-11-20' } }),
    allow: { own: registerStaff },
    childData: 'ownSwv',
  },
  {
    route: 'PATCH /api/disputes/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/disputes/${w.registersOf(target).dispute}`,
      body: { ruledOn: '2026-11-20', outcome: 'unfounded' },
    }),
    allow: { own: registerStaff },
    childData: true,
  },
  {
    // Staff read the register; a parent reads the complaints they filed.
    route: 'GET /api/complaints',
    targets: ['own'],
    request: () => ({ url: '/api/complaints' }),
    allow: { own: [...registerStaff, 'parent', 'parent_other_child'] },
    childData: 'ownSwv',
  },
  {
    route: 'POST /api/complaints',
    targets: ['own'],
    request: () => ({
      url: '/api/complaints',
      body: { about: 'Bejegening', description: 'Wij voelden ons niet gehoord.' },
    }),
    allow: { own: [...registerStaff, 'parent', 'parent_other_child'] },
    childData: 'ownSwv',
  },
  {
    route: 'PATCH /api/complaints/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/complaints/${w.registersOf(target).complaint}`,
      body: { state: 'in_progress' },
    }),
    allow: { own: registerStaff },
    childData: true,
  },
  {
    route: 'GET /api/support-signals',
    targets: ['own'],
    request: () => ({ url: '/api/support-signals' }),
    allow: { own: registerStaff },
    childData: 'ownSwv',
  },
  {
    route: 'POST /api/support-signals',
    targets: ['own'],
    request: () => ({
      url: '/api/support-signals',
      body: { receivedOn: '2026-11-20', kind: 'question', summary: 'Vraag over thuiszitten.' },
    }),
    allow: { own: registerStaff },
    childData: 'ownSwv',
  },
  {
    route: 'PATCH /api/support-signals/:id',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/support-signals/${w.registersOf(target).signal}`,
      body: { outcome: 'answered' },
    }),
    allow: { own: registerStaff },
    childData: true,
  },
  {
    // A parent's open surveys: their own invitations only, logged as one search without a child.
    route: 'GET /api/surveys/mine',
    targets: ['own'],
    request: () => ({ url: '/api/surveys/mine' }),
    allow: { own: ['parent', 'parent_other_child'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('surveys'),
      among: (w) => [w.surveys.listed.parent, w.surveys.listed.parentOther],
      visible: (w, actor) =>
        actor === 'parent'
          ? [w.surveys.listed.parent]
          : actor === 'parent_other_child'
            ? [w.surveys.listed.parentOther]
            : [],
    },
  },
  {
    // Only the person invited answers; anyone else's invitation is not found, as a missing one
    // (docs/domain.md, "Satisfaction"). A 404 writes no access-log row: nothing was read.
    route: 'POST /api/surveys/:invitationId/answer',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/surveys/${w.surveys.toAnswer[target === 'otherSwv' ? 'otherSwv' : 'own']}/answer`,
      body: {
        scores: { listened_to: 4, clear_information: 4, help_fits: null, result: 3, overall: 4 },
        openAnswer: 'Duidelijk uitgelegd.',
      },
    }),
    allow: { own: ['parent'] },
    status: {
      ...Object.fromEntries(signedIn.filter((a) => a !== 'parent').map((a) => [a, 404])),
      operator: 403,
    },
  },
  {
    // Aggregates only: the SWV's staff for every school, a school's IB'er and director their own.
    route: 'GET /api/surveys/results',
    targets: ['own'],
    request: () => ({ url: '/api/surveys/results?schoolYear=2026-2027' }),
    allow: {
      own: ['swv_admin', 'consultant', 'committee', 'policy', 'school_ib', 'school_director', 'foreign_ib'],
    },
  },
  {
    route: 'GET /api/transitions',
    targets: ['own'],
    // The school's staff read the children leaving; the consultant every move of the team's schools.
    request: (_w, _target, actor) => ({
      url: `/api/transitions?view=${actor === 'consultant' ? 'swv' : 'leaving'}`,
    }),
    allow: { own: ['consultant', 'school_ib', 'school_director', 'foreign_ib'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('transitions'),
      among: (w) => targets.map((target) => w.transitionsOf[target]),
      visible: perSwv(
        (w) => [w.transitionsOf.own],
        (w) => [w.transitionsOf.otherSwv],
      ),
    },
  },
  {
    // The home page's panel: what waits, the hand-over not done here; the same readers as the list.
    route: 'GET /api/transitions',
    variant: 'period=due',
    targets: ['own'],
    request: (_w, _target, actor) => ({
      url: `/api/transitions?view=${actor === 'consultant' ? 'swv' : 'leaving'}&period=due`,
    }),
    allow: { own: ['consultant', 'school_ib', 'school_director', 'foreign_ib'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('transitions'),
      among: (w) => targets.map((target) => w.dueTransitionOf[target]),
      visible: perSwv(
        (w) => [w.dueTransitionOf.own],
        (w) => [w.dueTransitionOf.otherSwv],
      ),
    },
  },
  {
    // docs/domain.md, "Transitions": the sending school's IB'er starts a move.
    route: 'POST /api/students/:studentId/transitions',
    targets: ['own', 'otherSchool', 'otherSwv'],
    // A child of its own per call: a child has one open move at a time (move_already_open).
    request: (w, target) => ({
      url: `/api/students/${w.freshChild(target)}/transitions`,
      body: {
        toLocationCode: w.receivingOf[target].locationCode,
        registeredOn: '2026-11-02',
        movesOn: '2027-01-04',
      },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    route: 'GET /api/students/:studentId/transitions',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/transitions` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'GET /api/transitions/:transitionId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/transitions/${w.transitionsOf[target]}` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'parent'],
      otherSchool: ['parent_other_child'],
    },
    childData: true,
  },
  {
    // The warm hand-over meeting: the IB'er of either school records it.
    route: 'POST /api/transitions/:transitionId/steps',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/transitions/${w.transitionsOf[target]}/steps`,
      body: { step: 'meeting', meetingOn: '2026-11-20', meetingWith: 'IB’ers van beide scholen' },
    }),
    allow: { own: ['school_ib'] },
    childData: true,
  },
  {
    // The OSO hand-over dossier: the sending school's IB'er and its team's consultant; the
    // receiving school's IB'er once handed over (none of the actors is at a receiving school here).
    route: 'GET /api/transitions/:transitionId/oso-dossier',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/transitions/${w.dossierTransitionOf[target]}/oso-dossier` }),
    allow: { own: ['consultant', 'school_ib'] },
    childData: true,
  },
  {
    // The directory of schools on Passend (public, DUO's register), to pick the receiving school.
    route: 'GET /api/transition-schools',
    targets: ['own'],
    request: (w) => ({ url: `/api/transition-schools?q=${encodeURIComponent(w.schoolOther.name)}` }),
    allow: { own: ['consultant', 'school_ib', 'school_director', 'foreign_ib'] },
    foreignDataAllowed:
      'the directory of schools on Passend is public (DUO’s register), to pick a school of another SWV',
  },
  {
    // Places hold no child's data: the SWV's staff read every school's, a school's IB'er and
    // director their own school's (docs/domain.md, "Places and waiting lists").
    route: 'GET /api/capacity',
    targets: ['own'],
    request: () => ({ url: '/api/capacity?schoolYear=2026-2027' }),
    allow: {
      own: ['swv_admin', 'consultant', 'committee', 'policy', 'school_ib', 'school_director', 'foreign_ib'],
    },
  },
  {
    // The administrator sets any special school's places; a director only their own school's.
    route: 'PUT /api/capacity',
    targets: ['own'],
    request: (w) => ({
      url: '/api/capacity',
      body: { schoolYear: '2026-2027', schoolId: w.waits.sbo, category: 'none', places: 100, taken: 90 },
    }),
    allow: { own: ['swv_admin'] },
    // The own SWV's school is another SWV's to the IB'er of SWV B: not found.
    status: { foreign_ib: 404 },
  },
  {
    route: 'POST /api/arrangement-providers',
    targets: ['own'],
    request: () => ({ url: '/api/arrangement-providers', body: { name: 'Ambulante dienst Matrix' } }),
    allow: { own: ['swv_admin'] },
  },
  {
    // The list: the committee every entry, a consultant those of their team's schools (the child's
    // or the one waited for), a school's staff their children's; one search row without a child.
    route: 'GET /api/waiting-list',
    targets: ['own'],
    request: () => ({ url: '/api/waiting-list' }),
    allow: { own: ['consultant', 'committee', 'school_ib', 'school_director', 'foreign_ib'] },
    childData: 'ownSwv',
    list: {
      rows: idsAt('entries'),
      among: (w) => Object.values(w.waits.entries),
      visible: (w, actor) =>
        actor === 'committee'
          ? [w.waits.entries.own, w.waits.entries.otherSchool]
          : actor === 'foreign_ib'
            ? [w.waits.entries.otherSwv]
            : [w.waits.entries.own],
    },
  },
  {
    // Counts only; small ones hidden for those who may not read the list.
    route: 'GET /api/waiting-list/counts',
    targets: ['own'],
    request: () => ({ url: '/api/waiting-list/counts?on=2026-11-23' }),
    allow: { own: ['swv_admin', 'consultant', 'committee', 'policy'] },
  },
  {
    // Counts only, small cells hidden, one search row in the access log per query.
    route: 'GET /api/monitor',
    targets: ['own'],
    request: () => ({ url: '/api/monitor?year=2026-2027' }),
    allow: { own: ['swv_admin', 'committee', 'policy'] },
  },
  {
    // The same counts as files; one export row in the access log per download.
    route: 'GET /api/monitor/export',
    targets: ['own'],
    request: () => ({ url: '/api/monitor/export?year=2026-2027&format=xlsx' }),
    allow: { own: ['swv_admin', 'committee', 'policy'] },
  },
  {
    // The yearly report (tagged PDF) of the same counts; one export row per download.
    route: 'GET /api/monitor/report',
    targets: ['own'],
    request: () => ({ url: '/api/monitor/report?year=2026-2027' }),
    allow: { own: ['swv_admin', 'committee', 'policy'] },
  },
  {
    // The public-accountability dataset of the same counts; one export row per download.
    route: 'GET /api/monitor/dataset',
    targets: ['own'],
    request: () => ({ url: '/api/monitor/dataset?year=2026-2027&format=csv' }),
    allow: { own: ['swv_admin', 'committee', 'policy'] },
  },
  {
    route: 'GET /api/students/:id/waiting-entries',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/students/${w.childFor(target).id}/waiting-entries` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    // A consultant of the child's school's team puts the child on the list.
    route: 'POST /api/students/:id/waiting-entries',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/waiting-entries`,
      body: { schoolId: w.waits.so, category: 'high', since: '2026-11-02' },
    }),
    allow: { own: ['consultant'] },
    childData: true,
  },
  {
    route: 'GET /api/waiting-entries/:entryId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/waiting-entries/${w.waits.entries[target]}` }),
    allow: {
      own: ['consultant', 'committee', 'school_ib', 'school_director', 'parent'],
      otherSchool: ['committee', 'parent_other_child'],
    },
    childData: true,
  },
  {
    route: 'PATCH /api/waiting-entries/:entryId',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/waiting-entries/${w.waits.entries[target]}`,
      body: { note: 'Gebeld met de school.' },
    }),
    allow: { own: ['consultant'] },
    childData: true,
  },
];

async function buildWorld(t: TestApp) {
  const db = t.database.db;
  const swv = await aSwv(db);
  const foreignSwv = await aSwv(db);
  const school = await aSchool(db, swv.id);
  const schoolOther = await aSchool(db, swv.id);
  const foreignSchool = await aSchool(db, foreignSwv.id);
  const partnerWith = await aPartnerOrganisation(db, swv.id, [school.id]);
  const partnerWithout = await aPartnerOrganisation(db, swv.id, [school.id]);
  const leerplicht = await anAttendanceOrganisation(db, swv.id, 'Utrecht');
  const users: Record<Exclude<ActorName, 'anonymous'>, TestUser> = {
    operator: await aUser(db, null, [{ role: 'operator' }]),
    swv_admin: await aUser(db, swv.id, [{ role: 'swv_admin' }]),
    consultant: await aUser(db, swv.id, [{ role: 'consultant' }]),
    committee: await aUser(db, swv.id, [{ role: 'committee' }]),
    policy: await aUser(db, swv.id, [{ role: 'policy' }]),
    school_ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
    school_director: await aUser(db, swv.id, [{ role: 'school_director', schoolId: school.id }]),
    teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['5A'] }]),
    teacher_other_group: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['7B'] }]),
    partner_with_consent: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerWith }]),
    partner_without_consent: await aUser(db, swv.id, [
      { role: 'partner', partnerOrganisationId: partnerWithout },
    ]),
    attendance_officer: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: leerplicht }]),
    parent: await aUser(db, swv.id, [{ role: 'parent' }]),
    parent_other_child: await aUser(db, swv.id, [{ role: 'parent' }]),
    foreign_ib: await aUser(db, foreignSwv.id, [{ role: 'school_ib', schoolId: foreignSchool.id }]),
  };
  const targetUser = await aUser(db, swv.id, [{ role: 'committee' }]);
  // Not yet activated: an administrator may renew its activation link.
  const unactivatedUser = await aUser(db, swv.id, [{ role: 'policy' }]);
  await db.update(appUser).set({ passwordHash: null }).where(eq(appUser.id, unactivatedUser.id));
  // Grants asked by a second administrator of each SWV, one per actor and route that decides them.
  const askers = {
    own: await aUser(db, swv.id, [{ role: 'swv_admin' }]),
    otherSwv: await aUser(db, foreignSwv.id, [{ role: 'swv_admin' }]),
  };
  await aUser(db, foreignSwv.id, [{ role: 'swv_admin' }]);
  const teamId = await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  const teamOtherId = await aTeam(db, swv.id, [schoolOther.id], []);
  const foreignTeamId = await aTeam(db, foreignSwv.id, [foreignSchool.id], []);
  const boardId = await aBoard(db, swv.id);
  const foreignBoardId = await aBoard(db, foreignSwv.id);
  const foreignPartner = await aPartnerOrganisation(db, foreignSwv.id, [foreignSchool.id]);
  const child = await aStudent(db, swv.id, school.id, { groupName: '5A' });
  const otherChild = await aStudent(db, swv.id, schoolOther.id, { groupName: '5A' });
  const foreignChild = await aStudent(db, foreignSwv.id, foreignSchool.id, { groupName: '5A' });
  // For the lists and panels: at each school a child at level 3 in group 5A whose plan's
  // evaluation is due, and at the own school one at level 2 in another group.
  const levelThree = {
    own: await aStudent(db, swv.id, school.id, { groupName: '5A', supportLevel: 3 }),
    otherSchool: await aStudent(db, swv.id, schoolOther.id, { groupName: '5A', supportLevel: 3 }),
    otherSwv: await aStudent(db, foreignSwv.id, foreignSchool.id, { groupName: '5A', supportLevel: 3 }),
  };
  const levelTwoIn7B = await aStudent(db, swv.id, school.id, { groupName: '7B', supportLevel: 2 });
  const duePlans = {} as Record<Target, string>;
  for (const target of targets) {
    const { swvId, id } = levelThree[target];
    const byUserId = target === 'otherSwv' ? users.foreign_ib.id : users.school_ib.id;
    duePlans[target] = (
      await aPlan(db, { swvId, studentId: id, byUserId, evaluationDueOn: '2026-11-30' })
    ).id;
  }
  await aGuardian(db, swv.id, child.id, users.parent.id);
  await aGuardian(db, swv.id, otherChild.id, users.parent_other_child.id);
  await aCaseMember(db, swv.id, child.id, users.partner_with_consent.id);
  await aCaseMember(db, swv.id, child.id, users.partner_without_consent.id);
  const partnerConsentId = await aConsent(db, {
    swvId: swv.id,
    studentId: child.id,
    givenByUserId: users.parent.id,
    partnerOrganisationId: partnerWith,
  });
  // Memberships to end, of an organisation without consent: ending them opens or closes nothing.
  // They end this year, so the memberships the add route makes years ahead do not overlap them.
  const thisYear = { validUntil: '2026-12-31' };
  const caseMembers = {
    own: await anOrganisationOnCase(db, swv.id, child.id, partnerWithout, thisYear),
    otherSchool: await anOrganisationOnCase(db, swv.id, otherChild.id, partnerWithout, thisYear),
    otherSwv: await anOrganisationOnCase(db, foreignSwv.id, foreignChild.id, foreignPartner, thisYear),
  };
  const shared = { sharedWithParents: true };
  const documents = {
    own: await aDocument(db, documentKeys, {
      swvId: swv.id,
      studentId: child.id,
      uploadedByUserId: users.school_ib.id,
      ...shared,
    }),
    otherSchool: await aDocument(db, documentKeys, {
      swvId: swv.id,
      studentId: otherChild.id,
      uploadedByUserId: users.swv_admin.id,
      ...shared,
    }),
    otherSwv: await aDocument(db, documentKeys, {
      swvId: foreignSwv.id,
      studentId: foreignChild.id,
      uploadedByUserId: users.foreign_ib.id,
      ...shared,
    }),
    ownUnshared: await aDocument(db, documentKeys, {
      swvId: swv.id,
      studentId: child.id,
      uploadedByUserId: users.school_ib.id,
    }),
    ownMedical: await aDocument(db, documentKeys, {
      swvId: swv.id,
      studentId: child.id,
      uploadedByUserId: users.school_ib.id,
      classification: 'medical_psychological',
    }),
  };
  /** docs/domain.md and docs/SECURITY.md C6: who reads which of the own child's documents. */
  const ownDocumentsSeenBy = (actor: ActorName) => {
    const { own, ownUnshared, ownMedical } = documents;
    if (actor === 'consultant' || actor === 'school_ib') return [own.id, ownUnshared.id, ownMedical.id];
    if (actor === 'parent') return [own.id];
    return [own.id, ownUnshared.id];
  };
  // Per child: an active plan, a case meeting with an action, and a consent that may be withdrawn
  // (for an arrangement, so withdrawing it leaves the partner's consent alone).
  const fileOf = async (swvId: string, studentId: string, staff: TestUser, parentUser: TestUser) => {
    const activePlanId = await anActivePlan(db, { swvId, studentId, userId: staff.id });
    const meeting = await aCaseMeeting(db, {
      swvId,
      studentId,
      createdByUserId: staff.id,
      actions: [{ action: 'Gesprek met de schoolarts', owner: 'jgz' }],
    });
    const consentId = await aConsent(db, {
      swvId,
      studentId,
      givenByUserId: parentUser.id,
      purpose: 'request_arrangement',
    });
    return { activePlanId, meeting, consentId };
  };
  const files = {
    own: await fileOf(swv.id, child.id, users.school_ib, users.parent),
    otherSchool: await fileOf(swv.id, otherChild.id, users.school_ib, users.parent_other_child),
    otherSwv: await fileOf(foreignSwv.id, foreignChild.id, users.foreign_ib, users.foreign_ib),
  };
  // Plans with an agreement of the partner with consent; for the calls that change a plan for good
  // (start, edit at a revision, evaluate), a fresh child and plan per call.
  const schoolFor = (target: Target) =>
    ({ own: school, otherSchool: schoolOther, otherSwv: foreignSchool })[target];
  const byUser = (target: Target) => (target === 'otherSwv' ? users.foreign_ib.id : users.school_ib.id);
  const planOf = (target: Target, studentId: string) =>
    aPlan(db, {
      swvId: schoolFor(target).swvId,
      studentId,
      byUserId: byUser(target),
      agreements: [{ owner: 'buurtteam', partnerOrganisationId: target === 'otherSwv' ? null : partnerWith }],
    });
  const aChildLike = async (target: Target) => {
    const fresh = await aStudent(db, schoolFor(target).swvId, schoolFor(target).id, { groupName: '5A' });
    if (target === 'own') {
      await aGuardian(db, swv.id, fresh.id, users.parent.id);
      await aCaseMember(db, swv.id, fresh.id, users.partner_with_consent.id);
      await aCaseMember(db, swv.id, fresh.id, users.partner_without_consent.id);
      await aConsent(db, {
        swvId: swv.id,
        studentId: fresh.id,
        givenByUserId: users.parent.id,
        partnerOrganisationId: partnerWith,
      });
    }
    if (target === 'otherSchool') await aGuardian(db, swv.id, fresh.id, users.parent_other_child.id);
    return fresh.id;
  };
  // The file's children have a bare active plan already: the plan routes read and answer on a
  // child like them whose plan has an agreement of the partner with consent.
  const plans = {
    own: await planOf('own', await aChildLike('own')),
    otherSchool: await planOf('otherSchool', await aChildLike('otherSchool')),
    otherSwv: await planOf('otherSwv', await aChildLike('otherSwv')),
  };
  // One per actor per route that uses them: starting a plan, setting a level and starting a move;
  // editing and evaluating a plan.
  const unused = { children: new Map<Target, string[]>(), plans: new Map<Target, string[]>() };
  for (const target of targets) {
    const children: string[] = [];
    const freshPlans: string[] = [];
    // Three routes (starting a plan, setting a level, starting a move), one more each for the
    // not-found comparison.
    for (let i = 0; i < actorNames.length * 3 + 3; i++) children.push(await aChildLike(target));
    for (let i = 0; i < (actorNames.length + 1) * 2; i++)
      freshPlans.push((await planOf(target, await aChildLike(target))).id);
    unused.children.set(target, children);
    unused.plans.set(target, freshPlans);
  }
  const grants = new Map<Target, string[]>();
  for (const target of ['own', 'otherSwv'] as const) {
    const asker = askers[target];
    const schoolId = target === 'own' ? school.id : foreignSchool.id;
    const grantee = await aUser(db, asker.swvId, []);
    const ids: string[] = [];
    // One per actor of both routes that decide grants, and one each for the not-found comparison.
    for (let i = 0; i < actorNames.length * 2 + 2; i++) {
      const id = uuidv7();
      await db.insert(roleGrant).values({
        id,
        swvId: asker.swvId!,
        userId: grantee.id,
        role: 'school_ib',
        schoolId,
        status: 'pending',
        requestedByUserId: asker.id,
        requestedAt: new Date(),
      });
      ids.push(id);
    }
    grants.set(target, ids);
  }
  // SSO changes asked by the same administrators, as many, switched off so that an approved one
  // does not open single sign-on for the routes after it.
  const ssoChanges = new Map<Target, string[]>();
  for (const target of ['own', 'otherSwv'] as const) {
    const asker = askers[target];
    const secret = aSealedSecret('oidc-client', asker.swvId!, 'geheim');
    const ids: string[] = [];
    for (let i = 0; i < actorNames.length * 2 + 2; i++) {
      const id = uuidv7();
      await db.insert(swvOidcChange).values({
        id,
        swvId: asker.swvId!,
        issuer: 'https://login.example.test',
        clientId: 'passend',
        clientSecret: secret.sealed,
        clientSecretKeyId: secret.keyId,
        enabled: false,
        providerEnforcesMfa: false,
        status: 'pending',
        requestedByUserId: asker.id,
        requestedAt: new Date(),
      });
      ids.push(id);
    }
    ssoChanges.set(target, ids);
  }
  // One notification in each signed-in user's own inbox (the operator has none: no SWV).
  const notificationOf = {} as Record<ActorName, string>;
  for (const actor of actorNames) {
    const user = actor === 'anonymous' ? null : users[actor];
    if (!user?.swvId) continue;
    const requestId = uuidv7();
    await notify(db, t.clock.now, {
      swvId: user.swvId,
      userIds: [user.id],
      kind: 'request_decided',
      subjectType: 'request',
      subjectId: requestId,
      firstName: 'Melding',
      link: `/requests/${requestId}`,
    });
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select id from notification where user_id = ${user.id} and subject_id = ${requestId}`,
    );
    notificationOf[actor] = row!.id;
  }
  // The outbox: a sent message of each SWV, and failed ones to retry, one per call.
  const aMessage = async (swvId: string, userId: string, state: 'sent' | 'failed') => {
    const id = uuidv7();
    await db.insert(outboxMessage).values({
      swvId,
      id,
      userId,
      toAddress: `outbox-${next()}@example.test`,
      subject: 'Passend: Besluit genomen',
      body: 'Er is een besluit genomen.',
      state,
      attempts: state === 'failed' ? 5 : 1,
      lastError: state === 'failed' ? '550 5.1.1 Mailbox unavailable' : '',
      createdAt: t.clock.now,
    });
    return id;
  };
  const outbox = {
    own: await aMessage(swv.id, users.swv_admin.id, 'sent'),
    otherSwv: await aMessage(foreignSwv.id, users.foreign_ib.id, 'sent'),
  };
  const failedMessages = new Map<Target, string[]>();
  for (const target of ['own', 'otherSwv'] as const) {
    const [swvId, userId] =
      target === 'own' ? [swv.id, users.swv_admin.id] : [foreignSwv.id, users.foreign_ib.id];
    const ids: string[] = [];
    for (let i = 0; i < actorNames.length + 2; i++) ids.push(await aMessage(swvId, userId, 'failed'));
    failedMessages.set(target, ids);
  }
  const take = (pool: Map<Target, string[]>, target: Target) => {
    const id = pool.get(target)?.shift();
    if (!id) throw new Error(`the authorization world ran out of fresh records for ${target}`);
    return id;
  };
  // Requests for support, per target: one submitted (read, advised, assigned, the parents' view),
  // and one in each state a route changes once: a draft to edit, a draft to submit, one in review
  // to decide, one in progress to log delivery on.
  const requestsOf = {} as Record<
    Target,
    Record<'submitted' | 'toEdit' | 'toSubmit' | 'inReview' | 'inProgress' | 'decided', string>
  >;
  const childOfTarget = { own: child, otherSchool: otherChild, otherSwv: foreignChild };
  for (const target of targets) {
    const at = {
      swvId: schoolFor(target).swvId,
      schoolId: schoolFor(target).id,
      studentId: childOfTarget[target].id,
      byUserId: byUser(target),
    };
    requestsOf[target] = {
      submitted: await aRequest(db, { ...at, state: 'submitted' }),
      toEdit: await aRequest(db, { ...at, state: 'draft' }),
      toSubmit: await aRequest(db, { ...at, state: 'draft' }),
      inReview: await aRequest(db, { ...at, state: 'in_review' }),
      inProgress: await aRequest(db, { ...at, state: 'in_progress' }),
      decided: await aRequest(db, { ...at, state: 'decided' }),
    };
  }
  // Objections on the decided requests: one to read per target, and one per actor to take a step on.
  const anObjection = async (target: Target) => {
    const id = uuidv7();
    await db.insert(objection).values({
      swvId: schoolFor(target).swvId,
      id,
      requestId: requestsOf[target].decided,
      filedBy: 'parent',
      receivedOn: '2026-11-21',
      grounds: 'Wij zijn het niet eens.',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    return id;
  };
  const objectionsOf = {} as Record<Target, { read: string; toStep: Map<ActorName, string> }>;
  for (const target of targets) {
    const toStep = new Map<ActorName, string>();
    for (const actor of actorNames) toStep.set(actor, await anObjection(target));
    objectionsOf[target] = { read: await anObjection(target), toStep };
  }
  // Children at home: per target a case of the target's child (all live in Utrecht, where the
  // attendance officer works) with a return-plan step and a watch; per actor a case to end and a
  // watch of a fresh child to convert and one to close, and a case of a child without a school to
  // link to a fresh child of the target, since each can be done once.
  const anAbsenceCase = async (target: Target) => {
    const id = uuidv7();
    await db.insert(absenceCase).values({
      swvId: schoolFor(target).swvId,
      id,
      studentId: childOfTarget[target].id,
      municipality: 'Utrecht',
      kind: 'relative_long',
      startedOn: '2026-09-01',
      createdByUserId: byUser(target),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    return id;
  };
  const aWatch = async (target: Target, studentId: string) => {
    const id = uuidv7();
    await db.insert(absenceWatch).values({
      swvId: schoolFor(target).swvId,
      id,
      studentId,
      schoolId: schoolFor(target).id,
      municipality: 'Utrecht',
      kind: 'absence_report',
      absentSince: '2026-11-02',
      reportedOn: '2026-11-20',
      reportedByUserId: byUser(target),
      createdAt: new Date(),
    });
    return id;
  };
  const absenceOf = {} as Record<
    Target,
    {
      read: string;
      step: string;
      watch: string;
      toEnd: Map<ActorName, string>;
      toConvert: Map<ActorName, string>;
      toClose: Map<ActorName, string>;
      toLink: Map<ActorName, { caseId: string; studentId: string }>;
    }
  >;
  for (const target of targets) {
    const read = await anAbsenceCase(target);
    const step = uuidv7();
    await db.insert(absenceStep).values({
      swvId: schoolFor(target).swvId,
      id: step,
      caseId: read,
      what: 'Gesprek',
      who: 'IB',
      dueOn: '2026-12-01',
      createdAt: new Date(),
    });
    const toEnd = new Map<ActorName, string>();
    const toConvert = new Map<ActorName, string>();
    const toClose = new Map<ActorName, string>();
    const toLink = new Map<ActorName, { caseId: string; studentId: string }>();
    for (const actor of actorNames) {
      toEnd.set(actor, await anAbsenceCase(target));
      toConvert.set(actor, await aWatch(target, await aChildLike(target)));
      toClose.set(actor, await aWatch(target, await aChildLike(target)));
      const caseId = uuidv7();
      await db.insert(absenceCase).values({
        swvId: schoolFor(target).swvId,
        id: caseId,
        childGivenName: 'Zonder',
        childFamilyName: `School ${actor}`,
        childBirthDate: '2015-03-01',
        municipality: 'Utrecht',
        kind: 'absolute',
        startedOn: '2026-10-01',
        createdByUserId: byUser(target),
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      toLink.set(actor, { caseId, studentId: await aChildLike(target) });
    }
    absenceOf[target] = {
      read,
      step,
      watch: await aWatch(target, childOfTarget[target].id),
      toEnd,
      toConvert,
      toClose,
      toLink,
    };
  }
  // The registers of disputes, complaints and support-point signals of each SWV.
  const registerOf = async (swvId: string, byUserId: string) => {
    const ids = { dispute: uuidv7(), complaint: uuidv7(), signal: uuidv7() };
    const now = new Date();
    await db.insert(dispute).values({
      swvId,
      id: ids.dispute,
      subject: 'admission',
      filedOn: '2026-11-02',
      rulingDueOn: '2027-01-11',
      registeredByUserId: byUserId,
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(complaint).values({
      swvId,
      id: ids.complaint,
      receivedOn: '2026-11-02',
      about: 'Bejegening',
      description: 'Niet gehoord.',
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(supportSignal).values({
      swvId,
      id: ids.signal,
      receivedOn: '2026-11-02',
      kind: 'question',
      summary: 'Vraag over thuiszitten.',
      registeredByUserId: byUserId,
      createdAt: now,
      updatedAt: now,
    });
    return ids;
  };
  const registers = {
    own: await registerOf(swv.id, askers.own.id),
    otherSwv: await registerOf(foreignSwv.id, askers.otherSwv.id),
  };
  // Survey invitations on the decided requests: one per parent to list, one per SWV to answer.
  const foreignParent = await aUser(db, foreignSwv.id, [{ role: 'parent' }]);
  const invite = async (
    target: Target,
    userId: string,
    occasion: 'request_decided' | 'arrangement_ended',
  ) => {
    const id = uuidv7();
    await db.insert(surveyInvitation).values({
      swvId: schoolFor(target).swvId,
      id,
      requestId: requestsOf[target].decided,
      occasion,
      userId,
      respondent: 'parent',
      invitedAt: new Date('2026-11-20T10:00:00Z'),
    });
    return id;
  };
  const surveys = {
    listed: {
      parent: await invite('own', users.parent.id, 'request_decided'),
      parentOther: await invite('otherSchool', users.parent_other_child.id, 'request_decided'),
    },
    toAnswer: {
      own: await invite('own', users.parent.id, 'arrangement_ended'),
      otherSwv: await invite('otherSwv', foreignParent.id, 'request_decided'),
    },
  };
  const childOf = { own: child, otherSchool: otherChild, otherSwv: foreignChild };
  // Waits for a place: the own and the other school's child for an SBO school of SWV A, the foreign
  // child for one of SWV B (docs/domain.md, "Places and waiting lists").
  const sboSchool = await aSchool(db, swv.id, { kind: 'sbo' });
  const soSchool = await aSchool(db, swv.id, { kind: 'so' });
  const foreignSbo = await aSchool(db, foreignSwv.id, { kind: 'sbo' });
  const waitOf = async (target: Target, schoolId: string, createdBy: string) => {
    const id = uuidv7();
    const at = new Date('2026-11-20T10:00:00Z');
    await db.insert(waitingEntry).values({
      swvId: schoolFor(target).swvId,
      id,
      studentId: childOf[target].id,
      schoolId,
      category: 'none',
      since: '2026-09-01',
      createdByUserId: createdBy,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };
  const waits = {
    sbo: sboSchool.id,
    so: soSchool.id,
    entries: {
      own: await waitOf('own', sboSchool.id, users.consultant.id),
      otherSchool: await waitOf('otherSchool', sboSchool.id, users.consultant.id),
      otherSwv: await waitOf('otherSwv', foreignSbo.id, users.foreign_ib.id),
    } as Record<Target, string>,
  };
  const requestTypeOf = {
    own: {
      child: await aRequestTypeId(db, swv.id, 'arrangement'),
      team: await aRequestTypeId(db, swv.id, 'team_training'),
    },
    otherSwv: {
      child: await aRequestTypeId(db, foreignSwv.id, 'arrangement'),
      team: await aRequestTypeId(db, foreignSwv.id, 'team_training'),
    },
  };
  // Markers of what an actor must never find in an answer: another SWV's records, and the
  // children it may not open (a teacher of group 7B does not open the 5A child, nor see it listed).
  const namesOf = (...children: { id: string; familyName: string }[]) =>
    children.flatMap((c) => [c.id, c.familyName]);
  // Moves between schools (docs/domain.md, "Transitions"): per target a child moving to another
  // school of the same SWV, handed over, for reading, a meeting and the lists.
  const transitionsOf = {} as Record<Target, string>;
  const receivingOf = {
    own: schoolOther,
    otherSchool: await aSchool(db, swv.id, { kind: 'sbo' }),
    otherSwv: await aSchool(db, foreignSwv.id, { kind: 'sbo' }),
  };
  for (const target of targets) {
    const id = uuidv7();
    const from = schoolFor(target);
    await db.insert(transition).values({
      swvId: from.swvId,
      id,
      studentId: childOf[target].id,
      direction: 'within',
      moveKind: 'to_special',
      fromSchoolId: from.id,
      toSchoolId: receivingOf[target].id,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      handedOverOn: '2026-11-03',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    transitionsOf[target] = id;
  }
  // The OSO dossier (docs/decisions/0030-oso-dossier-export.md): per target a child of its own,
  // handed over with the parents' consent to hand over in force, so an allowed export succeeds.
  const dossierTransitionOf = {} as Record<Target, string>;
  for (const target of targets) {
    const from = schoolFor(target);
    const mover = await aStudent(db, from.swvId, from.id, { groupName: '8A' });
    await db.insert(consent).values({
      swvId: from.swvId,
      id: uuidv7(),
      studentId: mover.id,
      purpose: 'hand_over_to_school',
      givenByName: 'Ouder (op papier)',
      givenOn: '2026-09-01',
    });
    const id = uuidv7();
    await db.insert(transition).values({
      swvId: from.swvId,
      id,
      studentId: mover.id,
      direction: 'within',
      moveKind: 'to_special',
      fromSchoolId: from.id,
      toSchoolId: receivingOf[target].id,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      handedOverOn: '2026-11-03',
      handedOverParts: ['school_career'],
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    dossierTransitionOf[target] = id;
  }
  // What waits (the home page's panel, period=due): per target a move not handed over yet.
  const dueTransitionOf = {} as Record<Target, string>;
  for (const target of targets) {
    const from = schoolFor(target);
    const mover = await aStudent(db, from.swvId, from.id, { groupName: '8A' });
    const id = uuidv7();
    await db.insert(transition).values({
      swvId: from.swvId,
      id,
      studentId: mover.id,
      direction: 'within',
      moveKind: 'to_special',
      fromSchoolId: from.id,
      toSchoolId: receivingOf[target].id,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    dueTransitionOf[target] = id;
  }
  const markersOfSwvA = [
    swv.id,
    swv.name,
    school.id,
    school.name,
    schoolOther.id,
    schoolOther.name,
    boardId,
    teamId,
    partnerWith,
    ...namesOf(child, otherChild),
    ...Object.values(users)
      .filter((u) => u.swvId === swv.id)
      .flatMap((u) => [u.id, u.email]),
  ];
  const markersOfSwvB = [
    foreignSwv.id,
    foreignSwv.name,
    foreignSchool.id,
    foreignSchool.name,
    foreignBoardId,
    foreignTeamId,
    foreignPartner,
    documents.otherSwv.id,
    users.foreign_ib.id,
    users.foreign_ib.email,
    ...namesOf(foreignChild, levelThree.otherSwv),
  ];
  const mayOpenChild: readonly ActorName[] = [
    'consultant',
    'school_ib',
    'school_director',
    'teacher',
    'partner_with_consent',
    'parent',
  ];
  const holidayOf = async (swvId: string) => {
    const id = uuidv7();
    const holiday = { name: 'Herfstvakantie', firstDay: '2026-10-17', lastDay: '2026-10-25' };
    await db.insert(schoolHoliday).values({ swvId, id, schoolYear: '2026-2027', ...holiday });
    return id;
  };
  const holidays = { own: await holidayOf(swv.id), foreign: await holidayOf(foreignSwv.id) };
  const foreignTo = (actor: ActorName): string[] => {
    if (actor === 'operator') return [];
    // The committee decides on the requests of every school of its SWV, and reads them with the child's name.
    if (actor === 'committee') return markersOfSwvB;
    if (actor === 'anonymous') return [...markersOfSwvA, ...markersOfSwvB];
    if (actor === 'foreign_ib') return markersOfSwvA;
    // Leerplicht reads the absence cases of every child resident in its municipality (docs/domain.md).
    if (actor === 'attendance_officer') return markersOfSwvB;
    return [
      ...markersOfSwvB,
      ...(mayOpenChild.includes(actor) ? [] : namesOf(child)),
      ...(actor === 'parent_other_child' ? [] : namesOf(otherChild)),
    ];
  };
  // Break-glass windows: one of the matrix's operator on a child of SWV A, one of another operator
  // on a child of SWV B; and a child of each SWV no window was opened on (docs/SECURITY.md A4).
  const otherOperator = await aUser(db, null, [{ role: 'operator' }]);
  const windowOf = async (swvId: string, schoolId: string, operatorUserId: string) => {
    const id = uuidv7();
    const studentId = (await aStudent(db, swvId, schoolId)).id;
    const openedAt = t.clock.now;
    // Longer than the 60 minutes the route allows, so the matrix's moving clock does not end it.
    const closesAt = new Date(openedAt.getTime() + 24 * 3600_000);
    const reason = 'Storingsmelding 4411: de pagina van dit kind laadt niet';
    await db
      .insert(breakGlassWindow)
      .values({ swvId, id, studentId, operatorUserId, reason, openedAt, closesAt });
    return id;
  };
  const breakGlass = {
    ownWindow: await windowOf(swv.id, school.id, users.operator.id),
    otherOperatorsWindow: await windowOf(foreignSwv.id, foreignSchool.id, otherOperator.id),
    childToOpen: (await aStudent(db, swv.id, school.id)).id,
    foreignChild: (await aStudent(db, foreignSwv.id, foreignSchool.id)).id,
  };
  return {
    swv,
    foreignSwv,
    breakGlass,
    holidays,
    school,
    schoolOther,
    foreignSchool,
    users,
    targetUser,
    unactivatedUser,
    /** The notification in the actor's own inbox; for those without one, the administrator's. */
    notificationOf: (actor: ActorName) => notificationOf[actor] ?? notificationOf.swv_admin,
    allNotifications: Object.values(notificationOf),
    outbox,
    allMessages: [outbox.own, outbox.otherSwv, ...[...failedMessages.values()].flat()],
    /** A failed message of the target's SWV, not retried before. */
    freshFailedMessage: (target: Target) => take(failedMessages, target),
    /** A pending grant of the target's SWV, not decided before. */
    freshGrant: (target: Target) => take(grants, target),
    freshSsoChange: (target: Target) => take(ssoChanges, target),
    /** A fresh code of the actor's authenticator app (step-up), or a well-formed wrong one. */
    freshCode: (actor: ActorName) => {
      const secret = actor === 'anonymous' ? null : users[actor].totpSecret;
      if (!secret || actor !== 'swv_admin') return '000000';
      t.clock.advance(30_000);
      return currentTotp(secret, t.clock.now);
    },
    teamId,
    teamOtherId,
    foreignTeamId,
    boardId,
    foreignBoardId,
    partnerWith,
    partnerWithout,
    foreignPartner,
    schoolFor,
    foreignTo,
    children: {
      all: [...Object.values(childOf), ...Object.values(levelThree), levelTwoIn7B].map((c) => c.id),
      atSchool: (target: Target) =>
        [childOf[target], levelThree[target], ...(target === 'own' ? [levelTwoIn7B] : [])].map((c) => c.id),
      /** The teacher teaches 5A, the other teacher 7B; everyone else on the list sees the school. */
      openableAtSchool: (actor: ActorName, target: Target) => {
        const atSchool = [childOf[target], levelThree[target], ...(target === 'own' ? [levelTwoIn7B] : [])];
        const groupOf: Partial<Record<ActorName, string>> = { teacher: '5A', teacher_other_group: '7B' };
        const group = groupOf[actor];
        return atSchool.filter((c) => group === undefined || c.groupName === group).map((c) => c.id);
      },
      levelThree: (target: Target) => levelThree[target].id,
      levelTwoIn7B: levelTwoIn7B.id,
    },
    documents: {
      all: Object.values(documents).map((d) => d.id),
      visibleTo: (actor: ActorName, target: Target) =>
        target === 'own' ? ownDocumentsSeenBy(actor) : [documents[target].id],
    },
    requestsOf,
    objectionsOf,
    transitionsOf,
    dossierTransitionOf,
    dueTransitionOf,
    receivingOf,
    absenceOf,
    registersOf: (target: Target) => registers[target === 'otherSwv' ? 'otherSwv' : 'own'],
    surveys,
    waits,
    /** The SWV's type for a child's request and for a team's (the other school shares the own SWV's). */
    requestTypeFor: (target: Target) => requestTypeOf[target === 'otherSwv' ? 'otherSwv' : 'own'],
    consentsOf: (target: Target) =>
      target === 'own' ? [partnerConsentId, files.own.consentId] : [files[target].consentId],
    activePlanOf: (target: Target) => files[target].activePlanId,
    duePlanFor: (target: Target) => duePlans[target],
    childFor: (target: Target) => childOf[target],
    documentFor: (target: Target) => documents[target].id,
    meetingFor: (target: Target) => files[target].meeting,
    withdrawableConsentFor: (target: Target) => files[target].consentId,
    caseMemberFor: (target: Target) => caseMembers[target],
    planFor: (target: Target) => plans[target],
    /** A child of the target's school without a plan, not used before. */
    freshChild: (target: Target) => take(unused.children, target),
    /** A plan at revision 1 of a child of the target's school, not used before. */
    freshPlan: (target: Target) => take(unused.plans, target),
  };
}

/**
 * How the record relates to the actor. The targets are named from SWV A's side; the IB'er of
 * SWV B sees them the other way round, and the operator belongs to no SWV at all.
 */
function relationOf(c: RouteCase, actor: ActorName, target: Target): { as: ActorName; relation: Target } {
  if (!c.targets.includes('otherSwv')) return { as: actor, relation: target };
  if (actor === 'operator') return { as: actor, relation: 'otherSwv' };
  if (actor === 'foreign_ib') {
    return target === 'otherSwv' ? { as: 'school_ib', relation: 'own' } : { as: actor, relation: 'otherSwv' };
  }
  return { as: actor, relation: target };
}

/** Of the world's candidates, the list holds exactly the visible ones, and some are not visible. */
function listFailures(list: ListRows, w: World, actor: ActorName, target: Target, body: unknown): string[] {
  const among = new Set(list.among(w));
  const visible = [...list.visible(w, actor, target)].sort();
  const listed = list
    .rows(body)
    .filter((id) => among.has(id))
    .sort();
  const failures: string[] = [];
  if (visible.some((id) => !among.has(id)))
    failures.push(`${actor} on ${target}: declares visible rows that are not among the candidates`);
  if (actor !== 'operator' && visible.length >= among.size)
    failures.push(`${actor} on ${target}: no candidate it must not see; seed one`);
  if (JSON.stringify(listed) !== JSON.stringify(visible))
    failures.push(`${actor} on ${target}: listed ${listed.join(', ')}; expected ${visible.join(', ')}`);
  return failures;
}

function expectedStatus(c: RouteCase, actor: ActorName, target: Target): number | 'success' {
  const override = c.status?.[actor];
  if (override !== undefined) return override;
  if (actor === 'anonymous') return c.allow[target]?.includes(actor) ? 'success' : 401;
  const { as, relation } = relationOf(c, actor, target);
  if (relation === 'otherSwv') return 404;
  return c.allow[relation]?.includes(as) ? 'success' : 403;
}

describe('the authorization matrix', () => {
  let t: TestApp;
  let world: World;
  const agents = new Map<ActorName, Agent>();

  beforeAll(async () => {
    t = await testApp({ documents: { keys: documentKeys, maxBytes: 1024 * 1024 } });
    world = await buildWorld(t);
    for (const actor of actorNames) {
      agents.set(actor, actor === 'anonymous' ? new Agent(t) : await signIn(t, world.users[actor]));
    }
  });
  afterAll(() => t.close());

  it('has a row for every route of the app, and no row for a route that does not exist', () => {
    const appRoutes = t.app.routeList
      .filter((r) => !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect([...new Set(cases.map((c) => c.route))].sort()).toEqual(appRoutes);
  });

  it('serves the API documentation to anyone', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  for (const c of cases) {
    it(`${c.route}${c.variant ? ` (${c.variant})` : ''}: only the allowed actors get through`, async () => {
      const [method] = c.route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT'];
      const failures: string[] = [];
      for (const target of c.targets) {
        for (const actor of actorNames) {
          const agent =
            c.freshSession && actor !== 'anonymous'
              ? await signIn(t, world.users[actor])
              : agents.get(actor)!;
          const { url, body } = c.request(world, target, actor);
          const response = await agent.request(method, url, method === 'GET' ? undefined : (body ?? {}));
          const expected = expectedStatus(c, actor, target);
          const ok =
            expected === 'success'
              ? response.statusCode >= 200 && response.statusCode < 300
              : response.statusCode === expected;
          if (!ok)
            failures.push(
              `${actor} on ${target}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
          if (response.statusCode >= 400) {
            expect(response.json()).toMatchObject({
              error: { code: expect.any(String), message: expect.any(String) },
            });
          }
          const leaked = c.foreignDataAllowed
            ? []
            : world.foreignTo(actor).filter((marker) => response.body.includes(marker));
          if (leaked.length) failures.push(`${actor} on ${target}: the answer holds ${leaked.join(', ')}`);
          if (c.list && expected === 'success' && response.statusCode < 300) {
            failures.push(...listFailures(c.list, world, actor, target, response.json()));
          }
          if (c.childData) {
            const requestId = String(response.headers['x-request-id']);
            const rows = await queryRows<{ outcome: string }>(
              t.database.db,
              sql`select outcome from access_log where request_id = ${requestId}`,
            );
            const expectedRows =
              actor === 'anonymous' || (c.childData === 'ownSwv' && actor === 'operator')
                ? []
                : [response.statusCode < 300 ? 'allowed' : 'denied'];
            if (JSON.stringify(rows.map((r) => r.outcome)) !== JSON.stringify(expectedRows)) {
              failures.push(
                `${actor} on ${target}: access log ${JSON.stringify(rows)}, expected ${expectedRows}`,
              );
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  // docs/SECURITY.md C9: another SWV's record and an id that does not exist answer alike, byte for byte, so an
  // answer never tells whether a record exists elsewhere. Every route on a record is compared, for
  // every actor to whom the record is foreign, with each id in the path replaced by a new one.
  for (const c of cases.filter((row) => row.targets.includes('otherSwv'))) {
    it(`${c.route}${c.variant ? ` (${c.variant})` : ''}: another SWV's record answers exactly as a missing one`, async () => {
      const [method] = c.route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT'];
      // A record that a row uses up (a fresh plan or child) is taken once per target and reused.
      const requests = new Map<Target, { url: string; body?: unknown }>();
      const differences: string[] = [];
      for (const target of c.targets) {
        for (const actor of signedIn) {
          // The operator belongs to no SWV and may know every SWV's records (e.g. a grant it may
          // not decide answers 403): nothing is foreign to it.
          if (actor === 'operator' || relationOf(c, actor, target).relation !== 'otherSwv') continue;
          if (!requests.has(target)) requests.set(target, c.request(world, target, actor));
          const { url, body } = requests.get(target)!;
          const ids = url.match(uuidPattern) ?? [];
          expect(ids.length, `${c.route} has a record id in its path`).toBeGreaterThan(0);
          const variants = [
            ...ids.map((id) => url.replace(id, uuidv7())),
            url.replace(uuidPattern, () => uuidv7()),
          ];
          const send = (to: string) =>
            agents.get(actor)!.request(method, to, method === 'GET' ? undefined : (body ?? {}));
          const foreign = await send(url);
          for (const missingUrl of new Set(variants)) {
            const missing = await send(missingUrl);
            if (missing.statusCode !== foreign.statusCode || missing.body !== foreign.body) {
              differences.push(
                `${actor} on ${target}: ${foreign.statusCode} ${foreign.body} vs missing ${missing.statusCode} ${missing.body}`,
              );
            }
          }
          expect(foreign.statusCode).toBe(404);
        }
      }
      expect(differences).toEqual([]);
    });
  }
});

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
