// The shared field types refuse what is no text, before a route or the database sees it.
import { describe, expect, it } from 'vitest';
import { CalendarDate, DateTime, Name, SchoolYear, Text } from './common.ts';
import { OidcSettingsBody } from './oidc.ts';

describe('text fields', () => {
  it('keep letters of every script and emoji, newlines and tabs', () => {
    for (const value of ['Zoë Çelik-Øster', '李小龙', 'Goed 🙂 gedaan', 'regel 1\nregel 2\tmet tab']) {
      expect(Text(100).parse(value)).toBe(value);
    }
  });

  it('refuse control characters and lone surrogates (jsonb cannot store them)', () => {
    for (const value of ['a\u0000b', 'a\u001b[31m', 'a\ud800', '\udc00b', 'a\ud83d']) {
      expect(Text(100).safeParse(value).success, JSON.stringify(value)).toBe(false);
      expect(Name.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});

describe('names', () => {
  it('are one line, without direction overrides', () => {
    expect(Name.parse('  Zoë Çelik-Øster ')).toBe('Zoë Çelik-Øster');
    expect(Name.parse('\ufeffAna')).toBe('Ana'); // trimmed as white space
    for (const value of ['李小龙', 'مهسا\u200cنوری', "N'Golo", 'Anne-Fleur van den Berg-Ødegård', 'Jan 2'])
      expect(Name.parse(value), JSON.stringify(value)).toBe(value);
    for (const value of [
      'Jan\nJansen',
      'Jan\tJansen',
      'Jan\r\nJansen',
      'Jan\u2028Jansen',
      'Jan \u202eneznaJ',
      // An outside probe stored these as children's names (NEL, C1, invisible and direction marks):
      'A\u0085na',
      'Ana\u009b31m',
      'A\u200bna',
      'A\ufeffna',
      'A\u{E0041}na',
      'Ana\u200f (12)',
      'Ana\u200e',
      'Ana\u061c',
      'An\u00ada',
      // and names that draw as blank:
      '\u3164',
      '\u2800',
      '',
      '-',
    ]) {
      expect(Name.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});

describe('the single sign-on issuer', () => {
  const settings = {
    clientId: 'passend',
    clientSecret: 'geheim',
    enabled: false,
    secondFactorCode: '123456',
  };

  it('refuses a control character the URL parser would drop', () => {
    for (const issuer of ['https://login.example.test\u0000', '\u0001https://login.example.test']) {
      expect(OidcSettingsBody.safeParse({ ...settings, issuer }).success, JSON.stringify(issuer)).toBe(false);
    }
    expect(OidcSettingsBody.safeParse({ ...settings, issuer: 'https://login.example.test' }).success).toBe(
      true,
    );
  });
});

describe('calendar dates', () => {
  it('are days that exist, from 1900 to 2199', () => {
    for (const value of ['1900-01-01', '2024-02-29', '2199-12-31'])
      expect(CalendarDate.parse(value)).toBe(value);
    for (const value of ['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31', '2026-02-30'])
      expect(CalendarDate.safeParse(value).success, value).toBe(false);
  });
});

describe('date-times', () => {
  it('are instants that exist, in the years of calendar dates', () => {
    for (const value of ['1900-01-01T00:00:00Z', '2026-11-23T09:00:00.123Z', '2199-12-31T23:59:59Z'])
      expect(DateTime.parse(value)).toBe(value);
    for (const value of [
      '0000-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-02-30T00:00:00Z',
      '2026-11-23',
    ])
      expect(DateTime.safeParse(value).success, value).toBe(false);
  });
});

describe('school years', () => {
  it('are two years, the second after the first, from 1900-1901 to 2198-2199', () => {
    for (const value of ['1900-1901', '2026-2027', '2198-2199']) expect(SchoolYear.parse(value)).toBe(value);
    for (const value of [
      '0000-0001',
      '2026-1999',
      '2026-2026',
      '2026-2028',
      '9998-9999',
      '1899-1900',
      '2199-2200',
    ])
      expect(SchoolYear.safeParse(value).success, value).toBe(false);
  });
});
