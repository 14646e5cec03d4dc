// TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s) and recovery codes (docs/SECURITY.md B2).
// A code is accepted once: the accepted time step is stored and a step at or before it is refused.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const period = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Passend', label, secret: Secret.fromBase32(secret), digits: 6, period });
}

export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/** The time step of a valid, unused code (one step of clock drift either way), or null. */
export function acceptTotp(secret: string, code: string, lastStep: number | null, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / period) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** For tests and the CLI: the code an authenticator app shows at `now`. */
export function currentTotp(secret: string, now: Date): string {
  return totpFor(secret, '').generate({ timestamp: now.getTime() });
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like "k7mq-x3vd-9tnp", shown once; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => recoveryAlphabet[b % recoveryAlphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
