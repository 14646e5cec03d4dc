import { describe, expect, it } from 'vitest';
import {
  missingRegisterColumns,
  registerChanges,
  registerCodeKey,
  registerSchoolOf,
  swvOfLocation,
} from './schoolRegister.ts';

const current = {
  'BEVOEGD GEZAG NUMMER': '32099',
  INSTELLINGSCODE: '03LX',
  VESTIGINGSCODE: '03LX00',
  VESTIGINGSNAAM: 'Drie Koningenschool',
  STRAATNAAM: 'Pastoor Boelenslaan',
  'HUISNUMMER-TOEVOEGING': '10',
  POSTCODE: '3454AB',
  PLAATSNAAM: 'DE MEERN',
  GEMEENTENAAM: 'UTRECHT',
  DENOMINATIE: 'Rooms-Katholiek',
  VAKANTIEREGIO: 'Midden',
};

describe('the DUO school register', () => {
  it('reads a location from the current column names', () => {
    expect(registerSchoolOf(current)).toEqual({
      locationCode: '03LX00',
      name: 'Drie Koningenschool',
      boardCode: '32099',
      street: 'Pastoor Boelenslaan 10',
      postcode: '3454 AB',
      city: 'De Meern',
      municipality: 'Utrecht',
      denomination: 'Rooms-Katholiek',
      holidayRegion: 'midden',
    });
  });

  it('reads the older names, where the vestiging is a number', () => {
    const older = {
      'BRIN NUMMER': '03lx',
      VESTIGINGSNUMMER: '1',
      NAAM: 'Dependance',
      POSTCODE: '3454 AB',
      GEMEENTENAAM: 'UTRECHT',
    };
    expect(registerSchoolOf(older)).toMatchObject({
      locationCode: '03LX01',
      name: 'Dependance',
      boardCode: null,
    });
    expect(missingRegisterColumns(Object.keys(older))).toEqual([]);
    expect(missingRegisterColumns(['PROVINCIE', 'NAAM'])).toEqual([
      'INSTELLINGSCODE',
      'VESTIGINGSCODE',
      'POSTCODE',
      'GEMEENTENAAM',
    ]);
  });

  it('refuses a row without a location code or a name', () => {
    expect(registerSchoolOf({ ...current, VESTIGINGSCODE: 'X' })).toEqual({
      refused: 'no location code (X)',
    });
    expect(registerSchoolOf({ ...current, VESTIGINGSNAAM: '' })).toEqual({ refused: '03LX00: no name' });
  });

  it('gives a location to the SWV of its postcode, in the sector asked', () => {
    const regions = new Map([['3454', { PO: registerCodeKey('PO 26-01'), VO: registerCodeKey('VO 26-01') }]]);
    expect(swvOfLocation({ postcode: '3454 AB' }, 'PO', regions)).toBe(registerCodeKey('PO 26.01'));
    expect(swvOfLocation({ postcode: '3454 AB' }, 'VO', regions)).toBe('VO2601');
    expect(swvOfLocation({ postcode: '9999 ZZ' }, 'PO', regions)).toBeNull();
    expect(swvOfLocation({ postcode: null }, 'PO', regions)).toBeNull();
  });

  it('creates new locations, updates what changed and keeps what the register leaves empty', () => {
    const location = registerSchoolOf(current) as Exclude<
      ReturnType<typeof registerSchoolOf>,
      { refused: string }
    >;
    const held = { id: 's1', ...location, name: 'Drie Koningen', denomination: 'Katholiek' };
    expect(registerChanges([held], [location]).updated).toEqual([
      { id: 's1', school: location, fields: ['name', 'denomination'] },
    ]);
    expect(
      registerChanges(
        [{ ...held, name: location.name, denomination: location.denomination }],
        [{ ...location, denomination: null }],
      ),
    ).toEqual({
      created: [],
      updated: [],
      unchanged: 1,
    });
    expect(registerChanges([], [location]).created).toEqual([location]);
  });
});
