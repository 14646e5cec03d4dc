import { describe, expect, it } from 'vitest';
import { brinOf, locationCodeRefusal } from './organisation.ts';

describe('a school location’s code (BRIN and vestiging)', () => {
  it('takes two digits, two letters and two digits', () => {
    expect(locationCodeRefusal('12AB00')).toBeNull();
    expect(locationCodeRefusal('99ZZ09')).toBeNull();
  });

  it('refuses anything else, saying what it should look like', () => {
    for (const code of ['12AB0', '12AB000', '12ab00', 'AB1200', '1234AB', '', ' 12AB00']) {
      expect(locationCodeRefusal(code)).toMatchObject({
        rule: 'brin_location_code',
        message: 'BRIN and vestiging, like 12AB00',
      });
    }
  });

  it('names the BRIN: the code without the vestiging', () => {
    expect(brinOf('12AB00')).toBe('12AB');
    expect(brinOf('16XY03')).toBe('16XY');
  });
});
