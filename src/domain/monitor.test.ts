// The monitor's indicators on a small hand-made data set; every expected number is worked out by
// hand in the comments beside it.
import { describe, expect, it } from 'vitest';
import {
  type AbsenceFactsForMonitor,
  answersIn,
  arrangementsStartingIn,
  cellOf,
  daysToOffer,
  endingsIn,
  type FigureFacts,
  leadTime,
  levelMovement,
  type MonitorFilter,
  type MonitorSchool,
  meanScore,
  median,
  opdcPlacementsIn,
  opdcPlacementsOf,
  participation,
  participationCountDate,
  percentile,
  placeDimension,
  placedFromListIn,
  placeNode,
  publishFigure,
  type RequestFactsForMonitor,
  requestResultIn,
  requestResults,
  returnsIn,
  type SurveyFactForMonitor,
  scopeOf,
  type TransitionFactsForMonitor,
  thuiszittersIn,
  tlvsStartingIn,
  transitionsIn,
  type WaitFactsForMonitor,
  waitingOn,
  wholeSwv,
  yearsUpTo,
} from './monitor.ts';
import { type Dimension, flatDimension, suppressTable } from './smallCells.ts';

const schools: MonitorSchool[] = [
  { id: 'A', name: 'De Klimop', wijk: 'Noord', kind: 'bao', municipality: 'Stad' },
  { id: 'B', name: 'De Linde', wijk: 'Noord', kind: 'bao', municipality: 'Stad' },
  { id: 'C', name: 'SBO De Brug', wijk: 'Zuid', kind: 'sbo', municipality: 'Stad' },
  { id: 'D', name: 'SO De Boog', wijk: 'Zuid', kind: 'so', municipality: 'Dorp' },
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

describe('OPDC placements', () => {
  const opdc = (
    over: Partial<RequestFactsForMonitor>,
    plannedReturnOn: string | null,
    returnedOn: string | null,
  ) => ({
    ...request({ typeCode: 'opdc_placement', outcome: 'granted', decidedOn: '2025-09-10', ...over }),
    plannedReturnOn,
    returnedOn,
  });
  const placements = opdcPlacementsOf([
    // Back at a regular school on 12 January, three days before the planned return.
    opdc({ periodFrom: '2025-09-15' }, '2026-01-15', '2026-01-12'),
    // The return is planned on 31 July, the year's last day: not yet overdue.
    opdc({ periodFrom: '2025-10-01' }, '2026-07-31', null),
    // Planned back on 30 July and not back: overdue on 31 July.
    opdc({ periodFrom: '2026-02-01', schoolId: 'B' }, '2026-07-30', null),
    // Back on 31 July itself: returned.
    opdc({ periodFrom: '2026-03-01', schoolId: 'B' }, '2026-06-01', '2026-07-31'),
    // Started on 31 July 2025: last year's, back only after that year ended.
    opdc({ decidedOn: '2025-07-20', periodFrom: '2025-07-31' }, '2025-11-01', '2025-08-15'),
    // Without a period: it starts on the decision.
    opdc({ decidedOn: '2025-08-01' }, null, null),
    // Rejected, withdrawn and other types are no placements.
    opdc({ outcome: 'rejected', periodFrom: '2025-10-01' }, '2026-01-01', null),
    opdc({ outcome: null, withdrawnOn: '2025-10-01' }, '2026-01-01', null),
    { ...request({ outcome: 'granted', decidedOn: '2025-10-01' }), plannedReturnOn: null, returnedOn: null },
  ]);

  it('counts a granted placement in the year it starts, by where it stood on 31 July', () => {
    expect(placements).toHaveLength(6);
    expect(opdcPlacementsIn(placements, '2025-2026', '2026-11-23')).toEqual([
      { schoolId: 'A', state: 'returned' },
      { schoolId: 'A', state: 'placed' },
      { schoolId: 'B', state: 'return_overdue' },
      { schoolId: 'B', state: 'returned' },
      { schoolId: 'A', state: 'placed' },
    ]);
    // Last year's placement had not returned by 31 July 2025, and was not yet due back.
    expect(opdcPlacementsIn(placements, '2024-2025', '2026-11-23')).toEqual([
      { schoolId: 'A', state: 'placed' },
    ]);
    // While the year runs it counts on today: on 12 January the first is back that day, and the
    // one due back on 15 January is not yet overdue on the 14th.
    expect(opdcPlacementsIn(placements, '2025-2026', '2026-01-12')[0]).toEqual({
      schoolId: 'A',
      state: 'returned',
    });
    expect(opdcPlacementsIn(placements.slice(0, 1), '2025-2026', '2026-01-11')).toEqual([
      { schoolId: 'A', state: 'placed' },
    ]);
    const dueOn15 = { ...placements[0]!, returnedOn: null };
    expect(opdcPlacementsIn([dueOn15], '2025-2026', '2026-01-15')).toEqual([
      { schoolId: 'A', state: 'placed' },
    ]);
    expect(opdcPlacementsIn([dueOn15], '2025-2026', '2026-01-16')).toEqual([
      { schoolId: 'A', state: 'return_overdue' },
    ]);
  });
});

describe('transitions', () => {
  const move = (over: Partial<TransitionFactsForMonitor>): TransitionFactsForMonitor => ({
    direction: 'within',
    moveKind: 'between_schools',
    fromSchoolId: 'A',
    toSchoolId: 'B',
    fromKind: 'bao',
    movesOn: '2025-09-01',
    handedOverOn: null,
    riskFlags: [],
    decidedOn: null,
    outcome: null,
    startedOn: null,
    ...over,
  });

  it('counts returns to regular school on the first day there, or for another SWV on the planned day when handed over', () => {
    const back = { moveKind: 'to_regular', fromSchoolId: 'C', fromKind: 'sbo', toSchoolId: 'A' };
    const moves = [
      // From the SBO, placed, first day 1 August 2025: the first day of 2025-2026.
      move({ ...back, outcome: 'placed', decidedOn: '2025-07-10', startedOn: '2025-08-01' }),
      // From the SO, placed without a start date: on the planned day, 31 July 2026.
      move({
        ...back,
        fromSchoolId: 'D',
        fromKind: 'so',
        movesOn: '2026-07-31',
        outcome: 'placed',
        decidedOn: '2026-06-01',
      }),
      // Not placed, or not yet decided: no return.
      move({ ...back, outcome: 'not_placed', decidedOn: '2025-09-20' }),
      move(back),
      // To another SWV's school: handed over counts on the planned day; not handed over does not.
      move({ ...back, direction: 'outgoing', fromKind: 'vso', toSchoolId: null, handedOverOn: '2025-06-01' }),
      move({ ...back, direction: 'outgoing', toSchoolId: null, movesOn: '2026-03-01' }),
      // From another SWV's special school to ours: counted at the receiving school.
      move({
        ...back,
        direction: 'incoming',
        fromSchoolId: null,
        fromKind: null,
        outcome: 'placed',
        decidedOn: '2025-10-01',
        startedOn: '2025-10-06',
      }),
      // A move between regular schools is no return; one starting 31 July 2025 is last year's.
      move({ outcome: 'placed', decidedOn: '2025-09-01', startedOn: '2025-09-01' }),
      move({ ...back, outcome: 'placed', decidedOn: '2025-07-01', startedOn: '2025-07-31' }),
    ];
    expect(returnsIn(moves, '2025-2026')).toEqual([
      { schoolId: 'C', origin: 'sbo' },
      { schoolId: 'D', origin: 'so' },
      { schoolId: 'C', origin: 'vso' },
      { schoolId: 'A', origin: 'other_swv' },
    ]);
    expect(returnsIn(moves, '2024-2025')).toEqual([{ schoolId: 'C', origin: 'sbo' }]);
  });

  it('counts the moves of the year by their hand-over’s risks and where they stood on 31 July', () => {
    const moves = [
      move({
        handedOverOn: '2025-06-20',
        riskFlags: ['level_4'],
        decidedOn: '2025-08-20',
        outcome: 'placed',
      }),
      // Planned on the last day, decided after it: open on 31 July, its hand-over without flags.
      move({ movesOn: '2026-07-31', handedOverOn: '2026-06-01', decidedOn: '2026-08-05', outcome: 'placed' }),
      // To another SWV: handed over, with flags; its decision is the other SWV's.
      move({
        direction: 'outgoing',
        toSchoolId: null,
        handedOverOn: '2025-07-01',
        riskFlags: ['active_plan', 'opdc'],
      }),
      move({ direction: 'outgoing', toSchoolId: null, movesOn: '2026-03-01', fromSchoolId: 'B' }),
      // Handed over only after the year: not handed over on 31 July.
      move({ movesOn: '2026-07-15', handedOverOn: '2026-08-02', riskFlags: ['level_4'] }),
      // From another SWV: counted at the receiving school.
      move({
        direction: 'incoming',
        fromSchoolId: null,
        toSchoolId: 'D',
        handedOverOn: '2025-12-01',
        decidedOn: '2026-01-10',
        outcome: 'not_placed',
      }),
      // Planned for next year.
      move({ movesOn: '2026-08-01', handedOverOn: '2026-06-01', riskFlags: ['level_4'] }),
    ];
    expect(transitionsIn(moves, '2025-2026')).toEqual([
      { schoolId: 'A', risk: 'with_risks', state: 'placed' },
      { schoolId: 'A', risk: 'without_risks', state: 'open' },
      { schoolId: 'A', risk: 'with_risks', state: 'to_other_swv' },
      { schoolId: 'B', risk: 'not_handed_over', state: 'open' },
      { schoolId: 'A', risk: 'not_handed_over', state: 'open' },
      { schoolId: 'D', risk: 'without_risks', state: 'not_placed' },
    ]);
    // Next year the last one is still open, with its risks: an open risk.
    expect(transitionsIn(moves, '2026-2027')).toEqual([{ schoolId: 'A', risk: 'with_risks', state: 'open' }]);
  });
});

describe('waiting lists', () => {
  const wait = (over: Partial<WaitFactsForMonitor>): WaitFactsForMonitor => ({
    schoolId: 'A',
    kind: 'so',
    since: '2025-07-01',
    endedOn: null,
    ending: null,
    ...over,
  });
  const waits = [
    // Since 1 July: exactly 3 months on 1 October, so in 3–6 months.
    wait({}),
    // Placed on 1 October itself: no longer waiting that day; 29 days on the list.
    wait({ kind: 'sbo', since: '2025-09-02', endedOn: '2025-10-01', ending: 'placed' }),
    // From 1 October: waiting that day, under a month.
    wait({ kind: 'arrangement', since: '2025-10-01', schoolId: 'B' }),
    // Since 1 April: 6 months on 1 October; placed on 1 August 2026, next year.
    wait({ kind: 'opdc', since: '2025-04-01', endedOn: '2026-08-01', ending: 'placed' }),
    // Withdrawn on 30 September.
    wait({ since: '2025-09-01', endedOn: '2025-09-30', ending: 'withdrawn' }),
    // Since 1 September: exactly one month, 1–3 months.
    wait({ kind: 'sbo', since: '2025-09-01', schoolId: null }),
  ];

  it('counts who waits on 1 October by what for and how long, a month, 3 and 6 months on the day in the longer bucket', () => {
    expect(waitingOn(waits, '2025-2026')).toEqual([
      { schoolId: 'A', kind: 'so', bucket: 'three_to_six_months' },
      { schoolId: 'B', kind: 'arrangement', bucket: 'under_one_month' },
      { schoolId: 'A', kind: 'opdc', bucket: 'six_months_or_more' },
      { schoolId: null, kind: 'sbo', bucket: 'one_to_three_months' },
    ]);
    // On 1 October 2024 only the wait of the year before… none started yet.
    expect(waitingOn(waits, '2024-2025')).toEqual([]);
  });

  it('measures the days waited by those placed from the list in the year they were placed', () => {
    expect(placedFromListIn(waits, '2025-2026')).toEqual([{ schoolId: 'A', kind: 'sbo', days: 29 }]);
    // 1 April 2025 → 1 April 2026 is 365 days, to 1 August 30 + 31 + 30 + 31 more: 487.
    expect(placedFromListIn(waits, '2026-2027')).toEqual([{ schoolId: 'A', kind: 'opdc', days: 487 }]);
  });
});

describe('satisfaction of parents and pupils', () => {
  const answer = (
    respondent: 'parent' | 'pupil',
    overall: number | null,
    schoolYear = '2025-2026',
  ): SurveyFactForMonitor => ({
    schoolId: 'A',
    schoolYear,
    respondent,
    overall,
  });

  it('counts the answers with an overall score and shows a mean of five or more only', () => {
    const answers = [
      ...[4, 4, 5, 3, 5, 3].map((n) => answer('parent', n)),
      answer('parent', null),
      ...[5, 4, 4, 3].map((n) => answer('pupil', n)),
      answer('pupil', 1, '2024-2025'),
    ];
    const year = answersIn(answers, '2025-2026');
    expect(year).toHaveLength(10);
    // Parents: 4 + 4 + 5 + 3 + 5 + 3 = 24 over 6 = 4.0; pupils: four answers, no mean.
    expect(meanScore(year.filter((a) => a.respondent === 'parent').map((a) => a.overall!))).toBe(4);
    expect(meanScore(year.filter((a) => a.respondent === 'pupil').map((a) => a.overall!))).toBeNull();
    // 1, 2, 2, 2, 2, 2: 11 / 6 = 1.83 → 1.8.
    expect(meanScore([1, 2, 2, 2, 2, 2])).toBe(1.8);
    // Published by respondent: pupils 4 is hidden, and parents 6 with it (10 − 6 would give it away).
    const view = publishFigure({
      schools,
      dimensions: [{ name: 'respondent', values: ['parent', 'pupil'] }],
      facts: year.map((a) => ({ schoolId: a.schoolId, values: [a.respondent] })),
      filter: all,
    });
    expect([cellOf(view, ['*']), cellOf(view, ['parent']), cellOf(view, ['pupil'])]).toEqual([
      10,
      null,
      null,
    ]);
  });
});

describe('the municipality cut', () => {
  it('is a place node beside wijk and school kind, and filters combine', () => {
    const places = placeDimension(schools);
    expect(places.leavesOf.get(placeNode({ municipality: 'Dorp' }))).toEqual(['s:D']);
    expect(places.leavesOf.get(scopeOf({ municipality: 'Stad', wijk: 'Zuid', kind: null }))).toEqual(['s:C']);
    expect(places.leavesOf.get(scopeOf({ municipality: 'Stad', wijk: null, kind: 'bao' }))).toEqual([
      's:A',
      's:B',
    ]);
    // The SWV is the sum of its municipalities (and "none", for facts without a school).
    expect(places.splits).toContainEqual({
      parent: '*',
      children: [
        placeNode({ municipality: 'Dorp' }),
        placeNode({ municipality: 'Stad' }),
        placeNode({ municipality: 'none' }),
      ].sort(),
    });
  });

  it('publishes a figure for one municipality from the same suppressed table', () => {
    const facts: FigureFacts = [
      ...Array.from({ length: 7 }, () => ({ schoolId: 'A', values: ['granted'] })),
      ...Array.from({ length: 6 }, () => ({ schoolId: 'C', values: ['granted'] })),
      ...Array.from({ length: 3 }, () => ({ schoolId: 'D', values: ['granted'] })),
    ];
    const publish = (filter: MonitorFilter) =>
      publishFigure({ schools, dimensions: [{ name: 'outcome', values: ['granted'] }], facts, filter });
    // Dorp holds 3: hidden; Stad (13) with it, else 16 − 13 gives Dorp away.
    expect(publish({ ...all, municipality: 'Dorp' }).total).toBeNull();
    expect(publish({ ...all, municipality: 'Stad' }).total).toBeNull();
    expect(publish(all).total).toBe(16);
    // Wijk Zuid (9) is shown; within it the wijk per municipality: Stad 6 would give Dorp's 3 away.
    expect(publish({ ...all, wijk: 'Zuid' }).total).toBe(9);
    expect(publish({ ...all, wijk: 'Zuid', municipality: 'Stad' }).total).toBeNull();
    expect(publish({ ...all, municipality: 'Stad' }).byWijk).toEqual([
      { wijk: 'Noord', count: 7 },
      { wijk: 'Zuid', count: null },
      { wijk: 'none', count: 0 },
    ]);
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

  it('leaves nothing to work back across municipality, wijk, school kind, school and outcome, on many random tables', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Two municipalities, a wijk that crosses the border (Zuid), and a municipality of one wijk.
    const richer: MonitorSchool[] = [
      ...schools,
      { id: 'E', name: 'De Es', wijk: 'Zuid', kind: 'bao', municipality: 'Dorp' },
      { id: 'F', name: 'De Vlier', wijk: 'West', kind: 'bao', municipality: 'Dorp' },
      { id: 'G', name: 'De Wilg', wijk: 'Oost', kind: 'sbo', municipality: 'Gehucht' },
    ];
    const places = placeDimension(richer);
    // The reader's lines include the municipality's: the SWV as their sum, each as a sum of its wijken.
    const lines = linesOf([places]).map((l) => [l.total[0], ...l.parts.map((p) => p[0])].join(' = '));
    expect(lines).toContain(
      ['*', ...['Dorp', 'Gehucht', 'Stad', 'none'].map((m) => placeNode({ municipality: m }))].join(' = '),
    );
    expect(lines).toContain(
      [
        placeNode({ municipality: 'Dorp' }),
        placeNode({ municipality: 'Dorp', wijk: 'West' }),
        placeNode({ municipality: 'Dorp', wijk: 'Zuid' }),
      ].join(' = '),
    );
    const outcome = flatDimension(['granted', 'rejected', 'withdrawn']);
    for (let round = 0; round < 40; round++) {
      const leafCounts = new Map<string, number>();
      for (const s of [...richer.map((x) => x.id), 'none']) {
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

describe('the whole SWV', () => {
  it('is a filter with every cut unset, the municipality too', () => {
    const none = { wijk: null, kind: null, requestType: null };
    expect(wholeSwv(none)).toBe(true);
    expect(wholeSwv({ ...none, municipality: null })).toBe(true);
    expect(wholeSwv({ ...none, municipality: 'Stad' })).toBe(false);
    expect(wholeSwv({ ...none, wijk: 'Zuid' })).toBe(false);
    expect(wholeSwv({ ...none, kind: 'so' })).toBe(false);
    expect(wholeSwv({ ...none, requestType: 'tlv_so' })).toBe(false);
  });
});
