// Password rules after NIST SP 800-63B §3.1.1.2 (docs/SECURITY.md B1): length, not common or breached,
// no composition rules and no forced rotation. The list of breached passwords is passed in,
// so this module stays free of I/O.

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

export function checkPassword(
  password: string,
  context: { email?: string; isCommon: (candidate: string) => boolean },
): PasswordProblem | null {
  // Length in code points, so an emoji counts as one character (SP 800-63B).
  const length = [...password].length;
  if (length < minimumPasswordLength) return 'too_short';
  if (length > maximumPasswordLength) return 'too_long';
  const lower = password.toLowerCase();
  if (context.isCommon(lower) || isRepetitive(lower)) return 'common';
  const localPart = context.email?.toLowerCase().split('@')[0];
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return 'contains_email';
  return null;
}

/** "aaaaaaaaaaaa", "abcabcabcabc", "123412341234": a short pattern repeated. */
function isRepetitive(password: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const unit = password.slice(0, size);
    if (unit.repeat(Math.ceil(password.length / size)).slice(0, password.length) === password) return true;
  }
  return false;
}
