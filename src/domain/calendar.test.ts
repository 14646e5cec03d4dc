import { describe, expect, it } from 'vitest';
import { amsterdamToday } from './calendar.ts';

describe('amsterdamToday', () => {
  it('gives the Amsterdam date, not the UTC one, around midnight in winter and summer', () => {
    expect(amsterdamToday(new Date('2026-11-23T22:59:59Z'))).toBe('2026-11-23');
    expect(amsterdamToday(new Date('2026-11-23T23:00:00Z'))).toBe('2026-11-24');
    expect(amsterdamToday(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(amsterdamToday(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
