// TRUST C1–C3 and A1: the authorization matrix. Every route of the app must have a row here (a
// route without one fails the test). Each row is called by every kind of actor, against a record
// of their own school, of another school, and of another SWV where that applies, and states who
// gets through; everyone else must be refused (401 without a session, 404 for another SWV's
// record, 403 otherwise). Routes on a child's data must write exactly one access-log row per call,
// allowed or denied.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/db/client.ts';
import { newDocumentKey } from '../src/server/modules/documents/encryption.ts';
import {
  Agent,
  aBoard,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aGuardian,
  anActivePlan,
  aPartnerOrganisation,
  aPlan,
  aSchool,
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
  'parent',
  'parent_other_child',
  'foreign_ib',
] as const;
type ActorName = (typeof actorNames)[number];
type Target = 'own' | 'otherSchool' | 'otherSwv';

type World = Awaited<ReturnType<typeof buildWorld>>;

type RouteCase = {
  /** "METHOD /path" exactly as registered. */
  route: string;
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
};

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
/** DESIGN §1: who reads a child's plan, and who edits it (the teacher only in their own groups). */
const planReaders: readonly ActorName[] = [
  'consultant',
  'school_ib',
  'school_director',
  'teacher',
  'partner_with_consent',
  'parent',
];
const planEditors: readonly ActorName[] = ['consultant', 'school_ib', 'teacher'];
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
  {
    route: 'PUT /api/swv/oidc',
    targets: ['own'],
    request: () => ({
      url: '/api/swv/oidc',
      body: {
        issuer: 'https://login.example.test',
        clientId: 'passend',
        clientSecret: 'geheim',
        enabled: false,
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
  },
  {
    route: 'GET /api/swv',
    targets: ['own'],
    request: () => ({ url: '/api/swv' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
  },
  {
    route: 'PATCH /api/swv',
    targets: ['own'],
    request: () => ({ url: '/api/swv', body: { decisionWorkingDays: 10 } }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/boards',
    targets: ['own'],
    request: () => ({ url: '/api/boards' }),
    allow: { own: [...swvStaff, 'foreign_ib'] },
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
    route: 'POST /api/users/:id/reset-second-factor',
    targets: ['own', 'otherSwv'],
    request: (w, target) => ({
      url: `/api/users/${target === 'own' ? w.targetUser.id : w.users.foreign_ib.id}/reset-second-factor`,
    }),
    allow: { own: ['swv_admin'] },
  },
  {
    route: 'GET /api/schools/:schoolId/students',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/schools/${w.schoolFor(target).id}/students` }),
    allow: {
      own: ['consultant', 'school_ib', 'school_director', 'teacher', 'teacher_other_group'],
    },
    childData: true,
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
    request: (w, target) => ({
      url: `/api/students/${w.childFor(target).id}/support-level`,
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
    route: 'GET /api/home/schools/:schoolId/support-levels',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/home/schools/${w.schoolFor(target).id}/support-levels` }),
    allow: { own: ['school_ib', 'school_director'] },
    childData: true,
  },
  {
    route: 'GET /api/home/schools/:schoolId/own-groups',
    targets: ['own', 'otherSchool', 'otherSwv'],
    request: (w, target) => ({ url: `/api/home/schools/${w.schoolFor(target).id}/own-groups` }),
    allow: { own: ['teacher', 'teacher_other_group'] },
    childData: true,
  },
  {
    route: 'GET /api/home/team-schools',
    targets: ['own'],
    request: () => ({ url: '/api/home/team-schools' }),
    allow: { own: ['consultant'] },
  },
  {
    route: 'GET /api/home/evaluations-due',
    targets: ['own'],
    request: () => ({ url: '/api/home/evaluations-due' }),
    allow: { own: ['consultant'] },
    childData: 'ownSwv',
  },
  {
    route: 'GET /api/home/cases',
    targets: ['own'],
    request: () => ({ url: '/api/home/cases' }),
    allow: { own: ['partner_with_consent', 'partner_without_consent'] },
    childData: 'ownSwv',
  },
  {
    route: 'GET /api/home/children',
    targets: ['own'],
    request: () => ({ url: '/api/home/children' }),
    allow: { own: ['parent', 'parent_other_child'] },
    childData: 'ownSwv',
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
      body: { agrees: true, view: 'Akkoord.' },
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
    parent: await aUser(db, swv.id, [{ role: 'parent' }]),
    parent_other_child: await aUser(db, swv.id, [{ role: 'parent' }]),
    foreign_ib: await aUser(db, foreignSwv.id, [{ role: 'school_ib', schoolId: foreignSchool.id }]),
  };
  const targetUser = await aUser(db, swv.id, [{ role: 'committee' }]);
  const teamId = await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  const foreignTeamId = await aTeam(db, foreignSwv.id, [foreignSchool.id], []);
  const boardId = await aBoard(db, swv.id);
  const foreignBoardId = await aBoard(db, foreignSwv.id);
  const foreignPartner = await aPartnerOrganisation(db, foreignSwv.id, [foreignSchool.id]);
  const child = await aStudent(db, swv.id, school.id, { groupName: '5A' });
  const otherChild = await aStudent(db, swv.id, schoolOther.id, { groupName: '5A' });
  const foreignChild = await aStudent(db, foreignSwv.id, foreignSchool.id, { groupName: '5A' });
  await aGuardian(db, swv.id, child.id, users.parent.id);
  await aGuardian(db, swv.id, otherChild.id, users.parent_other_child.id);
  await aCaseMember(db, swv.id, child.id, users.partner_with_consent.id);
  await aCaseMember(db, swv.id, child.id, users.partner_without_consent.id);
  await aConsent(db, {
    swvId: swv.id,
    studentId: child.id,
    givenByUserId: users.parent.id,
    partnerOrganisationId: partnerWith,
  });
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
  };
  // Per child: an active plan, a case meeting with an action, and a consent that may be withdrawn
  // (for an arrangement, so withdrawing it leaves the partner's consent alone).
  const fileOf = async (swvId: string, studentId: string, staff: TestUser, parentUser: TestUser) => {
    await anActivePlan(db, { swvId, studentId, userId: staff.id });
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
    return { meeting, consentId };
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
  // One per actor per route that uses them: starting a plan; editing and evaluating one.
  const unused = { children: new Map<Target, string[]>(), plans: new Map<Target, string[]>() };
  for (const target of ['own', 'otherSchool', 'otherSwv'] as const) {
    const children: string[] = [];
    const freshPlans: string[] = [];
    for (let i = 0; i < actorNames.length; i++) children.push(await aChildLike(target));
    for (let i = 0; i < actorNames.length * 2; i++)
      freshPlans.push((await planOf(target, await aChildLike(target))).id);
    unused.children.set(target, children);
    unused.plans.set(target, freshPlans);
  }
  const take = (pool: Map<Target, string[]>, target: Target) => {
    const id = pool.get(target)?.shift();
    if (!id) throw new Error(`the authorization world ran out of fresh records for ${target}`);
    return id;
  };
  return {
    swv,
    school,
    schoolOther,
    foreignSchool,
    users,
    targetUser,
    teamId,
    foreignTeamId,
    boardId,
    foreignBoardId,
    partnerWith,
    foreignPartner,
    schoolFor,
    childFor: (target: Target) => ({ own: child, otherSchool: otherChild, otherSwv: foreignChild })[target],
    documentFor: (target: Target) => documents[target].id,
    meetingFor: (target: Target) => files[target].meeting,
    withdrawableConsentFor: (target: Target) => files[target].consentId,
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
    expect(cases.map((c) => c.route).sort()).toEqual(appRoutes);
  });

  it('serves the API documentation to anyone', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  for (const c of cases) {
    it(`${c.route}: only the allowed actors get through`, async () => {
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
});
