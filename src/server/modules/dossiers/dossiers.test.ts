// The OSO import through the web routes: the preview writes nothing, applying writes the entries,
// the documents (encrypted, classified) and one access-log row on the child; the same dossier again
// adds nothing; a child is chosen when the match is not certain, or created; a 2017, hostile, too
// large or other school's dossier answers one clear error and writes nothing; and the child's tab
// leaves a secret address out for those who may not see it.
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { osoMaxBytes } from '../../../domain/oso.ts';
import { queryRows } from '../../db/client.ts';
import { school as schoolTable, student as studentTable } from '../../db/schema/index.ts';
import { stopOsoWorker } from './osoInWorker.ts';

const example = (name: string) =>
  readFileSync(new URL(`../../../../test/support/files/oso/${name}`, import.meta.url), 'utf8');
const paoText = example('Voorbeelddossier_PaO_POSWV_full.xml');
const ovText = example('Voorbeelddossier_OV_POVO_full.xml');
const v2017 = Buffer.from(example('Voorbeelddossier_2017.1_PaO_POSWV_full.xml'));
/** The example with the mother's (Tanja's) address made secret, as a school system marks it. */
const paoSecret = Buffer.from(
  paoText.replace(/(<voornaam>Tanja<\/voornaam>[\s\S]*?<adresgeheim>)false(<\/adresgeheim>)/, '$1true$2'),
);
/** Tanja's address: Hofstraat 52-54, 7311KD (the father lives in the same street, at 117, 7311KT). */
const tanjaPostcode = /<voornaam>Tanja<\/voornaam>[\s\S]*?<postcode>([^<]+)<\/postcode>/.exec(paoText)![1]!;

async function world(t: TestApp) {
  const db = t.database.db;
  const swv = await aSwv(db);
  const school = await aSchool(db, swv.id);
  // The official examples' school: BRIN 00YY, vestiging 00.
  await db
    .update(schoolTable)
    .set({ brin: '00YY', locationCode: '00YY00' })
    .where(eq(schoolTable.id, school.id));
  const otherSchool = await aSchool(db, swv.id);
  const partnerOrg = await aPartnerOrganisation(db, swv.id, [school.id]);
  const users = {
    ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
    consultant: await aUser(db, swv.id, [{ role: 'consultant' }]),
    teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['8A'] }]),
    partner: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerOrg }]),
    parent: await aUser(db, swv.id, [{ role: 'parent' }]),
    otherIb: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: otherSchool.id }]),
    admin: await aUser(db, swv.id, [{ role: 'swv_admin' }]),
  };
  await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  const agents = {} as Record<keyof typeof users, Agent>;
  for (const [name, user] of Object.entries(users))
    agents[name as keyof typeof users] = await signIn(t, user);
  return { swv, school, otherSchool, partnerOrg, users, agents };
}

type World = Awaited<ReturnType<typeof world>>;

function send(t: TestApp, agent: Agent, schoolId: string, body: Buffer, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/schools/${schoolId}/oso-import${query}`,
    headers: { cookie: agent.cookie!, 'x-csrf-token': agent.csrfToken!, 'content-type': 'application/xml' },
    payload: body,
  });
}

async function countsOf(t: TestApp, studentId: string) {
  const [row] = await queryRows<{ entries: number; documents: number; dossiers: number }>(
    t.database.db,
    sql`select (select count(*)::int from oso_entry where student_id = ${studentId}) as entries,
               (select count(*)::int from document where student_id = ${studentId}) as documents,
               (select count(*)::int from oso_dossier where student_id = ${studentId}) as dossiers`,
  );
  return row!;
}

async function everything(t: TestApp) {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select (select count(*) from oso_entry) + (select count(*) from oso_dossier) + (select count(*) from oso_attachment) as n`,
  );
  return Number(row!.n);
}

describe('importing an OSO dossier', () => {
  let t: TestApp;
  let w: World;
  let child: { id: string };

  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    // The child as the roster import made it: the school system's key, another first name.
    const made = await aStudent(t.database.db, w.swv.id, w.school.id, {
      givenName: 'Björn',
      familyName: 'Berg',
      groupName: '8A',
    });
    await t.database.db
      .update(studentTable)
      .set({ familyNamePrefix: 'van de', birthDate: '2003-03-17', schoolKey: 'LN094837' })
      .where(eq(studentTable.id, made.id));
    child = made;
    await aGuardian(t.database.db, w.swv.id, child.id, w.users.parent.id);
    await aCaseMember(t.database.db, w.swv.id, child.id, w.users.partner.id);
    await aConsent(t.database.db, {
      swvId: w.swv.id,
      studentId: child.id,
      givenByUserId: w.users.parent.id,
      partnerOrganisationId: w.partnerOrg,
    });
  });
  afterAll(async () => {
    await stopOsoWorker();
    await t.close();
  });

  it('previews the PaO example for the child matched by key and birth date, writing nothing', async () => {
    const response = await send(t, w.agents.ib, w.school.id, paoSecret);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      applied: false,
      dossier: {
        kind: 'swv-dossier',
        handOver: 'pao',
        transfer: 'POSWV',
        sendingSchool: { locationCode: '00YY00' },
      },
      pupil: { name: 'Daan van de Berg', birthDate: '2003-03-17', schoolKey: 'LN094837' },
      match: { certainty: 'certain', by: 'school_key' },
      child: { id: child.id, created: false },
      alreadyImported: false,
      counts: {
        contacts: { added: 6, changed: 0, unchanged: 0 },
        career: { added: 10 },
        results: { added: 5 },
        support: { added: 10 },
        documents: { added: 3, known: 0, refused: 11 },
      },
    });
    expect(body.attachments.find((a: { fileName: string }) => a.fileName === 'groepsplan.txt')).toMatchObject(
      {
        status: 'refused',
        problem: 'unknown_type',
      },
    );
    expect(await countsOf(t, child.id)).toEqual({ entries: 0, documents: 0, dossiers: 0 });
  });

  it('applies it: entries, documents encrypted and classified, one create row on the child', async () => {
    const response = await send(t, w.agents.ib, w.school.id, paoSecret, '?apply=true');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ applied: true, child: { id: child.id } });
    expect(await countsOf(t, child.id)).toEqual({ entries: 31, documents: 3, dossiers: 1 });
    const documents = await queryRows<{
      title: string;
      classification: string;
      media_type: string;
      chunks: number;
    }>(
      t.database.db,
      sql`select d.title, d.classification, d.media_type,
                 (select count(*)::int from document_chunk c where c.document_id = d.id) as chunks
            from document d where d.student_id = ${child.id} order by d.title`,
    );
    expect(documents.map((d) => [d.title, d.classification])).toEqual([
      ['diagram leerresultaten', 'ordinary'],
      ['drempelonderzoek technisch lezen', 'ordinary'],
      ['ontwikkelingsperspectiefplan', 'ordinary'],
    ]);
    expect(documents.every((d) => d.chunks > 0)).toBe(true);
    // Encrypted at rest: the stored chunks are not the JPEG's bytes.
    const [chunk] = await queryRows<{ head: string }>(
      t.database.db,
      sql`select encode(substring(c.bytes from 1 for 3), 'hex') as head from document_chunk c
            join document d on d.id = c.document_id where d.media_type = 'image/jpeg' and d.student_id = ${child.id}`,
    );
    expect(chunk!.head).not.toBe('ffd8ff');
    const log = await queryRows<{ action: string; object_type: string; outcome: string; actor_role: string }>(
      t.database.db,
      sql`select action, object_type, outcome, actor_role from access_log
           where student_id = ${child.id} and request_id = ${response.headers['x-request-id'] as string}`,
    );
    expect(log).toEqual([
      { action: 'create', object_type: 'oso_dossier', outcome: 'allowed', actor_role: 'school_ib' },
    ]);
    // Downloadable as any document, decrypted to the original.
    const list = await w.agents.ib.get(`/api/students/${child.id}/documents`);
    const jpeg = list.json().documents.find((d: { mediaType: string }) => d.mediaType === 'image/jpeg');
    const download = await w.agents.ib.get(`/api/documents/${jpeg.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('adds nothing when the same dossier is imported again', async () => {
    const before = await countsOf(t, child.id);
    const preview = (await send(t, w.agents.ib, w.school.id, paoSecret)).json();
    expect(preview).toMatchObject({
      alreadyImported: true,
      counts: { contacts: { added: 0, changed: 0, unchanged: 6 }, documents: { added: 0, known: 3 } },
    });
    expect((await send(t, w.agents.ib, w.school.id, paoSecret, '?apply=true')).statusCode).toBe(200);
    expect(await countsOf(t, child.id)).toEqual(before);
  });

  it('adds only what is new from the OV dossier of the same child, by the keys the dossier names', async () => {
    // The OV example repeats the PaO one and adds the final test and its report; imported at a
    // receiving school it would be refused here (sent by this school), so the PaO kind is kept.
    const ovAsPao = Buffer.from(
      ovText.replace(
        '<overdrachtsoort>overstapdossier</overdrachtsoort>',
        '<overdrachtsoort>swv-dossier</overdrachtsoort>',
      ),
    );
    const preview = (await send(t, w.agents.ib, w.school.id, ovAsPao)).json();
    expect(preview.counts.results).toEqual({ added: 1, changed: 0, unchanged: 5 });
    expect(preview.counts.career).toEqual({ added: 0, changed: 0, unchanged: 10 });
    expect(preview.counts.documents).toEqual({ added: 1, known: 3, refused: 11 });
  });

  it('leaves a secret address out for the teacher, the partner and the parent; the IB’er and the consultant see it', async () => {
    const tanjaOf = async (agent: Agent) => {
      const response = await agent.get(`/api/students/${child.id}/oso-dossier`);
      expect(response.statusCode).toBe(200);
      return { body: response.json(), raw: response.body };
    };
    for (const agent of [w.agents.ib, w.agents.consultant]) {
      const { body, raw } = await tanjaOf(agent);
      const tanja = body.contacts.find((c: { givenName: string }) => c.givenName === 'Tanja');
      expect(tanja.addressHidden).toBe(false);
      expect(tanja.addresses).toHaveLength(1);
      expect(raw).toContain(tanjaPostcode);
      expect(raw).toContain('geheim@geheim.geheim');
      expect(body.results.map((r: { testCode: string }) => r.testCode)).toContain('WISC3NL2005');
      expect(body.support.map((s: { kind: string }) => s.kind)).toContain('diagnosis');
    }
    for (const agent of [w.agents.teacher, w.agents.partner, w.agents.parent]) {
      const { body, raw } = await tanjaOf(agent);
      const tanja = body.contacts.find((c: { givenName: string }) => c.givenName === 'Tanja');
      expect(tanja).toMatchObject({ addressHidden: true, addresses: [] });
      // Not in the answer at all, nor the secret e-mail address.
      expect(raw).not.toContain(tanjaPostcode);
      expect(raw).not.toContain('geheim@geheim.geheim');
      // Intelligence tests and diagnoses are medical-psychological: left out, counted.
      expect(body.results.map((r: { testCode: string }) => r.testCode)).not.toContain('WISC3NL2005');
      expect(body.support.map((s: { kind: string }) => s.kind)).not.toContain('diagnosis');
      expect(body.hiddenMedical).toBeGreaterThan(0);
    }
    const { body } = await tanjaOf(w.agents.ib);
    expect(body.dossiers).toHaveLength(1);
    expect(body.career).toHaveLength(10);
    expect(body.contacts[0]).toMatchObject({ isPupil: true, givenName: 'Daan' });
  });

  it('logs reading the tab as a read of the child', async () => {
    const response = await w.agents.teacher.get(`/api/students/${child.id}/oso-dossier`);
    const log = await queryRows<{ action: string; object_type: string }>(
      t.database.db,
      sql`select action, object_type from access_log where request_id = ${response.headers['x-request-id'] as string}`,
    );
    expect(log).toEqual([{ action: 'read', object_type: 'oso_dossier' }]);
  });

  it('asks the user to choose when the match is not certain, and takes the choice or a new child', async () => {
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    await db
      .update(schoolTable)
      .set({ brin: '00YY', locationCode: '00YY00' })
      .where(eq(schoolTable.id, school.id));
    const ib = await signIn(t, await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]));
    // Two children alike (the key unknown): twins' files, or a child typed in twice.
    const alike = [];
    for (const givenName of ['Daan', 'Daan']) {
      const made = await aStudent(db, swv.id, school.id, { givenName, familyName: 'Berg' });
      await db
        .update(studentTable)
        .set({ familyNamePrefix: 'van de', birthDate: '2003-03-17' })
        .where(eq(studentTable.id, made.id));
      alike.push(made.id);
    }
    const file = Buffer.from(paoText);
    const preview = (await send(t, ib, school.id, file)).json();
    expect(preview.match.certainty).toBe('uncertain');
    expect(preview.match.candidates.map((c: { id: string }) => c.id).sort()).toEqual([...alike].sort());
    expect(preview.child).toBeNull();
    // Applying without a choice is refused, nothing written.
    const refused = await send(t, ib, school.id, file, '?apply=true');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('oso_child_uncertain');
    expect(await everythingOf(t, swv.id)).toBe(0);
    // A child of another school cannot be chosen.
    const foreign = await send(t, ib, school.id, file, `?apply=true&studentId=${child.id}`);
    expect(foreign.json().error.details.rule).toBe('oso_child_mismatch');
    // The choice.
    const chosen = await send(t, ib, school.id, file, `?apply=true&studentId=${alike[1]}`);
    expect(chosen.json()).toMatchObject({ applied: true, child: { id: alike[1], created: false } });
    // Or a new child, enrolled at the school, with the dossier's names and key.
    const created = (await send(t, ib, school.id, file, '?apply=true&createChild=true')).json();
    expect(created).toMatchObject({ applied: true, child: { created: true, name: 'Daan van de Berg' } });
    const [row] = await db
      .select()
      .from(studentTable)
      .where(and(eq(studentTable.id, created.child.id)));
    expect(row).toMatchObject({
      schoolId: school.id,
      givenName: 'Daan',
      schoolKey: 'LN094837',
      birthDate: '2003-03-17',
    });
    expect(await countsOf(t, created.child.id)).toMatchObject({ dossiers: 1, documents: 3 });
  });
});

async function everythingOf(t: TestApp, swvId: string) {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select (select count(*) from oso_entry where swv_id = ${swvId}) + (select count(*) from oso_dossier where swv_id = ${swvId}) as n`,
  );
  return Number(row!.n);
}

describe('refusing a dossier: one clear error, nothing written', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    await aStudent(t.database.db, w.swv.id, w.school.id);
  });
  afterAll(async () => {
    await stopOsoWorker();
    await t.close();
  });

  const cases: [string, () => Buffer, string, string][] = [
    ['version 2017', () => v2017, 'oso_version', 'version'],
    ['not XML', () => Buffer.from('PK\u0003\u0004 a zip, not XML'), 'oso_refused', 'not_xml'],
    [
      'a DOCTYPE with an entity',
      () =>
        Buffer.from(
          paoText.replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>',
          ),
        ),
      'oso_refused',
      'doctype',
    ],
    // Past the first 4096 bytes, or in UTF-16, a DOCTYPE once got past a guard that read only those.
    [
      'a DOCTYPE after a long comment',
      () =>
        Buffer.from(
          paoText.replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            `<?xml version="1.0" encoding="UTF-8"?><!--${' '.repeat(5000)}--><!DOCTYPE d [<!ENTITY a "aaaa">]>`,
          ),
        ),
      'oso_refused',
      'doctype',
    ],
    [
      'a DOCTYPE in UTF-16 (refused for the encoding, before it is parsed)',
      () =>
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(
            paoText
              .replace(
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "aaaa">]>',
              )
              .replace('<achternaam>Berg</achternaam>', '<achternaam>&a;</achternaam>'),
            'utf16le',
          ),
        ]),
      'oso_refused',
      'encoding',
    ],
    [
      'a name that is not one plain line',
      () => Buffer.from(paoText.replace('<roepnaam>Daan</roepnaam>', '<roepnaam>Da&#x202E;an</roepnaam>')),
      'oso_refused',
      'invalid',
    ],
    [
      'a wrong encoding',
      () => Buffer.from(paoText.replace('encoding="UTF-8"', 'encoding="EBCDIC-US"')),
      'oso_refused',
      'encoding',
    ],
    [
      'invalid against the XSD',
      () => Buffer.from(paoText.replace('<achternaam>Berg</achternaam>', '')),
      'oso_refused',
      'invalid',
    ],
  ];
  for (const [name, file, rule, reason] of cases)
    it(`refuses ${name} with 422 ${rule}`, async () => {
      const response = await send(t, w.agents.ib, w.school.id, file(), '?apply=true&createChild=true');
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details).toMatchObject({ rule, reason });
      expect(response.json().error.message).toBeTruthy();
      expect(await everything(t)).toBe(0);
    });

  it('does not make a child of a dossier without the pupil’s birth date', async () => {
    const noBirthDate = Buffer.from(paoText.replace('<geboortedatum>2003-03-17</geboortedatum>', ''));
    const response = await send(t, w.agents.ib, w.school.id, noBirthDate, '?apply=true&createChild=true');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.rule).toBe('oso_child_incomplete');
    expect(await everything(t)).toBe(0);
  });

  it('says that only 2019.1 is supported', async () => {
    const response = await send(t, w.agents.ib, w.school.id, v2017);
    expect(response.json().error.message).toMatch(/2017 is not supported; only version 2019\.1/);
  });

  it(`refuses a dossier above ${osoMaxBytes / 1024 / 1024} MB with 413 before reading it`, async () => {
    const response = await send(t, w.agents.ib, w.school.id, Buffer.alloc(osoMaxBytes + 1, 0x20));
    expect(response.statusCode).toBe(413);
    expect(await everything(t)).toBe(0);
  });

  it('refuses another school’s PaO dossier, and an OV dossier at the school that sent it', async () => {
    const atOther = await send(
      t,
      await signIn(
        t,
        await aUser(t.database.db, w.swv.id, [{ role: 'school_ib', schoolId: w.otherSchool.id }]),
      ),
      w.otherSchool.id,
      Buffer.from(paoText),
      '?apply=true&createChild=true',
    );
    expect(atOther.statusCode).toBe(422);
    expect(atOther.json().error.details).toMatchObject({
      rule: 'oso_other_school',
      fileLocationCode: '00YY00',
    });
    const sentHere = await send(
      t,
      w.agents.ib,
      w.school.id,
      Buffer.from(ovText),
      '?apply=true&createChild=true',
    );
    expect(sentHere.json().error.details.rule).toBe('oso_other_school');
    expect(await everything(t)).toBe(0);
  });

  it('takes an OV dossier at the receiving school (PO to VO)', async () => {
    const response = await send(
      t,
      w.agents.otherIb,
      w.otherSchool.id,
      Buffer.from(ovText),
      '?apply=true&createChild=true',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ applied: true, dossier: { handOver: 'ov', transfer: 'POVO' } });
  });

  it('refuses the teacher and the SWV administrator before reading the file; the refusal is logged', async () => {
    for (const agent of [w.agents.teacher, w.agents.admin]) {
      const response = await send(t, agent, w.school.id, Buffer.from(paoText));
      expect(response.statusCode).toBe(403);
      const log = await queryRows<{ outcome: string }>(
        t.database.db,
        sql`select outcome from access_log where request_id = ${response.headers['x-request-id'] as string}`,
      );
      expect(log).toEqual([{ outcome: 'denied' }]);
    }
  });
});
