// The roster import through the web route: the preview writes nothing, applying writes the changes
// and the one roster_import row in the user's name, the same file again changes nothing, a refused
// file and another school's file answer 422, the SWV administrator sees keys and counts only, and
// the file is read in the worker thread while the server keeps answering.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { school as schoolTable } from '../../db/schema/index.ts';

const example = (name: string) =>
  readFileSync(new URL(`../../../../test/support/files/edexml/${name}`, import.meta.url));
const v21 = example('EDEXML.Voorbeeld.2.1.xml');

async function world(t: TestApp) {
  const db = t.database.db;
  const swv = await aSwv(db);
  const school = await aSchool(db, swv.id);
  // The official example's school: BRIN 99ZZ, dependance 00.
  await db
    .update(schoolTable)
    .set({ brin: '99ZZ', locationCode: '99ZZ00' })
    .where(eq(schoolTable.id, school.id));
  const otherSchool = await aSchool(db, swv.id);
  const users = {
    ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
    admin: await aUser(db, swv.id, [{ role: 'swv_admin' }]),
    teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['4B'] }]),
    director: await aUser(db, swv.id, [{ role: 'school_director', schoolId: school.id }]),
    consultant: await aUser(db, swv.id, [{ role: 'consultant' }]),
    otherIb: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: otherSchool.id }]),
  };
  await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  // A child typed in by hand, not in the file: shown to check, not changed.
  const byHand = await aStudent(db, swv.id, school.id, { groupName: '4B' });
  const agents = {} as Record<keyof typeof users, Agent>;
  for (const [name, user] of Object.entries(users))
    agents[name as keyof typeof users] = await signIn(t, user);
  return { swv, school, otherSchool, byHand, agents, users };
}

const url = (schoolId: string, apply: boolean) => `/api/schools/${schoolId}/roster-import?apply=${apply}`;

async function send(t: TestApp, agent: Agent, schoolId: string, body: Buffer, apply = false) {
  return t.app.inject({
    method: 'POST',
    url: url(schoolId, apply),
    headers: {
      cookie: agent.cookie!,
      'x-csrf-token': agent.csrfToken!,
      'content-type': 'application/xml',
    },
    payload: body,
  });
}

async function childrenOf(t: TestApp, schoolId: string) {
  return queryRows<{ given_name: string; school_key: string | null; left_on: string | null }>(
    t.database.db,
    sql`select given_name, school_key, left_on::text from student where school_id = ${schoolId} order by school_key`,
  );
}

async function logRows(t: TestApp, response: { headers: Record<string, unknown> }) {
  return queryRows<{
    action: string;
    outcome: string;
    object_type: string;
    actor_role: string;
    actor_user_id: string;
    student_id: string | null;
  }>(
    t.database.db,
    sql`select action, outcome, object_type, actor_role, actor_user_id, student_id from access_log
        where request_id = ${String(response.headers['x-request-id'])}`,
  );
}

describe('roster import (web)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  it("previews the official example for the school's IB'er, with names, and writes nothing", async () => {
    const response = await send(t, w.agents.ib, w.school.id, v21);
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ applied: false, withNames: true, version: '2.1', pupilsInFile: 3 });
    // Wimpie is added; Ismaël has no birth date; the third left before today.
    expect(preview.added).toEqual([
      { key: '00001', name: 'Wimpie imp ie', birthDate: '2006-06-21', groupName: '4B' },
    ]);
    expect(preview.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'no_birth_date',
      'already_left',
    ]);
    expect(preview.notInFile).toHaveLength(1);
    expect(preview.notInFile[0].name).toContain(w.byHand.familyName);
    expect(await childrenOf(t, w.school.id)).toHaveLength(1);
    expect(await logRows(t, response)).toEqual([
      expect.objectContaining({
        action: 'search',
        outcome: 'allowed',
        object_type: 'roster_preview',
        student_id: null,
      }),
    ]);
  });

  it('compares the file’s teachers with their accounts by e-mail, changing no account', async () => {
    // The example's teachers have no e-mail: Julia van Bemmel (4A) gets the teacher's, in capitals.
    const withEmails = Buffer.from(
      v21
        .toString('utf8')
        .replace(
          '<roepnaam>Julia</roepnaam>',
          `<roepnaam>Julia</roepnaam><emailadres>${w.users.teacher.email.toUpperCase()}</emailadres>`,
        )
        .replace(
          '<roepnaam>Uilke</roepnaam>',
          '<roepnaam>Uilke</roepnaam><emailadres>uilke@school.example</emailadres>',
        ),
    );
    const response = await send(t, w.agents.ib, w.school.id, withEmails);
    expect(response.statusCode, response.body).toBe(200);
    const { teachers } = response.json();
    expect(teachers).toMatchObject({
      inFile: 3,
      sameGroups: 0,
      differentGroups: [
        { name: 'Julia van Bemmel', email: w.users.teacher.email, fileGroups: ['4A'], passendGroups: ['4B'] },
      ],
    });
    expect(teachers.withoutAccount).toEqual([
      { name: 'Uilke Veldman', email: 'uilke@school.example' },
      { name: 'Lia de Bruin', email: null },
    ]);
    const [membership] = await queryRows<{ groups: string[] }>(
      t.database.db,
      sql`select groups from membership where user_id = ${w.users.teacher.id}`,
    );
    expect(membership!.groups).toEqual(['4B']);
  });

  it('shows the SWV administrator the counts and the file’s keys, no names or birth dates', async () => {
    const response = await send(t, w.agents.admin, w.school.id, v21);
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.withNames).toBe(false);
    expect(preview.added).toEqual([{ key: '00001', name: null, birthDate: null, groupName: null }]);
    expect(preview.notInFile).toEqual([{ key: null, name: null, birthDate: null, groupName: null }]);
    expect(response.body).not.toContain('Wimpie');
    expect(response.body).not.toContain(w.byHand.familyName);
  });

  it('applies in the user’s name, and the same file again changes nothing', async () => {
    const response = await send(t, w.agents.ib, w.school.id, v21, true);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ applied: true, added: [{ key: '00001' }] });
    expect((await childrenOf(t, w.school.id)).map((c) => c.school_key)).toEqual(['00001', null]);
    const [row, ...others] = await logRows(t, response);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ object_type: 'roster_import', action: 'update', actor_role: 'school_ib' });
    expect(row!.actor_user_id).not.toBeNull();

    const again = await send(t, w.agents.ib, w.school.id, v21, true);
    expect(again.json()).toMatchObject({ added: [], changed: [], left: [], unchanged: 1 });
    expect(await childrenOf(t, w.school.id)).toHaveLength(2);
  });

  it('shows a changed field before and after to the IB’er, only its name to the administrator', async () => {
    const renamed = Buffer.from(v21.toString('utf8').replace('<groep key="4B"', '<groep key="4B"'))
      .toString('utf8')
      .replace(/(<leerling key="00001"[\s\S]*?<roepnaam>)Wimpie/, '$1Wim');
    const ib = (await send(t, w.agents.ib, w.school.id, Buffer.from(renamed))).json();
    expect(ib.changed).toEqual([
      {
        pupil: expect.objectContaining({ key: '00001', name: 'Wim imp ie' }),
        fields: [{ field: 'givenName', before: 'Wimpie', after: 'Wim' }],
      },
    ]);
    const admin = (await send(t, w.agents.admin, w.school.id, Buffer.from(renamed))).json();
    expect(admin.changed[0].fields).toEqual([{ field: 'givenName', before: null, after: null }]);
  });

  it('refuses an invalid file with each problem’s line, element and record, and writes nothing', async () => {
    const broken = Buffer.from(
      v21.toString('utf8').replace('<geboortedatum>2006-06-21', '<geboortedatum>21-06-2006'),
    );
    const response = await send(t, w.agents.ib, w.school.id, broken, true);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({
      reason: 'invalid',
      problems: [
        expect.objectContaining({
          line: expect.any(Number),
          element: '/EDEX/leerlingen/leerling[1]/geboortedatum',
          record: 'leerling 00001',
        }),
      ],
    });
    const notXml = await send(t, w.agents.ib, w.school.id, Buffer.from('not xml at all'));
    expect(notXml.statusCode).toBe(422);
    expect(notXml.json().error.details.reason).toBe('not_xml');
  });

  // A DOCTYPE past the first 4096 bytes, or in UTF-16, once got past the guard and answered 500.
  it('refuses a DOCTYPE wherever it stands and in any encoding with 422, and writes nothing', async () => {
    const before = await childrenOf(t, w.school.id);
    const text = v21.toString('utf8').replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>&x;</roepnaam>');
    const rest = text.slice(text.indexOf('?>') + 2);
    const doctype = '<!DOCTYPE EDEX [<!ENTITY x "Injected">]>';
    for (const [file, reason] of [
      [
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><!--${' '.repeat(5000)}-->${doctype}${rest}`),
        'doctype',
      ],
      // UTF-16 is refused before it is parsed (we take UTF-8).
      [
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${doctype}${rest}`, 'utf16le'),
        ]),
        'encoding',
      ],
    ] as const) {
      const response = await send(t, w.agents.ib, w.school.id, file, true);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details).toMatchObject({ rule: 'edexml_refused', reason });
    }
    expect(await childrenOf(t, w.school.id)).toEqual(before);
  });

  // The API refuses a name with a line break, tab or direction override (Line); the import did not.
  it('refuses a name that is not one plain line, naming the record, and writes nothing', async () => {
    const before = await childrenOf(t, w.school.id);
    const forged = v21
      .toString('utf8')
      .replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wim&#x202E;eipmi</roepnaam>')
      .replace('<achternaam>ie</achternaam>', '<achternaam>ie&#10;level=error msg=forged&#9;x</achternaam>');
    const response = await send(t, w.agents.ib, w.school.id, Buffer.from(forged), true);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({
      rule: 'edexml_refused',
      reason: 'invalid',
      problems: [
        expect.objectContaining({
          element: '/EDEX/leerlingen/leerling[1]/achternaam',
          record: 'leerling 00001',
        }),
        expect.objectContaining({
          element: '/EDEX/leerlingen/leerling[1]/roepnaam',
          record: 'leerling 00001',
        }),
      ],
    });
    expect(await childrenOf(t, w.school.id)).toEqual(before);
  });

  it('refuses another school’s file, naming both codes', async () => {
    const response = await send(t, w.agents.otherIb, w.otherSchool.id, v21, true);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('99ZZ00');
    expect(response.json().error.details).toMatchObject({
      fileLocationCode: '99ZZ00',
      schoolLocationCode: w.otherSchool.locationCode,
    });
  });

  it.each(['teacher', 'director', 'consultant', 'otherIb'] as const)(
    'refuses the %s, logged',
    async (who) => {
      const response = await send(t, w.agents[who], w.school.id, v21, true);
      expect(response.statusCode).toBe(403);
      expect(await logRows(t, response)).toEqual([
        expect.objectContaining({ outcome: 'denied', object_type: 'roster_import' }),
      ]);
    },
  );

  it('says on the student list who may import', async () => {
    const list = (agent: Agent) => agent.get(`/api/schools/${w.school.id}/students`);
    expect((await list(w.agents.ib)).json().permissions.importRoster).toBe(true);
    expect((await list(w.agents.teacher)).json().permissions.importRoster).toBe(false);
  });

  it('takes only XML or raw bytes, up to 5 MB', async () => {
    const json = await w.agents.ib.post(url(w.school.id, false), { a: 1 });
    expect(json.statusCode).toBe(415);
    const big = await send(t, w.agents.ib, w.school.id, Buffer.alloc(5 * 1024 * 1024 + 1, 32));
    expect(big.statusCode).toBe(413);
  });
});
