// The DUO register of province Utrecht's primary school locations, taken in by two PO SWVs of
// Passend: each gets exactly the locations its postcodes hold (98 and 79, as the ministerial
// table has them), in the current DUO file, in windows-1252 and with the older column names.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, aSwv, aUser, signIn } from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { adminEvent, board, school } from '../../db/schema/index.ts';
import { importSchoolRegister, RegisterFileRefused, readRegisterFile } from './schoolRegister.ts';

const utrecht = readFileSync(
  new URL('../../../../test/support/files/duo/schoolvestigingen-bo-provincie-utrecht.csv', import.meta.url),
  'utf8',
);

describe('passend import schools', () => {
  let database: TestDatabase;
  let utrechtCity: string;
  let passenderwijs: string;
  beforeAll(async () => {
    database = await testDatabase();
    utrechtCity = (await aSwv(database.db, { registerCode: 'PO 26.01' })).id;
    passenderwijs = (await aSwv(database.db, { registerCode: 'PO 26.04' })).id;
  });
  afterAll(() => database.drop());

  /** The operator at the command line, as `passend import schools` runs it. */
  const byOperator = { actorUserId: null, now: new Date('2026-10-01T08:00:00Z') };
  const importsOf = async (swvId: string) =>
    (
      await database.db
        .select({ details: adminEvent.details })
        .from(adminEvent)
        .where(and(eq(adminEvent.swvId, swvId), eq(adminEvent.kind, 'school_register_imported')))
    ).map((event) => event.details);
  const schoolsOf = (swvId: string) => database.db.select().from(school).where(eq(school.swvId, swvId));

  it('previews without writing, then gives each SWV the locations of its postcodes', async () => {
    const file = readRegisterFile(Buffer.from(utrecht));
    expect(file.locations).toHaveLength(477);
    const preview = await importSchoolRegister(database, file, {
      kind: 'bao',
      apply: false,
      onlyRegisterCode: null,
      ...byOperator,
    });
    expect(preview.swvs.map((s) => [s.registerCode, s.created.length])).toEqual(
      expect.arrayContaining([
        ['PO 26.01', 98],
        ['PO 26.04', 79],
      ]),
    );
    expect(await schoolsOf(utrechtCity)).toEqual([]);
    const applied = await importSchoolRegister(database, file, {
      kind: 'bao',
      apply: true,
      onlyRegisterCode: null,
      ...byOperator,
    });
    // The other SWVs of the province are not in Passend; one postcode is in no SWV of the table.
    expect(applied.elsewhere).toBe(477 - 98 - 79 - 1);
    expect(applied.unknownPostcode).toHaveLength(1);
    const [drieKoningen] = await database.db
      .select({
        name: school.name,
        street: school.street,
        postcode: school.postcode,
        city: school.city,
        municipality: school.municipality,
        denomination: school.denomination,
        kind: school.kind,
        boardCode: board.code,
      })
      .from(school)
      .leftJoin(board, and(eq(board.swvId, school.swvId), eq(board.id, school.boardId)))
      .where(and(eq(school.swvId, utrechtCity), eq(school.locationCode, '03LX00')));
    expect(drieKoningen).toEqual({
      name: 'Drie Koningenschool',
      street: 'Pastoor Boelenslaan 10',
      postcode: '3454 AB',
      city: 'De Meern',
      municipality: 'Utrecht',
      denomination: 'Rooms-Katholiek',
      kind: 'bao',
      boardCode: '32099',
    });
    expect(await schoolsOf(passenderwijs)).toHaveLength(79);
    // The administrators' trail of each SWV names the import and its counts, no school's data.
    expect(await importsOf(utrechtCity)).toEqual([{ kind: 'bao', created: 98, updated: 0 }]);
  });

  it('changes nothing on the same file again, in windows-1252 or with the older column names', async () => {
    const windows1252 = Buffer.from(utrecht, 'latin1');
    const older = utrecht
      .replace('INSTELLINGSCODE', 'BRIN NUMMER')
      .replace('VESTIGINGSCODE', 'VESTIGINGSNUMMER');
    for (const content of [windows1252, Buffer.from(older)]) {
      const again = await importSchoolRegister(database, readRegisterFile(content), {
        kind: 'bao',
        apply: true,
        onlyRegisterCode: 'PO 26-01',
        ...byOperator,
      });
      expect(again.swvs).toEqual([
        expect.objectContaining({ registerCode: 'PO 26.01', unchanged: 98, created: [], updated: [] }),
      ]);
    }
    // Nothing changed: nothing to account for.
    expect(await importsOf(utrechtCity)).toHaveLength(1);
  });

  it('updates a location DUO renamed, keeping the wijk the SWV gave it', async () => {
    await database.db
      .update(school)
      .set({ wijk: 'Leidsche Rijn' })
      .where(and(eq(school.swvId, utrechtCity), eq(school.locationCode, '03LX00')));
    const renamed = utrecht.replace(';Drie Koningenschool;', ';Kindcentrum Drie Koningen;');
    const result = await importSchoolRegister(database, readRegisterFile(Buffer.from(renamed)), {
      kind: 'bao',
      apply: true,
      onlyRegisterCode: 'PO 26.01',
      ...byOperator,
    });
    expect(result.swvs[0]!.updated.map((u) => [u.school.locationCode, u.fields])).toEqual([
      ['03LX00', ['name']],
    ]);
    const [row] = await database.db
      .select({ name: school.name, wijk: school.wijk })
      .from(school)
      .where(and(eq(school.swvId, utrechtCity), eq(school.locationCode, '03LX00')));
    expect(row).toEqual({ name: 'Kindcentrum Drie Koningen', wijk: 'Leidsche Rijn' });
  });

  it('refuses a file that is not DUO’s, naming the missing columns', () => {
    expect(() => readRegisterFile(Buffer.from('naam,adres\nx,y\n'))).toThrow(RegisterFileRefused);
    expect(() => readRegisterFile(Buffer.from('naam,adres\nx,y\n'))).toThrow(
      /no column INSTELLINGSCODE, VESTIGINGSCODE, POSTCODE, GEMEENTENAAM/,
    );
  });
});

describe('POST /api/swv/school-register: the administrator takes in DUO’s register', () => {
  let t: TestApp;
  let swvId: string;
  let admin: Agent;
  let adminId: string;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db, { registerCode: 'PO 26.01', sector: 'PO' })).id;
    const user = await aUser(t.database.db, swvId, [{ role: 'swv_admin' }]);
    adminId = user.id;
    admin = await signIn(t, user);
  });
  afterAll(() => t.close());

  const schoolCount = async () =>
    (await t.database.db.select({ id: school.id }).from(school).where(eq(school.swvId, swvId))).length;

  it('previews the own SWV’s locations, then applies them once, on the administrators’ trail', async () => {
    const preview = await admin.post('/api/swv/school-register?kind=bao', Buffer.from(utrecht));
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ applied: false, unchanged: 0, elsewhere: 477 - 98 - 1 });
    expect(preview.json().created).toHaveLength(98);
    expect(preview.json().created).toContainEqual({
      locationCode: '03LX00',
      name: 'Drie Koningenschool',
      city: 'De Meern',
    });
    expect(await schoolCount()).toBe(0);

    const applied = await admin.post('/api/swv/school-register?kind=bao&apply=true', Buffer.from(utrecht));
    expect(applied.json()).toMatchObject({ applied: true });
    expect(await schoolCount()).toBe(98);
    const again = await admin.post('/api/swv/school-register?kind=bao&apply=true', Buffer.from(utrecht));
    expect(again.json()).toMatchObject({ created: [], updated: [], unchanged: 98 });
    const events = await t.database.db
      .select({ actor: adminEvent.actorUserId, details: adminEvent.details })
      .from(adminEvent)
      .where(and(eq(adminEvent.swvId, swvId), eq(adminEvent.kind, 'school_register_imported')));
    expect(events).toEqual([{ actor: adminId, details: { kind: 'bao', created: 98, updated: 0 } }]);
  });

  it('refuses a kind of another sector, a file that is not DUO’s and a JSON body, changing nothing', async () => {
    const before = await schoolCount();
    const otherSector = await admin.post('/api/swv/school-register?kind=vo', Buffer.from(utrecht));
    expect(otherSector.statusCode).toBe(422);
    expect(otherSector.json().error.details).toMatchObject({ rule: 'register_kind_of_other_sector' });
    const notDuo = await admin.post('/api/swv/school-register?kind=bao', Buffer.from('naam,adres\nx,y\n'));
    expect(notDuo.statusCode).toBe(422);
    expect(notDuo.json().error).toMatchObject({
      message: expect.stringContaining('VESTIGINGSCODE'),
      details: { rule: 'register_file_refused' },
    });
    const binary = await admin.post('/api/swv/school-register?kind=bao', Buffer.from([0xff, 0xfe, 0, 1, 2]));
    expect(binary.statusCode).toBe(422);
    expect((await admin.post('/api/swv/school-register?kind=bao', { file: 'x' })).statusCode).toBe(415);
    expect((await admin.post('/api/swv/school-register?kind=kasteel', Buffer.from(utrecht))).statusCode).toBe(
      400,
    );
    expect(await schoolCount()).toBe(before);
  });
});
