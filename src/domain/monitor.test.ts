// The monitor's indicators on a small hand-made data set; every expected number is worked out by
// hand in the comments beside it.
import { describe, expect, it } from 'vitest';
import {
  type AbsenceFactsForMonitor,
  arrangementsStartingIn,
  cellOf,
  daysToOffer,
  endingsIn,
  type FigureFacts,
  leadTime,
  levelMovement,
  type MonitorFilter,
  type MonitorSchool,
  median,
  participation,
  participationCountDate,
  percentile,
  placeDimension,
  publishFigure,
  type RequestFactsForMonitor,
  requestResultIn,
  requestResults,
  thuiszittersIn,
  tlvsStartingIn,
  yearsUpTo,
} from './monitor.ts';
import { type Dimension, flatDimension, suppressTable } from './smallCells.ts';

const schools: MonitorSchool[] = [
  { id: 'A', name: 'De Klimop', wijk: 'Noord', kind: 'bao' },
  { id: 'B', name: 'De Linde', wijk: 'Noord', kind: 'bao' },
  { id: 'C', name: 'SBO De Brug', wijk: 'Zuid', kind: 'sbo' },
  { id: 'D', name: 'SO De Boog', wijk: 'Zuid', kind: 'so' },
];
const all: MonitorFilter = { wijk: null, kind: null, requestType: null };

const request = (over: Partial<RequestFactsForMonitor>): RequestFactsForMonitor => ({
  schoolId: 'A',
  typeCode: 'arrangement',
  isTlv: false,
  crisis: false,
  outcome: null,
  category: null,
  completeOn: null,
  deadlineOn: null,
  decidedOn: null,
  withdrawnOn: null,
  periodFrom: null,
  budgetCents: null,
  provider: '',
  evaluationOutcome: null,
  ...over,
});

describe('the school years', () => {
  it('counts participation on 1 October and trends over five years ending at the chosen one', () => {
    expect(participationCountDate('2025-2026')).toBe('2025-10-01');
    expect(yearsUpTo('2025-2026')).toEqual(['2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026']);
  });
});

describe('requests and their lead time', () => {
  // Five ordinary requests decided in 2025-2026, complete on 1 October, deadline 15 October:
  // decided after 14 days (on the deadline day: in time), 15 (a day late), 3, 7 and 10 days.
  const decided = [14, 15, 3, 7, 10].map((days, i) =>
    request({
      schoolId: i < 3 ? 'A' : 'B',
      outcome: 'granted',
      completeOn: '2025-10-01',
      deadlineOn: '2025-10-15',
      decidedOn: `2025-10-${String(1 + days).padStart(2, '0')}`,
    }),
  );
  const withdrawn = request({
    completeOn: '2025-10-01',
    deadlineOn: '2025-10-15',
    withdrawnOn: '2025-10-05',
  });
  const crisis = request({
    crisis: true,
    outcome: 'granted',
    completeOn: '2025-11-03',
    decidedOn: '2025-11-04',
  });

  it('counts a request in the year of its decision, or of its withdrawal', () => {
    expect(decided.map((r) => requestResultIn(r, '2025-2026'))).toEqual(Array(5).fill('granted'));
    expect(requestResultIn(withdrawn, '2025-2026')).toBe('withdrawn');
    expect(requestResultIn(withdrawn, '2024-2025')).toBeNull();
  });

  it('measures complete → decision: median 10 days, 90th percentile 15, 4 of 5 within the deadline; crisis apart; withdrawn not at all', () => {
    const requests = [...decided, withdrawn, crisis];
    // sorted days 3, 7, 10, 14, 15: median the 3rd = 10; p90 = rank ceil(4.5) = 5th = 15;
    // the 14-day one is decided on 15 October, the deadline day (in time); the 15-day one a day late.
    expect(leadTime(requests, '2025-2026', false)).toEqual({
      decided: 5,
      medianDays: 10,
      p90Days: 15,
      withinDeadline: 0.8,
    });
    // One crisis placement: fewer than five, nothing shown but that there were some.
    expect(leadTime(requests, '2025-2026', true)).toEqual({
      decided: null,
      medianDays: null,
      p90Days: null,
      withinDeadline: null,
    });
    expect(leadTime(requests, '2024-2025', false).decided).toBe(0);
  });

  it('publishes requests per outcome with the one withdrawn hidden, and the cell that would give them away', () => {
    // Outcomes 2025-2026: granted 5 (A 3, B 2), withdrawn 1 (A). Total 6.
    const facts: FigureFacts = [...decided, withdrawn].map((r) => ({
      schoolId: r.schoolId,
      values: [r.typeCode, requestResultIn(r, '2025-2026')!],
    }));
    const view = publishFigure({
      schools,
      dimensions: [
        { name: 'type', values: ['arrangement'] },
        { name: 'outcome', values: requestResults },
      ],
      facts,
      filter: all,
      typeDimension: 'type',
    });
    expect(view.total).toBe(6);
    // withdrawn 1 is small; granted 5 is then the only other non-empty part of 6: hidden too.
    expect(cellOf(view, ['*', 'withdrawn'])).toBeNull();
    expect(cellOf(view, ['*', 'granted'])).toBeNull();
    expect(cellOf(view, ['*', 'rejected'])).toBe(0);
    // Noord holds all 6; Zuid none. School A 4 and B 2 are small: hidden.
    expect(view.byWijk).toEqual([
      { wijk: 'Noord', count: 6 },
      { wijk: 'Zuid', count: 0 },
      { wijk: 'none', count: 0 },
    ]);
    expect(view.bySchool).toEqual([
      { schoolId: 'A', count: null },
      { schoolId: 'B', count: null },
      { schoolId: 'C', count: 0 },
      { schoolId: 'D', count: 0 },
    ]);
  });
});

describe('TLVs and arrangements', () => {
  it('counts a TLV in the school year it starts: one decided in June from 1 August counts next year', () => {
    const tlv = request({
      typeCode: 'tlv_so',
      isTlv: true,
      outcome: 'granted',
      category: 'medium',
      decidedOn: '2025-06-20',
      periodFrom: '2025-08-01',
    });
    expect(tlvsStartingIn([tlv], '2024-2025')).toEqual([]);
    expect(tlvsStartingIn([tlv], '2025-2026')).toEqual([tlv]);
  });

  it('counts granted arrangements with a budget by their start, rejected ones not', () => {
    const granted = request({ outcome: 'granted', decidedOn: '2025-09-10', budgetCents: 150_000 });
    const rejected = request({ outcome: 'rejected', decidedOn: '2025-09-10', budgetCents: 150_000 });
    expect(arrangementsStartingIn([granted, rejected], '2025-2026')).toEqual([granted]);
  });
});

describe('children at home', () => {
  const base = { exemptionArticle: null, offerHours: null, ending: null, offers: [] } as const;
  // At home (absolute) from 1 June 2025 until 15 September 2025: across the school-year boundary.
  const across: AbsenceFactsForMonitor = {
    ...base,
    schoolId: 'A',
    kind: 'absolute',
    startedOn: '2025-06-01',
    endedOn: '2025-09-15',
    ending: 'own_school',
    offers: [{ fromOn: '2025-09-01', hours: 6 }],
  };
  // Relative absence of 16 days over the boundary: never 4 weeks, never a thuiszitter.
  const short: AbsenceFactsForMonitor = {
    ...base,
    schoolId: 'B',
    kind: 'relative_long',
    startedOn: '2025-07-20',
    endedOn: '2025-08-05',
  };

  it('counts a child at home across 31 July in both years, by the duration on the year’s last day', () => {
    // 2024-2025: last day 31 July, 2 months at home, no offer yet.
    expect(thuiszittersIn([across, short], '2024-2025')).toEqual([
      { schoolId: 'A', kind: 'absolute', bucket: 'four_weeks_to_three_months', offer: 'without_offer' },
    ]);
    // 2025-2026: last day 14 September, 3.5 months, with the offer of 1 September.
    expect(thuiszittersIn([across, short], '2025-2026')).toEqual([
      { schoolId: 'A', kind: 'absolute', bucket: 'three_to_six_months', offer: 'with_offer' },
    ]);
    expect(thuiszittersIn([across], '2026-2027')).toEqual([]);
  });

  it('measures the days to the first offer (1 June → 1 September: 92 days) and the return in the year it ended', () => {
    expect(daysToOffer([across], '2025-2026')).toEqual([92]);
    expect(daysToOffer([across], '2024-2025')).toEqual([]);
    expect(endingsIn([across], '2025-2026')).toEqual([across]);
    expect(endingsIn([across], '2024-2025')).toEqual([]);
  });
});

describe('participation on 1 October', () => {
  it('is the SBO, SO and VSO pupils as a share of all, per wijk too; a small school kind hides the share', () => {
    const counts = [
      { schoolId: 'A', pupils: 400 },
      { schoolId: 'B', pupils: 560 },
      { schoolId: 'C', pupils: 25 },
      { schoolId: 'D', pupils: 15 },
    ];
    // 40 of 1000 = 4.0 %.
    expect(participation(schools, counts, all)).toEqual({
      pupils: 1000,
      special: 40,
      share: 4,
      perKind: [
        { kind: 'bao', count: 960 },
        { kind: 'sbo', count: 25 },
        { kind: 'so', count: 15 },
      ],
    });
    // Zuid: 40 of 40 (the wijk of the special schools).
    expect(participation(schools, counts, { ...all, wijk: 'Zuid' }).share).toBe(100);
    const small = counts.map((c) => (c.schoolId === 'D' ? { ...c, pupils: 3 } : c));
    const result = participation(schools, small, all);
    // SO 3 is hidden, and SBO with it (it alone would give SO away from the total of 988).
    expect(result.perKind.find((k) => k.kind === 'so')!.count).toBeNull();
    expect(result.special).toBeNull();
    expect(result.share).toBeNull();
  });
});

describe('support levels over the year', () => {
  it('moves up, stays or moves back down between 1 August and 31 July', () => {
    const up = [{ studentId: 'x', level: 3, previousLevel: 2, effectiveOn: '2025-11-01' }];
    const upAndBack = [...up, { studentId: 'x', level: 2, previousLevel: 3, effectiveOn: '2026-03-01' }];
    const down = [{ studentId: 'y', level: 2, previousLevel: 4, effectiveOn: '2026-07-31' }];
    const next = [{ studentId: 'z', level: 4, previousLevel: 3, effectiveOn: '2026-08-01' }];
    expect(levelMovement(up, '2025-2026')).toBe('up');
    expect(levelMovement(upAndBack, '2025-2026')).toBe('stay');
    expect(levelMovement(down, '2025-2026')).toBe('down');
    expect(levelMovement(next, '2025-2026')).toBe('stay');
  });
});

describe('statistics', () => {
  it('takes the median and the nearest-rank percentile', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
  });
});

// --- no suppressed cell can be worked back --------------------------------------------------------

/** Every published sum and its parts, as a reader would write them down. */
function linesOf(dimensions: readonly Dimension[]) {
  let cells: string[][] = [[]];
  for (const d of dimensions) cells = cells.flatMap((c) => d.nodes.map((n) => [...c, n]));
  return cells.flatMap((cell) =>
    dimensions.flatMap((d, i) =>
      d.splits
        .filter((s) => s.parent === cell[i])
        .map((s) => ({
          total: cell,
          parts: s.children.map((child) => cell.map((n, j) => (j === i ? child : n))),
        })),
    ),
  );
}

/** A reader who solves every line with one unknown, over and over; returns what they learnt. */
function attack(dimensions: readonly Dimension[], shown: (nodes: string[]) => number | null) {
  const known = new Map<string, number>();
  let cells: string[][] = [[]];
  for (const d of dimensions) cells = cells.flatMap((c) => d.nodes.map((n) => [...c, n]));
  for (const cell of cells) {
    const value = shown(cell);
    if (value !== null) known.set(cell.join('|'), value);
  }
  const lines = linesOf(dimensions);
  const learnt = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of lines) {
      const keys = [line.total, ...line.parts].map((c) => c.join('|'));
      const unknown = keys.filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [total, ...parts] = keys;
      const sumParts = parts.reduce((s, k) => s + (known.get(k) ?? 0), 0);
      const value = unknown[0] === total ? sumParts : known.get(total!)! - sumParts;
      known.set(unknown[0]!, value);
      learnt.add(unknown[0]!);
      progress = true;
    }
  }
  return learnt;
}

describe('suppression over every cut the page offers', () => {
  it('hides a count of 4, and the part that the total minus the shown cells would reveal', () => {
    const outcome = flatDimension(['granted', 'rejected', 'withdrawn']);
    const table = suppressTable(
      [outcome],
      new Map([
        ['granted', 10],
        ['rejected', 4],
        ['withdrawn', 6],
      ]),
    );
    expect(['*', 'granted', 'rejected', 'withdrawn'].map((n) => table.count([n]))).toEqual([
      20,
      10,
      null,
      null,
    ]);
  });

  it('hides two small parts that together hold fewer than five, and one more', () => {
    const outcome = flatDimension(['a', 'b', 'c', 'd']);
    const table = suppressTable(
      [outcome],
      new Map([
        ['a', 10],
        ['b', 1],
        ['c', 2],
        ['d', 20],
      ]),
    );
    expect(['*', 'a', 'b', 'c', 'd'].map((n) => table.count([n]))).toEqual([33, null, null, null, 20]);
  });

  it('leaves nothing to work back across wijk, school kind, school and outcome, on many random tables', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const places = placeDimension(schools);
    const outcome = flatDimension(['granted', 'rejected', 'withdrawn']);
    for (let round = 0; round < 40; round++) {
      const leafCounts = new Map<string, number>();
      for (const s of [...schools.map((x) => x.id), 'none']) {
        for (const o of ['granted', 'rejected', 'withdrawn']) {
          const r = random();
          leafCounts.set(
            `s:${s}\u001f${o}`,
            r < 0.3 ? 0 : r < 0.6 ? Math.ceil(random() * 4) : Math.floor(random() * 30),
          );
        }
      }
      const table = suppressTable([places, outcome], leafCounts);
      const learnt = attack([places, outcome], (nodes) => table.count(nodes));
      const hiddenLearnt = [...learnt].filter((k) => table.count(k.split('|')) === null);
      expect(hiddenLearnt).toEqual([]);
      // And no shown cell is small.
      for (const [key, count] of leafCounts) {
        const shown = table.count(key.split('\u001f'));
        if (count > 0 && count < 5) expect(shown).toBeNull();
      }
    }
  });
});
