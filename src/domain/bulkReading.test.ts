import { describe, expect, it } from 'vitest';
import { bulkReadOccasion, isBulkReading, readersToCount } from './bulkReading.ts';

describe('bulk reading', () => {
  it('is more children than the threshold, not as many', () => {
    expect(isBulkReading(100, 100)).toBe(false);
    expect(isBulkReading(101, 100)).toBe(true);
  });

  it('is reported once per hour', () => {
    expect(bulkReadOccasion(new Date('2026-12-03T14:00:00Z'))).toBe('2026-12-03T14');
    expect(bulkReadOccasion(new Date('2026-12-03T14:59:59Z'))).toBe('2026-12-03T14');
    expect(bulkReadOccasion(new Date('2026-12-03T15:00:00Z'))).toBe('2026-12-03T15');
  });

  it('counts a reader at most once a minute, and forgets one not seen for an hour', () => {
    const counted = new Map<string, number>();
    const a = { swvId: 's', userId: 'a' };
    const b = { swvId: 's', userId: 'b' };
    const at = (iso: string) => new Date(`2026-12-03T${iso}Z`);
    expect(readersToCount([a, b, a], counted, at('10:00:00'))).toEqual([a, b]);
    expect(readersToCount([a, b], counted, at('10:00:59'))).toEqual([]);
    expect(readersToCount([a], counted, at('10:01:00'))).toEqual([a]);
    expect(counted.size).toBe(2);
    readersToCount([], counted, at('11:00:30'));
    expect([...counted.keys()]).toEqual(['s/a']);
    // The same user in another SWV is another reader.
    expect(readersToCount([{ swvId: 't', userId: 'a' }], counted, at('11:00:30'))).toHaveLength(1);
  });
});
