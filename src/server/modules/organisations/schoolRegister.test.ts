// The DUO register of province Utrecht's primary school locations, taken in by two PO SWVs of
// Passend: each gets exactly the locations its postcodes hold (98 and 79, as the ministerial
// table has them), in the current DUO file, in windows-1252 and with the older column names.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { board, school } from '../../db/schema/index.ts';
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

  const schoolsOf = (swvId: string) => database.db.select().from(school).where(eq(school.swvId, swvId));

  it('previews without writing, then gives each SWV the locations of its postcodes', async () => {
    const file = readRegisterFile(Buffer.from(utrecht));
    expect(file.locations).toHaveLength(477);
    const preview = await importSchoolRegister(database, file, {
      kind: 'bao',
      apply: false,
      onlyRegisterCode: null,
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
      });
      expect(again.swvs).toEqual([
        expect.objectContaining({ registerCode: 'PO 26.01', unchanged: 98, created: [], updated: [] }),
      ]);
    }
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
