import { describe, expect, it } from 'vitest';
import { centsOf, schoolYearAfter, typedOf } from './money.ts';

describe('amounts typed on the budget page', () => {
  it('reads Dutch thousands and decimals, plain numbers, and a euro sign', () => {
    expect(centsOf('250.000')).toBe(25_000_000);
    expect(centsOf('1.250,50')).toBe(125_050);
    expect(centsOf('1250,5')).toBe(125_050);
    expect(centsOf('1250.50')).toBe(125_050);
    expect(centsOf('€ 12 500')).toBe(1_250_000);
    expect(centsOf('0')).toBe(0);
  });

  it('says empty is not given and anything else is no amount', () => {
    expect(centsOf('  ')).toBeUndefined();
    expect(centsOf('-5')).toBeNaN();
    expect(centsOf('12,345')).toBeNaN();
    expect(centsOf('tien')).toBeNaN();
  });

  it('writes cents back as they would be typed', () => {
    expect(typedOf(25_000_000)).toBe('250000');
    expect(typedOf(125_050)).toBe('1250,50');
    expect(typedOf(null)).toBe('');
    expect(centsOf(typedOf(125_005))).toBe(125_005);
  });

  it('counts school years', () => {
    expect(schoolYearAfter('2026-2027', -1)).toBe('2025-2026');
    expect(schoolYearAfter('2026-2027', 1)).toBe('2027-2028');
  });
});
