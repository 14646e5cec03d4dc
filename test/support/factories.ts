// Small factories: each test builds the little data it needs, in its own SWV, so tests never
// see each other's rows (and the append-only access log never needs truncating).
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AgreementOwner, DocumentClassification } from '../../src/domain/childFile.ts';
import type { ConsentPurpose } from '../../src/domain/consent.ts';
import type { SchoolKind } from '../../src/domain/organisation.ts';
import type { RequestState } from '../../src/domain/requests.ts';
import { type Role, requiresSecondFactor } from '../../src/domain/roles.ts';
import { genesisHash } from '../../src/server/access/accessLog.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { type SealedSecret, type SecretKind, sealSecret } from '../../src/server/auth/secrets.ts';
import { currentTotp, newTotpSecret } from '../../src/server/auth/totp.ts';
import type { Queryable } from '../../src/server/db/client.ts';
import {
  accessLogHead,
  appUser,
  arrangementBudget,
  board,
  caseMeeting,
  caseMeetingAction,
  caseMember,
  consent,
  document,
  membership,
  partnerOrganisation,
  partnerSchool,
  plan,
  planAgreement,
  planGoal,
  planParentResponse,
  requestType,
  school,
  student,
  studentGuardian,
  supportRequest,
  swv,
  swvOidc,
  team,
  teamMember,
  teamSchool,
} from '../../src/server/db/schema/index.ts';
import { writeChunks } from '../../src/server/modules/documents/chunks.ts';
import { type KeyRing, newDocumentKey, sealDocument } from '../../src/server/modules/documents/encryption.ts';
import { readActionPart } from '../../src/server/modules/plans/plans.queries.ts';
import { startRequestCatalogue } from '../../src/server/modules/requests/requests.commands.ts';
import type { TestApp } from './testApp.ts';

export const testPassword = 'correct horse battery staple 42';

/**
 * The factories seal secrets (TOTP, OIDC client secrets) with this key; every test app holds it as
 * an older key of its ring (withFixtureKey), as a real installation holds a key it rotates away from.
 */
export const fixtureKey = newDocumentKey('test-fixtures');

export function withFixtureKey(keys: KeyRing): KeyRing {
  return { current: keys.current, byId: new Map([...keys.byId, [fixtureKey.id, fixtureKey.key]]) };
}

/** A secret as the server stores it, sealed with the fixture key. */
export function aSealedSecret(kind: SecretKind, ownerId: string, plaintext: string): SealedSecret {
  return sealSecret({ current: fixtureKey, byId: new Map() }, kind, ownerId, plaintext);
}
let testPasswordHash: Promise<string> | null = null;

const unique = () => randomBytes(4).toString('hex');

export async function aSwv(db: Queryable, overrides: Partial<typeof swv.$inferInsert> = {}) {
  const id = uuidv7();
  const code = String(Math.floor(Math.random() * 90) + 10);
  const [row] = await db
    .insert(swv)
    .values({
      id,
      name: `SWV ${unique()}`,
      registerCode: `PO ${code}.${unique()}`,
      sector: 'PO',
      holidayRegion: 'midden',
      ...overrides,
    })
    .returning();
  await db.insert(accessLogHead).values({ swvId: id, seq: 0, hash: genesisHash });
  await startRequestCatalogue(db, id, row!.sector);
  return row!;
}

let locationCounter = 0;
export async function aSchool(
  db: Queryable,
  swvId: string,
  overrides: { kind?: SchoolKind; name?: string } = {},
) {
  locationCounter = (locationCounter + 1) % 100;
  const brin = `${String(Math.floor(Math.random() * 90) + 10)}${randomLetters(2)}`;
  const [row] = await db
    .insert(school)
    .values({
      swvId,
      id: uuidv7(),
      brin,
      locationCode: `${brin}${String(locationCounter).padStart(2, '0')}`,
      name: overrides.name ?? `Basisschool ${unique()}`,
      kind: overrides.kind ?? 'bao',
      wijk: 'Noordwest',
      municipality: 'Utrecht',
    })
    .returning();
  return row!;
}

function randomLetters(n: number): string {
  return Array.from(randomBytes(n), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

export type MembershipSpec =
  | { role: Exclude<Role, 'school_ib' | 'school_director' | 'teacher' | 'partner'> }
  | { role: 'school_ib' | 'school_director'; schoolId: string }
  | { role: 'teacher'; schoolId: string; groups: string[] }
  | { role: 'partner'; partnerOrganisationId: string };

export type TestUser = {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
  swvId: string | null;
};

/** A user with the given memberships; roles that need a second factor get one, as the login demands. */
export async function aUser(
  db: Queryable,
  swvId: string | null,
  memberships: MembershipSpec[],
  options: { withSecondFactor?: boolean; now?: Date; displayName?: string } = {},
): Promise<TestUser> {
  testPasswordHash ??= hashPassword(testPassword);
  const id = uuidv7();
  const email = `user-${unique()}@example.test`;
  const needsTotp = options.withSecondFactor ?? requiresSecondFactor(memberships.map((m) => m.role));
  const totpSecret = needsTotp ? newTotpSecret() : null;
  const sealed = totpSecret ? aSealedSecret('totp', id, totpSecret) : null;
  await db.insert(appUser).values({
    id,
    swvId,
    email,
    displayName: options.displayName ?? `Test ${memberships.map((m) => m.role).join('+')} ${unique()}`,
    passwordHash: await testPasswordHash,
    totpSecret: sealed?.sealed ?? null,
    totpSecretKeyId: sealed?.keyId ?? null,
    totpEnabledAt: totpSecret ? (options.now ?? new Date()) : null,
  });
  if (memberships.length) {
    await db.insert(membership).values(
      memberships.map((m) => ({
        id: uuidv7(),
        swvId,
        userId: id,
        role: m.role,
        schoolId: 'schoolId' in m ? m.schoolId : null,
        groups: 'groups' in m ? m.groups : [],
        partnerOrganisationId: 'partnerOrganisationId' in m ? m.partnerOrganisationId : null,
      })),
    );
  }
  return { id, email, password: testPassword, totpSecret, swvId };
}

/** The SWV's single sign-on settings, the client secret sealed as the server stores it. */
export async function anOidcProvider(
  db: Queryable,
  swvId: string,
  settings: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    enabled?: boolean;
    providerEnforcesMfa?: boolean;
  },
) {
  const { sealed, keyId } = aSealedSecret('oidc-client', swvId, settings.clientSecret);
  await db.insert(swvOidc).values({
    swvId,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: sealed,
    clientSecretKeyId: keyId,
    enabled: settings.enabled ?? true,
    providerEnforcesMfa: settings.providerEnforcesMfa ?? false,
  });
}

export async function aTeam(db: Queryable, swvId: string, schoolIds: string[], memberIds: string[]) {
  const teamId = uuidv7();
  await db.insert(team).values({ swvId, id: teamId, name: `Team ${unique()}`, wijk: 'Noordwest' });
  if (schoolIds.length)
    await db.insert(teamSchool).values(schoolIds.map((schoolId) => ({ swvId, teamId, schoolId })));
  if (memberIds.length)
    await db.insert(teamMember).values(memberIds.map((userId) => ({ swvId, teamId, userId })));
  return teamId;
}

export async function aBoard(db: Queryable, swvId: string) {
  const id = uuidv7();
  const code = String(10_000 + (randomBytes(2).readUInt16BE() % 90_000));
  await db.insert(board).values({ swvId, id, code, name: `Stichting ${unique()}` });
  return id;
}

export async function aPartnerOrganisation(db: Queryable, swvId: string, schoolIds: string[] = []) {
  const id = uuidv7();
  await db
    .insert(partnerOrganisation)
    .values({ swvId, id, name: `Buurtteam ${unique()}`, kind: 'buurtteam' });
  if (schoolIds.length) {
    await db
      .insert(partnerSchool)
      .values(schoolIds.map((schoolId) => ({ swvId, partnerOrganisationId: id, schoolId })));
  }
  return id;
}

/** A leerplicht organisation serving the children resident in `municipality` (docs/domain.md). */
export async function anAttendanceOrganisation(db: Queryable, swvId: string, municipality = 'Utrecht') {
  const id = uuidv7();
  await db
    .insert(partnerOrganisation)
    .values({ swvId, id, name: `Leerplicht ${unique()}`, kind: 'leerplicht', municipality });
  return id;
}

export async function aStudent(
  db: Queryable,
  swvId: string,
  schoolId: string,
  overrides: { groupName?: string; familyName?: string; givenName?: string; supportLevel?: number } = {},
) {
  const [row] = await db
    .insert(student)
    .values({
      swvId,
      id: uuidv7(),
      schoolId,
      givenName: overrides.givenName ?? 'Sanne',
      familyName: overrides.familyName ?? `de Vries ${unique()}`,
      birthDate: '2016-04-12',
      groupName: overrides.groupName ?? '5A',
      supportLevel: overrides.supportLevel ?? 1,
    })
    .returning();
  return row!;
}

export async function aGuardian(db: Queryable, swvId: string, studentId: string, userId: string) {
  await db.insert(studentGuardian).values({ swvId, studentId, userId });
}

type CaseMemberOverrides = Partial<
  Pick<typeof caseMember.$inferInsert, 'role' | 'reason' | 'validFrom' | 'validUntil' | 'endedAt'>
>;

/** A person on the child's case team, in force from well before the test clock's day. */
export async function aCaseMember(
  db: Queryable,
  swvId: string,
  studentId: string,
  userId: string,
  overrides: CaseMemberOverrides = {},
) {
  return aCaseTeamRow(db, { swvId, studentId, userId, ...overrides });
}

/** A whole partner organisation on the child's case team: every partner user of it counts. */
export async function anOrganisationOnCase(
  db: Queryable,
  swvId: string,
  studentId: string,
  partnerOrganisationId: string,
  overrides: CaseMemberOverrides = {},
) {
  return aCaseTeamRow(db, { swvId, studentId, partnerOrganisationId, ...overrides });
}

async function aCaseTeamRow(
  db: Queryable,
  values: Omit<typeof caseMember.$inferInsert, 'id' | 'role' | 'reason' | 'validFrom'> & CaseMemberOverrides,
) {
  const id = uuidv7();
  await db.insert(caseMember).values({
    id,
    role: 'jeugdverpleegkundige',
    reason: 'Zorgen over de ontwikkeling',
    validFrom: '2026-01-01',
    ...values,
  });
  return id;
}

export async function aConsent(
  db: Queryable,
  input: {
    swvId: string;
    studentId: string;
    givenByUserId: string;
    purpose?: ConsentPurpose;
    partnerOrganisationId?: string | null;
    givenOn?: string;
    expiresOn?: string | null;
    withdrawnAt?: Date | null;
  },
) {
  const id = uuidv7();
  await db.insert(consent).values({
    id,
    swvId: input.swvId,
    studentId: input.studentId,
    purpose: input.purpose ?? 'share_with_partner',
    partnerOrganisationId: input.partnerOrganisationId ?? null,
    givenByUserId: input.givenByUserId,
    givenOn: input.givenOn ?? '2026-09-01',
    expiresOn: input.expiresOn ?? null,
    withdrawnAt: input.withdrawnAt ?? null,
  });
  return id;
}

/** A signed-in HTTP client: keeps the session cookie and sends the CSRF token. */
export class Agent {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(private readonly t: TestApp) {}

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    // Bytes are a file upload; anything else goes as JSON.
    if (Buffer.isBuffer(body)) headers['content-type'] = 'application/octet-stream';
    const response = await this.t.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const setCookie = response.cookies.find((c) => c.name === '__Host-passend');
    if (setCookie) this.cookie = setCookie.value ? `__Host-passend=${setCookie.value}` : null;
    const json = response.headers['content-type']?.toString().includes('json') ? response.json() : null;
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrfToken = String(json.csrfToken);
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
}

/** Sets the first password of a new account through the activation route; answers the status. */
export async function activate(t: TestApp, token: string, password: string): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/activate',
    payload: { token, password },
  });
  return response.statusCode;
}

/** Signs the user in through the real routes, second factor included. */
export async function signIn(t: TestApp, user: TestUser): Promise<Agent> {
  const agent = new Agent(t);
  const login = await agent.post('/api/auth/login', { email: user.email, password: user.password });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  if (login.json().stage === 'second_factor') {
    // Each code is accepted once: move the clock to a fresh time step first.
    t.clock.advance(30_000);
    const code = currentTotp(user.totpSecret!, t.clock.now);
    const second = await agent.post('/api/auth/second-factor', { code });
    if (second.statusCode !== 200)
      throw new Error(`second factor failed: ${second.statusCode} ${second.body}`);
  }
  return agent;
}

/** A document stored as the upload stores it: sealed under `keys` (the app's document keys). */
export async function aDocument(
  db: Queryable,
  keys: KeyRing,
  input: {
    swvId: string;
    studentId: string;
    uploadedByUserId: string;
    classification?: DocumentClassification;
    sharedWithParents?: boolean;
    content?: Buffer;
  },
) {
  const id = uuidv7();
  const content = input.content ?? Buffer.from(`%PDF-1.4\n% ${unique()}\n%%EOF\n`);
  const sealed = await sealDocument(keys, { swvId: input.swvId, documentId: id }, content);
  await db.insert(document).values({
    swvId: input.swvId,
    id,
    studentId: input.studentId,
    title: 'Verslag',
    fileName: 'verslag.pdf',
    mediaType: 'application/pdf',
    sizeBytes: content.length,
    classification: input.classification ?? 'ordinary',
    sharedWithParents: input.sharedWithParents ?? false,
    sha256: sealed.sha256,
    keyId: sealed.keyId,
    iv: sealed.iv,
    authTag: sealed.authTag,
    state: 'stored',
    contentVersion: 1,
    uploadedByUserId: input.uploadedByUserId,
    uploadedAt: new Date(),
  });
  await writeChunks(db, { swvId: input.swvId, documentId: id, contentVersion: 1 }, sealed.ciphertext);
  return { id, content };
}

// --- the child's file: case meetings and consent (casefile) ----------------------------------

/** An active plan version for the child, written directly (the plan's own routes are not needed). */
export async function anActivePlan(
  db: Queryable,
  input: { swvId: string; studentId: string; userId: string; hasDevelopmentPerspective?: boolean },
) {
  const id = uuidv7();
  const now = new Date('2026-09-15T10:00:00Z');
  await db.insert(plan).values({
    swvId: input.swvId,
    id,
    studentId: input.studentId,
    version: 1,
    hasDevelopmentPerspective: input.hasDevelopmentPerspective ?? false,
    evaluationDueOn: '2027-03-15',
    createdByUserId: input.userId,
    createdAt: now,
    updatedByUserId: input.userId,
    updatedAt: now,
  });
  return id;
}

/** A parent's agreement (or not) with a plan version; from paper when parentUserId is null. */
export async function aParentResponse(
  db: Queryable,
  input: {
    swvId: string;
    planId: string;
    parentUserId: string | null;
    parentName?: string;
    agrees: boolean;
    respondedAt: Date;
    recordedByUserId: string;
    amendment?: number;
  },
) {
  const [row] = await db.select().from(plan).where(eq(plan.id, input.planId));
  await db.insert(planParentResponse).values({
    swvId: input.swvId,
    id: uuidv7(),
    planId: input.planId,
    parentUserId: input.parentUserId,
    parentName: input.parentName ?? 'Ouder',
    agrees: input.agrees,
    respondedAt: input.respondedAt,
    recordedByUserId: input.recordedByUserId,
    // The answer keeps the action part as it stands, as the service stores it.
    amendment: input.amendment ?? 0,
    actionPart: await readActionPart(db, row!),
  });
}

/** A case meeting with its actions; returns the meeting id and the action ids in order. */
export async function aCaseMeeting(
  db: Queryable,
  input: {
    swvId: string;
    studentId: string;
    createdByUserId: string;
    actions?: { action: string; owner: AgreementOwner }[];
  },
) {
  const id = uuidv7();
  await db.insert(caseMeeting).values({
    swvId: input.swvId,
    id,
    studentId: input.studentId,
    kind: 'mdo',
    heldOn: '2026-11-02',
    participants: [{ name: 'Ineke de Boer', role: 'intern begeleider' }],
    notes: 'Besproken: lezen en rekenen.',
    createdByUserId: input.createdByUserId,
    createdAt: new Date('2026-11-02T14:00:00Z'),
  });
  const actionIds = (input.actions ?? []).map(() => uuidv7());
  if (actionIds.length) {
    await db.insert(caseMeetingAction).values(
      (input.actions ?? []).map((a, index) => ({
        swvId: input.swvId,
        id: actionIds[index]!,
        meetingId: id,
        position: index + 1,
        action: a.action,
        owner: a.owner,
      })),
    );
  }
  return { id, actionIds };
}

// --- plans -----------------------------------------------------------------------------------

/** A plan version of the child, by default active with one goal and one agreement of the school. */
export async function aPlan(
  db: Queryable,
  input: {
    swvId: string;
    studentId: string;
    byUserId: string;
    version?: number;
    status?: 'active' | 'closed';
    hasDevelopmentPerspective?: boolean;
    createdAt?: Date;
    evaluationDueOn?: string;
    agreements?: { owner?: AgreementOwner; partnerOrganisationId?: string | null; done?: boolean }[];
  },
) {
  const id = uuidv7();
  const at = input.createdAt ?? new Date('2026-09-01T08:00:00Z');
  const closed = input.status === 'closed';
  await db.insert(plan).values({
    swvId: input.swvId,
    id,
    studentId: input.studentId,
    version: input.version ?? 1,
    status: input.status ?? 'active',
    needs: 'Heeft nodig: korte instructie en een vaste plek.',
    hasDevelopmentPerspective: input.hasDevelopmentPerspective ?? false,
    evaluationDueOn: input.evaluationDueOn ?? '2027-03-01',
    evaluatedOn: closed ? '2026-10-01' : null,
    evaluation: closed ? 'Goed op weg.' : null,
    evaluatedWithParents: closed ? true : null,
    createdByUserId: input.byUserId,
    createdAt: at,
    updatedByUserId: input.byUserId,
    updatedAt: at,
  });
  const goalId = uuidv7();
  await db.insert(planGoal).values({
    swvId: input.swvId,
    id: goalId,
    planId: id,
    position: 0,
    description: 'Leest vlot een tekst van AVI E4',
    baseline: 'AVI M4',
    target: 'AVI E4',
    targetDate: '2027-02-01',
  });
  const agreements = (input.agreements ?? [{}]).map((a, position) => ({
    swvId: input.swvId,
    id: uuidv7(),
    planId: id,
    position,
    action: `Afspraak ${position + 1}`,
    owner: a.owner ?? ('school' as const),
    partnerOrganisationId: a.partnerOrganisationId ?? null,
    done: a.done ?? false,
  }));
  if (agreements.length) await db.insert(planAgreement).values(agreements);
  return { id, goalId, agreementIds: agreements.map((a) => a.id) };
}

/** The id of a type in the SWV's catalogue, by its code (e.g. "arrangement"). */
export async function aRequestTypeId(db: Queryable, swvId: string, code: string): Promise<string> {
  const [type] = await db
    .select({ id: requestType.id })
    .from(requestType)
    .where(and(eq(requestType.swvId, swvId), eq(requestType.code, code)));
  if (!type) throw new Error(`no request type ${code}`);
  return type.id;
}

let requestCounter = 0;
/** A child's request in a given state, written directly (a decided one granted, from 1 December). */
export async function aRequest(
  db: Queryable,
  input: {
    swvId: string;
    schoolId: string;
    studentId: string | null;
    byUserId: string;
    state: RequestState;
    code?: string;
  },
) {
  const id = uuidv7();
  const decided = ['decided', 'in_progress', 'evaluated', 'closed'].includes(input.state);
  const complete = decided || input.state === 'complete' || input.state === 'in_review';
  await db.insert(supportRequest).values({
    swvId: input.swvId,
    id,
    number: `T-${requestCounter++}-${unique()}`,
    typeId: await aRequestTypeId(db, input.swvId, input.code ?? 'arrangement'),
    schoolId: input.schoolId,
    studentId: input.studentId,
    state: input.state,
    requestedByUserId: input.byUserId,
    completeOn: complete ? '2026-11-16' : null,
    deadlineOn: complete ? '2026-11-30' : null,
    outcome: decided ? 'granted' : null,
    decidedOn: decided ? '2026-11-20' : null,
    periodFrom: decided ? '2026-12-01' : null,
    periodUntil: decided ? '2027-06-30' : null,
  });
  return id;
}

/** The SWV's budget for arrangements in a school year ("2026-2027"). */
export async function aRequestBudget(db: Queryable, swvId: string, schoolYear: string, amountCents: number) {
  await db.insert(arrangementBudget).values({ swvId, schoolYear, amountCents });
}
