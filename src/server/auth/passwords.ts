// Password hashing with argon2id (OWASP parameters) and the offline list of common and breached
// passwords that the domain rule checks against (docs/SECURITY.md B1).
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPassword, type PasswordProblem } from '../../domain/password.ts';
import { AppError } from '../http/errors.ts';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. Algorithm 2 is Argon2id.
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | null = null;
function isCommonPassword(candidate: string): boolean {
  commonPasswords ??= new Set(
    [...dictionary['passwords-common'], ...dictionary['diceware-common']].map((p) => String(p).toLowerCase()),
  );
  return commonPasswords.has(candidate);
}

const problemMessages: Record<PasswordProblem, string> = {
  too_short: 'The password must have at least 12 characters',
  too_long: 'The password may have at most 128 characters',
  common: 'This password is too common or appears in known data breaches',
  contains_email: 'The password may not contain your e-mail address',
};

/** Throws a validation error (field `password`) when the password breaks the rules. */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problem = checkPassword(password, { email, isCommon: isCommonPassword });
  if (problem) {
    throw new AppError('validation_failed', problemMessages[problem], {
      fields: { password: problem },
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

// Verifying against this for unknown accounts makes their answer take as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('passend-dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
