import { describe, expect, it } from 'vitest';
import { checkPassword } from './password.ts';

const common = new Set(['welkom12345678', 'password1234']);
const isCommon = (candidate: string) => common.has(candidate);

describe('checkPassword (NIST SP 800-63B)', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(checkPassword('een lange zin zonder cijfers', { isCommon })).toBeNull();
  });
  it('needs at least 12 characters, counted as characters not bytes', () => {
    expect(checkPassword('elf tekens!', { isCommon })).toBe('too_short');
    expect(checkPassword('twaalf teken', { isCommon })).toBeNull();
    expect(checkPassword('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', { isCommon })).toBe('too_short');
  });
  it('allows at least 64 characters and refuses absurd lengths', () => {
    expect(checkPassword('x'.repeat(10) + 'y'.repeat(54) + 'z', { isCommon })).toBeNull();
    expect(checkPassword('ab'.repeat(65) + 'c', { isCommon })).toBe('too_long');
  });
  it('refuses common and breached passwords in any case, and repeated patterns', () => {
    expect(checkPassword('Welkom12345678', { isCommon })).toBe('common');
    expect(checkPassword('aaaaaaaaaaaaaa', { isCommon })).toBe('common');
    expect(checkPassword('abcabcabcabcabc', { isCommon })).toBe('common');
  });
  it('refuses a password containing the e-mail name', () => {
    expect(checkPassword('fatima.elamrani-2026', { isCommon, email: 'Fatima.ElAmrani@school.nl' })).toBe(
      'contains_email',
    );
  });
});
