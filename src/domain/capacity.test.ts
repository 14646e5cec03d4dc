import { describe, expect, it } from 'vitest';
import { type KnownSum, smallCellsGivenAway } from '../../test/support/subtraction.ts';
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
  waitingNodes,
  waitingTable,
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

describe('the waiting table the places page and the count page share', () => {
  const aWait = (placeId: string, kind: CountedWait['kind'], category: CountedWait['category'], n: number) =>
    Array.from(
      { length: n },
      (_, i): CountedWait => ({
        since: ['2026-11-20', '2026-10-01', '2026-07-01', '2026-03-01'][i % 4]!,
        endedOn: null,
        promisedOn: i % 3 === 0 ? '2027-01-05' : null,
        kind,
        category,
        placeId,
      }),
    );

  /** Every cell either page shows, and every sum a reader knows holds between them. */
  function reader(waits: readonly CountedWait[]) {
    const count = countWaiting(waits, today, true);
    const table = waitingTable(waits, today);
    const places = [...new Map(waits.map((w) => [w.placeId, w.kind])).entries()];
    const categoriesOf = (kind: string) =>
      kind === 'so' || kind === 'vso' ? ['low', 'medium', 'high'] : ['none'];
    const shown = new Map<string, number | null>([['total', count.total]]);
    for (const k of count.byKind) shown.set(`kind ${k.kind}/${k.category}`, k.count);
    for (const b of count.byBucket) shown.set(`bucket ${b.bucket}`, b.count);
    for (const p of count.byPromise) shown.set(`promise ${p.promised}`, p.count);
    for (const p of count.byPlace) shown.set(`place ${p.placeId}`, p.count);
    for (const [id, kind] of places)
      for (const c of categoriesOf(kind))
        shown.set(
          `cell ${id}/${c}`,
          table.count([waitingNodes.placeCategory(id, c as CountedWait['category'])]),
        );
    const sums: KnownSum[] = [
      { total: 'total', parts: count.byKind.map((k) => `kind ${k.kind}/${k.category}`) },
      { total: 'total', parts: count.byBucket.map((b) => `bucket ${b.bucket}`) },
      { total: 'total', parts: count.byPromise.map((p) => `promise ${p.promised}`) },
      { total: 'total', parts: places.map(([id]) => `place ${id}`) },
      ...places.map(([id, kind]) => ({
        total: `place ${id}`,
        parts: categoriesOf(kind).map((c) => `cell ${id}/${c}`),
      })),
      ...count.byKind.map((k) => ({
        total: `kind ${k.kind}/${k.category}`,
        parts: places.filter(([, kind]) => kind === k.kind).map(([id]) => `cell ${id}/${k.category}`),
      })),
      ...[...new Set(places.map(([, kind]) => kind))].flatMap((kind) => [
        {
          total: `kind ${kind}`,
          parts: count.byKind.filter((k) => k.kind === kind).map((k) => `kind ${kind}/${k.category}`),
        },
        { total: `kind ${kind}`, parts: places.filter(([, k]) => k === kind).map(([id]) => `place ${id}`) },
      ]),
    ];
    return { count, shown, sums };
  }

  it('hides the SO school’s 3 of level low so that its 15 minus 6 and 6 does not give it away (the probe’s case)', () => {
    const waits = [
      ...aWait('x', 'so', 'low', 3),
      ...aWait('x', 'so', 'medium', 6),
      ...aWait('x', 'so', 'high', 6),
      ...aWait('y', 'sbo', 'none', 7),
    ];
    const { count, shown, sums } = reader(waits);
    expect(count.total).toBe(22);
    expect(shown.get('cell x/low')).toBeNull();
    expect(smallCellsGivenAway(shown, sums)).toEqual([]);
    // Who may read the list sees every count of the same table.
    expect(waitingTable(waits, today).raw([waitingNodes.placeCategory('x', 'low')])).toBe(3);
    expect(countWaiting(waits, today, false).byPlace).toEqual([
      { placeId: 'x', count: 15 },
      { placeId: 'y', count: 7 },
    ]);
  });

  it('leaves nothing to work back from both pages together, on many random lists', () => {
    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const places: [string, CountedWait['kind']][] = [
      ['so1', 'so'],
      ['so2', 'so'],
      ['vso1', 'vso'],
      ['sbo1', 'sbo'],
      ['sbo2', 'sbo'],
      ['opdc1', 'opdc'],
      ['arr1', 'arrangement'],
    ];
    for (let round = 0; round < 40; round++) {
      const waits = places.flatMap(([id, kind]) =>
        (kind === 'so' || kind === 'vso'
          ? (['low', 'medium', 'high'] as const)
          : (['none'] as const)
        ).flatMap((c) => {
          const r = random();
          return aWait(
            id,
            kind,
            c,
            r < 0.3 ? 0 : r < 0.6 ? Math.ceil(random() * 4) : Math.floor(random() * 12),
          );
        }),
      );
      const { shown, sums } = reader(waits);
      expect(smallCellsGivenAway(shown, sums)).toEqual([]);
    }
  });
});
