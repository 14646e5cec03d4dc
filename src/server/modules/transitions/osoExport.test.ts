// The OSO dossier export (docs/decisions/0030-oso-dossier-export.md): valid against the OSO 2019.1
// XSD for children with and without each part, with special characters and documents; only the
// consented parts; logged as an export; only for the sending side and, once handed over, the
// receiving side; another SWV's answers 404.
import { inflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aConsent,
  aDocument,
  aGuardian,
  anActivePlan,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { documentsForTests, type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { type OsoDossierInput, osoDossierXml, osoParts } from '../../../domain/osoExport.ts';
import { queryRows } from '../../db/client.ts';
import { absenceCase, consent, enrolment, planGoal, student } from '../../db/schema/index.ts';
import { crc32, zipOne } from '../../zip.ts';
import { loggableProblem, validateOsoDossier } from './osoExport.ts';

/** The one file of a ZIP that zipOne wrote: its name and content. */
function unzipOne(zip: Buffer): { name: string; content: Buffer } {
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  const compressed = zip.readUInt32LE(18);
  const nameLength = zip.readUInt16LE(26);
  const name = zip.subarray(30, 30 + nameLength).toString('utf8');
  const content = inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + compressed));
  expect(crc32(content)).toBe(zip.readUInt32LE(14));
  return { name, content };
}

const attachments = (xml: string) =>
  [
    ...xml.matchAll(
      /<bestandsnaam>([^<]*)<\/bestandsnaam>(?:<omschrijving>[^<]*<\/omschrijving>)?<bestandsinhoud>([^<]*)</g,
    ),
  ].map(([, fileName, packed]) => ({ fileName: fileName!, ...unzipOne(Buffer.from(packed!, 'base64')) }));

describe('the OSO dossier validates against the OSO 2019.1 XSD', () => {
  const pack = (fileName: string, content: string) =>
    zipOne(fileName, Buffer.from(content), new Date('2026-11-23T09:00:00Z')).toString('base64');
  const base = (overrides: Partial<OsoDossierInput>): OsoDossierInput => ({
    today: '2026-11-23',
    softwareVersion: '0.1.0',
    moveKind: 'po_vo',
    parts: [...osoParts],
    school: { name: 'Sint-Jozef & Co <basis>', locationCode: '12AB00', kind: 'bao' },
    child: {
      givenName: 'Zoë-Anaïs',
      familyNamePrefix: "d'",
      familyName: 'Ünal "Øster" & <Berg>',
      birthDate: '2014-04-12',
    },
    report: 'Eerste regel\nTweede regel met €, ß en 😀',
    parents: [
      { displayName: 'Ayşe Ünal', email: 'ayse@example.nl' },
      { displayName: 'Jan de Berg', email: '' },
    ],
    enrolments: [
      {
        schoolName: 'X',
        locationCode: '12AB00',
        groupName: 'groep 7',
        startedOn: '2019-08-19',
        endedOn: '2025-07-11',
      },
      { schoolName: 'X', locationCode: '34CD01', groupName: '', startedOn: '2025-08-18', endedOn: null },
    ],
    support: {
      level: 4,
      plan: {
        version: 1,
        startedOn: '2026-09-15',
        evaluationDueOn: '2027-03-15',
        hasDevelopmentPerspective: true,
        strengths: 's',
        needs: 'n',
        exitDestination: 'vmbo',
        goals: [
          { description: 'Leest <vlot>', target: '', targetDate: '2027-01-01', progress: '' },
          { description: 'Oud doel', target: '', targetDate: '2026-01-01', progress: '' },
        ],
        agreements: [],
      },
    },
    absence: [{ kind: 'absolute', startedOn: '2026-01-05', endedOn: null, withAttendanceOfficer: false }],
    documents: [
      { fileName: 'verslag één.pdf', title: 'Verslag & advies', packed: pack('verslag één.pdf', '%PDF') },
    ],
    ...overrides,
  });

  it('for every single part, all parts and none', () => {
    const choices = [[], [...osoParts], ...osoParts.map((part) => [part])];
    for (const parts of choices) expect(validateOsoDossier(osoDossierXml(base({ parts }), pack))).toEqual([]);
  });

  it('for a child with no plan, no enrolments, no absence, no documents, no report, no prefix and a non-PO-VO move', () => {
    const xml = osoDossierXml(
      base({
        moveKind: 'to_special',
        report: '',
        child: { givenName: 'Bo', familyNamePrefix: '', familyName: 'Li', birthDate: '2015-01-01' },
        enrolments: [],
        support: { level: 1, plan: null },
        absence: [],
        documents: [],
        parents: [],
      }),
      pack,
    );
    expect(validateOsoDossier(xml)).toEqual([]);
    expect(xml).not.toContain('<overigdocumentlijst>');
  });

  it('finds the problems of an invalid one, and logs them without the values they quote', () => {
    const xml = osoDossierXml(base({ school: { name: 'X', locationCode: '1xAB00', kind: 'bao' } }), pack);
    const problems = validateOsoDossier(xml);
    expect(problems.length).toBeGreaterThan(0);
    const logged = problems.map(loggableProblem);
    expect(JSON.stringify(logged)).not.toContain('1xAB');
    expect(logged[0]!.message).toContain("'…'");
    expect(validateOsoDossier('not xml')).not.toEqual([]);
  });
});

describe('GET /api/transitions/:id/oso-dossier', () => {
  let t: TestApp;
  const documents = documentsForTests();
  let swvId: string;
  let otherSwvId: string;
  let fromSchool: { id: string; locationCode: string };
  let toSchool: { id: string; locationCode: string };
  let parentUser: TestUser;
  let ibUser: TestUser;
  let ib: Agent;
  let receivingIb: Agent;
  let receivingDirector: Agent;
  let sendingConsultant: Agent;
  let otherConsultant: Agent;
  let teacher: Agent;
  let parent: Agent;
  let otherIb: Agent;

  beforeAll(async () => {
    t = await testApp({ documents });
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    otherSwvId = (await aSwv(db)).id;
    fromSchool = await aSchool(db, swvId);
    toSchool = await aSchool(db, swvId, { kind: 'sbo' });
    const otherSchool = await aSchool(db, otherSwvId);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId: fromSchool.id }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [fromSchool.id], [consultantUser.id]);
    const otherConsultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    ib = await signIn(t, ibUser);
    receivingIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: toSchool.id }]));
    receivingDirector = await signIn(
      t,
      await aUser(db, swvId, [{ role: 'school_director', schoolId: toSchool.id }]),
    );
    sendingConsultant = await signIn(t, consultantUser);
    otherConsultant = await signIn(t, otherConsultantUser);
    teacher = await signIn(
      t,
      await aUser(db, swvId, [{ role: 'teacher', schoolId: fromSchool.id, groups: ['8A'] }]),
    );
    parent = await signIn(t, parentUser);
    otherIb = await signIn(t, await aUser(db, otherSwvId, [{ role: 'school_ib', schoolId: otherSchool.id }]));
  });
  afterAll(() => t.close());

  async function aMove(options: { familyName?: string; givenName?: string } = {}) {
    const db = t.database.db;
    const child = await aStudent(db, swvId, fromSchool.id, { groupName: '8A', supportLevel: 3, ...options });
    await aGuardian(db, swvId, child.id, parentUser.id);
    await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      purpose: 'hand_over_to_school',
    });
    await db.insert(enrolment).values({
      swvId,
      id: uuidv7(),
      studentId: child.id,
      schoolId: fromSchool.id,
      groupName: '8A',
      startedOn: '2018-08-20',
    });
    const started = await ib.post(`/api/students/${child.id}/transitions`, {
      toLocationCode: toSchool.locationCode,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      report: 'Zoë heeft baat bij een rustige start & vaste plek.',
    });
    expect(started.statusCode).toBe(201);
    return { child, id: started.json().id as string };
  }
  const handOver = (id: string, parts: string[]) =>
    ib.post(`/api/transitions/${id}/steps`, { step: 'hand_over', parts });
  const dossier = (agent: Agent, id: string) => agent.get(`/api/transitions/${id}/oso-dossier`);

  it('exports exactly the consented parts, valid, with the documents zipped, logged as an export', async () => {
    const db = t.database.db;
    const { child, id } = await aMove({ givenName: 'Zoë', familyName: 'Ünal & <Berg> "Ø"' });
    const planId = await anActivePlan(db, {
      swvId,
      studentId: child.id,
      userId: ibUser.id,
      hasDevelopmentPerspective: true,
    });
    await db.insert(planGoal).values({
      swvId,
      id: uuidv7(),
      planId,
      position: 0,
      description: 'Leest AVI-E6 <vlot>',
      targetDate: '2027-02-01',
    });
    const doc = await aDocument(db, documents.keys, {
      swvId,
      studentId: child.id,
      uploadedByUserId: ibUser.id,
    });
    await aDocument(db, documents.keys, {
      swvId,
      studentId: child.id,
      uploadedByUserId: ibUser.id,
      classification: 'medical_psychological',
    });
    await db.insert(absenceCase).values({
      swvId,
      id: uuidv7(),
      studentId: child.id,
      municipality: 'Utrecht',
      kind: 'relative_long',
      startedOn: '2026-02-02',
      attendanceOfficerUserId: null,
      createdByUserId: ibUser.id,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const handed = await handOver(id, [
      'documents',
      'support',
      'child_and_parents',
      'school_career',
      'absence',
    ]);
    expect(handed.statusCode).toBe(200);
    expect(handed.json().handedOverParts).toEqual([...osoParts]);
    expect(handed.json().permissions.osoDossier).toBe(true);

    const response = await dossier(ib, id);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('filename="OSO-Zoe-Unal-Berg-2026-11-23.xml"');
    const xml = response.body;
    expect(validateOsoDossier(xml)).toEqual([]);
    expect(xml).toContain(
      '<achternaam>Ünal &amp; &lt;Berg&gt; &quot;Ø&quot;</achternaam><roepnaam>Zoë</roepnaam>',
    );
    expect(xml).toContain(`<brincode>${fromSchool.locationCode.slice(0, 4)}</brincode>`);
    expect(xml).toContain('<isgerichtop>Leest AVI-E6 &lt;vlot&gt;</isgerichtop>');
    expect(xml).toContain('<verzorger>');
    expect(xml).toContain('<schoolloopbaanlijst>');
    expect(xml).toContain('<verzuim><contactleerplicht>false</contactleerplicht>');
    const files = attachments(xml);
    // The report, the support text, the absence text and the one ordinary document: the medical one stays.
    expect(files.map((f) => f.fileName).sort()).toEqual(
      ['ondersteuning.txt', 'overdrachtsverslag.txt', 'verslag.pdf', 'verzuim.txt'].sort(),
    );
    expect(files.find((f) => f.fileName === 'verslag.pdf')!.content.equals(doc.content)).toBe(true);
    expect(files.find((f) => f.fileName === 'overdrachtsverslag.txt')!.content.toString()).toContain(
      'rustige start & vaste plek',
    );
    expect(files.find((f) => f.fileName === 'ondersteuning.txt')!.content.toString()).toContain(
      'Ondersteuningsniveau: 3',
    );

    const log = await queryRows<{ action: string; part: string; outcome: string }>(
      db,
      sql`select action, part, outcome from access_log where swv_id = ${swvId} and student_id = ${child.id}
          and object_type = 'transition' order by seq desc limit 1`,
    );
    expect(log[0]).toEqual({ action: 'export', part: 'oso_dossier', outcome: 'allowed' });
  });

  it('leaves out what the parents did not consent to', async () => {
    const { child, id } = await aMove();
    await aDocument(t.database.db, documents.keys, {
      swvId,
      studentId: child.id,
      uploadedByUserId: ibUser.id,
    });
    expect((await handOver(id, [])).statusCode).toBe(200);
    const xml = (await dossier(ib, id)).body;
    expect(validateOsoDossier(xml)).toEqual([]);
    for (const block of ['<verzorger>', '<schoolloopbaanlijst>', '<onderwijsondersteuning>', '<verzuim>'])
      expect(xml).not.toContain(block);
    expect(attachments(xml).map((f) => f.fileName)).toEqual(['overdrachtsverslag.txt']);
    expect(xml).toContain('<cat_bijlagedocs>VERPLICHT</cat_bijlagedocs>');
    expect(xml).toContain('<cat_oudersverzorgers>VERBODEN</cat_oudersverzorgers>');
  });

  it('is for the sending IB’er and consultant, and for the receiving school’s IB’er once handed over', async () => {
    const { id } = await aMove();
    expect((await dossier(ib, id)).json().error.details.rule).toBe('not_handed_over');
    expect((await dossier(receivingIb, id)).statusCode).toBe(403);
    expect((await handOver(id, ['support'])).statusCode).toBe(200);
    expect((await dossier(ib, id)).statusCode).toBe(200);
    expect((await dossier(sendingConsultant, id)).statusCode).toBe(200);
    expect((await dossier(receivingIb, id)).statusCode).toBe(200);
    const view = await receivingIb.get(`/api/transitions/${id}`);
    expect(view.json().permissions.osoDossier).toBe(true);
    expect(view.json().handedOverParts).toEqual(['support']);
    expect((await dossier(receivingDirector, id)).statusCode).toBe(403);
    expect((await dossier(otherConsultant, id)).statusCode).toBe(403);
    expect((await dossier(teacher, id)).statusCode).toBe(403);
    expect((await dossier(parent, id)).statusCode).toBe(403);
    expect((await dossier(otherIb, id)).statusCode).toBe(404);
    expect((await dossier(ib, uuidv7())).statusCode).toBe(404);
    expect((await dossier(ib, 'not-an-id')).statusCode).toBe(400);
  });

  it('is refused once the parents withdrew their consent', async () => {
    const { child, id } = await aMove();
    expect((await handOver(id, ['school_career'])).statusCode).toBe(200);
    await t.database.db
      .update(consent)
      .set({ withdrawnAt: new Date('2026-11-01T00:00:00Z') })
      .where(sql`${consent.studentId} = ${child.id}`);
    const refused = await dossier(ib, id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('hand_over_consent_not_in_force');
  });

  it('answers an export that would not be valid with a clear 422, never a 5xx', async () => {
    const { child, id } = await aMove();
    expect((await handOver(id, [])).statusCode).toBe(200);
    // A family name Passend should never hold empty: the dossier's achternaam is mandatory.
    await t.database.db.update(student).set({ familyName: '' }).where(sql`${student.id} = ${child.id}`);
    const refused = await dossier(ib, id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('oso_dossier_invalid');
  });

  it('takes only known parts at the hand-over', async () => {
    const { id } = await aMove();
    const bad = await handOver(id, ['everything']);
    expect(bad.statusCode).toBe(400);
    const view = await ib.get(`/api/transitions/${id}`);
    expect(view.json().handedOverOn).toBeNull();
  });
});
