import { describe, expect, it } from 'vitest';
import { bulkReadOccasion, isBulkReading, type ReaderCounts, readersToCount } from './bulkReading.ts';

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
    const counted: ReaderCounts<{ swvId: string; userId: string }> = new Map();
    const a = { swvId: 's', userId: 'a' };
    const b = { swvId: 's', userId: 'b' };
    expect(readersToCount([a, b, a], counted, at('10:00:00'))).toEqual([a, b]);
    expect(readersToCount([a, b], counted, at('10:00:59'))).toEqual([]);
    // Both read again within the minute: counted once it is over, b without reading again.
    expect(readersToCount([a], counted, at('10:01:00'))).toEqual([a, b]);
    expect(counted.size).toBe(2);
    readersToCount([], counted, at('11:01:00'));
    expect([...counted.keys()]).toEqual([]);
    // The same user in another SWV is another reader.
    readersToCount([a], counted, at('11:01:30'));
    expect(readersToCount([{ swvId: 't', userId: 'a' }], counted, at('11:01:31'))).toHaveLength(1);
  });

  // An outside probe: 300 files in 11 seconds, then nothing — the first count saw a few, and the
  // reader was never counted again.
  it('counts a burst that ended within the minute once the minute is over, without a new read', () => {
    const counted: ReaderCounts<{ swvId: string; userId: string }> = new Map();
    const a = { swvId: 's', userId: 'a' };
    expect(readersToCount([a], counted, at('10:00:01'))).toEqual([a]);
    for (const second of ['02', '05', '11'])
      expect(readersToCount([a], counted, at(`10:00:${second}`))).toEqual([]);
    expect(readersToCount([], counted, at('10:00:59'))).toEqual([]);
    expect(readersToCount([], counted, at('10:01:01'))).toEqual([a]);
    // Counted then, and not again while they read nothing.
    expect(readersToCount([], counted, at('10:02:30'))).toEqual([]);
  });
});

const at = (iso: string) => new Date(`2026-12-03T${iso}Z`);
