import { describe, expect, it } from 'vitest';
import {
  type CountedWait,
  capacityRefusal,
  countWaiting,
  isLongWait,
  newWaitRefusal,
  placeKindOf,
  waitChangeRefusal,
  waitingBucket,
  waitingDays,
  waitsOn,
} from './capacity.ts';

const today = '2026-12-03';
const target = { schoolId: 's1', providerId: null, category: 'none' as const };

describe('places', () => {
  it('has places only at SBO, SO, VSO and OPDC schools and providers', () => {
    expect(placeKindOf('sbo')).toBe('sbo');
    expect(placeKindOf('opdc')).toBe('opdc');
    expect(placeKindOf(null)).toBe('arrangement');
    expect(placeKindOf('bao')).toBeNull();
    expect(placeKindOf('vo')).toBeNull();
  });

  it('refuses negative, fractional and absurd counts', () => {
    const row = { schoolKind: 'sbo' as const, category: 'none' as const, places: 120, taken: 118 };
    expect(capacityRefusal(row)).toBeNull();
    expect(capacityRefusal({ ...row, places: -1 })?.rule).toBe('places_out_of_range');
    expect(capacityRefusal({ ...row, taken: 2.5 })?.rule).toBe('places_out_of_range');
    expect(capacityRefusal({ ...row, places: 2001 })?.rule).toBe('places_out_of_range');
    expect(capacityRefusal({ ...row, places: 2000, taken: 0 })).toBeNull();
  });

  it('asks a category of SO and VSO places and of no other', () => {
    expect(capacityRefusal({ schoolKind: 'so', category: 'none', places: 10, taken: 0 })?.rule).toBe(
      'category_of_kind',
    );
    expect(capacityRefusal({ schoolKind: 'so', category: 'high', places: 10, taken: 0 })).toBeNull();
    expect(capacityRefusal({ schoolKind: 'sbo', category: 'low', places: 10, taken: 0 })?.rule).toBe(
      'category_of_kind',
    );
    expect(capacityRefusal({ schoolKind: 'bao', category: 'none', places: 10, taken: 0 })?.rule).toBe(
      'not_a_place',
    );
  });
});

describe('a wait', () => {
  const wait = {
    target,
    schoolKind: 'sbo' as const,
    since: '2026-09-01',
    promisedOn: null,
    today,
    openTargets: [],
  };

  it('is allowed for a special school from today or before', () => {
    expect(newWaitRefusal(wait)).toBeNull();
    expect(newWaitRefusal({ ...wait, since: today })).toBeNull();
  });

  it('refuses a start in the future, a promise before the start, a regular school, a second wait', () => {
    expect(newWaitRefusal({ ...wait, since: '2026-12-04' })?.rule).toBe('start_in_future');
    expect(newWaitRefusal({ ...wait, promisedOn: '2026-08-31' })?.rule).toBe('promised_before_start');
    expect(newWaitRefusal({ ...wait, promisedOn: '2026-09-01' })).toBeNull();
    expect(newWaitRefusal({ ...wait, schoolKind: 'bao' })?.rule).toBe('not_a_place');
    expect(newWaitRefusal({ ...wait, openTargets: [target] })?.rule).toBe('already_waiting');
    expect(newWaitRefusal({ ...wait, openTargets: [{ ...target, schoolId: 's2' }] })).toBeNull();
  });

  it('refuses a change of an ended wait and an end outside its start and today', () => {
    const open = { since: '2026-09-01', endedOn: null, promisedOn: null, end: null, today };
    expect(waitChangeRefusal(open)).toBeNull();
    expect(waitChangeRefusal({ ...open, endedOn: '2026-10-01' })?.rule).toBe('wait_ended');
    expect(waitChangeRefusal({ ...open, end: { on: '2026-08-31' } })?.rule).toBe('end_before_start');
    expect(waitChangeRefusal({ ...open, end: { on: '2026-12-04' } })?.rule).toBe('end_in_future');
    expect(waitChangeRefusal({ ...open, end: { on: today } })).toBeNull();
  });

  it('derives the waiting time, to the end when it ended', () => {
    expect(waitingDays({ since: '2026-09-01', endedOn: null }, today)).toBe(93);
    expect(waitingDays({ since: '2026-09-01', endedOn: '2026-09-11' }, today)).toBe(10);
    expect(waitingDays({ since: today, endedOn: null }, today)).toBe(0);
  });

  it('puts a wait of exactly 3 months in the bucket 3–6 months, and calls it long', () => {
    expect(waitingBucket('2026-09-03', today)).toBe('three_to_six_months');
    expect(waitingBucket('2026-09-04', today)).toBe('one_to_three_months');
    expect(waitingBucket('2026-11-04', today)).toBe('under_one_month');
    expect(waitingBucket('2026-06-03', today)).toBe('six_months_or_more');
    expect(isLongWait('2026-09-03', today)).toBe(true);
    expect(isLongWait('2026-09-04', today)).toBe(false);
  });

  it('waits from its start up to the day before its end', () => {
    const w = { since: '2026-09-01', endedOn: '2026-10-01' };
    expect(waitsOn(w, '2026-08-31')).toBe(false);
    expect(waitsOn(w, '2026-09-01')).toBe(true);
    expect(waitsOn(w, '2026-09-30')).toBe(true);
    expect(waitsOn(w, '2026-10-01')).toBe(false);
  });
});

describe('the count on a reference date', () => {
  const aWait = (overrides: Partial<CountedWait>): CountedWait => ({
    since: '2026-09-01',
    endedOn: null,
    promisedOn: null,
    kind: 'sbo',
    category: 'none',
    placeId: 'a',
    ...overrides,
  });
  const waits = [
    ...Array.from({ length: 6 }, () => aWait({})),
    ...Array.from({ length: 2 }, () =>
      aWait({ kind: 'so', category: 'high', placeId: 'b', promisedOn: '2027-01-05' }),
    ),
    aWait({ since: '2026-12-01' }),
    // Ended before the reference date, and started after it: not counted.
    aWait({ endedOn: '2026-10-01' }),
    aWait({ since: '2026-12-04' }),
  ];

  it('counts those waiting on the day by kind, bucket, promise and place', () => {
    const count = countWaiting(waits, '2026-10-01', false);
    expect(count.total).toBe(8);
    const onDay = countWaiting(waits, today, false);
    expect(onDay.total).toBe(9);
    expect(onDay.byKind.find((k) => k.kind === 'so' && k.category === 'high')?.count).toBe(2);
    expect(onDay.byKind.find((k) => k.kind === 'sbo')?.count).toBe(7);
    expect(onDay.byBucket).toEqual([
      { bucket: 'under_one_month', count: 1 },
      { bucket: 'one_to_three_months', count: 0 },
      { bucket: 'three_to_six_months', count: 8 },
      { bucket: 'six_months_or_more', count: 0 },
    ]);
    expect(onDay.byPromise).toEqual([
      { promised: false, count: 7 },
      { promised: true, count: 2 },
    ]);
    expect(onDay.byPlace).toEqual([
      { placeId: 'a', count: 7 },
      { placeId: 'b', count: 2 },
    ]);
  });

  it('hides small cells, and the cell that would give one away, for policy staff', () => {
    const count = countWaiting(waits, today, true);
    expect(count.total).toBe(9);
    expect(count.byPromise).toEqual([
      { promised: false, count: null },
      { promised: true, count: null },
    ]);
    expect(count.byBucket.find((b) => b.bucket === 'under_one_month')?.count).toBeNull();
    expect(countWaiting(waits.slice(0, 3), today, true).total).toBeNull();
  });
});
