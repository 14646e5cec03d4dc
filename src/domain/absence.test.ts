import { describe, expect, it } from 'vitest';
import { type KnownSum, smallCellsGivenAway } from '../../test/support/subtraction.ts';
import {
  type AbsenceCaseFacts,
  absenceCaseRefusal,
  absenceFiguresTable,
  absenceNodes,
  addedAt,
  countAbsence,
  countsAsThuiszitter,
  durationBucket,
  durationBuckets,
  endRefusal,
  type FigureCaseFacts,
  linkRefusal,
  offerRefusal,
  pastTheRedLine,
  thresholdDate,
  thresholdsCrossed,
  watchDueOn,
  watchOpenRefusal,
} from './absence.ts';

const open = (
  kind: AbsenceCaseFacts['kind'],
  startedOn: string,
  offerHours: number | null = null,
): AbsenceCaseFacts => ({
  kind,
  startedOn,
  endedOn: null,
  offerHours,
});

describe('thresholds', () => {
  it('falls on 4 weeks, 3 and 6 calendar months after the start (a month end clamped)', () => {
    expect(thresholdDate('2026-09-03', 'four_weeks')).toBe('2026-10-01');
    expect(thresholdDate('2026-11-30', 'three_months')).toBe('2027-02-28');
    expect(thresholdDate('2026-08-31', 'six_months')).toBe('2027-02-28');
    expect(thresholdsCrossed('2026-06-15', '2026-09-14')).toEqual(['four_weeks']);
    expect(thresholdsCrossed('2026-06-15', '2026-09-15')).toEqual(['four_weeks', 'three_months']);
    expect(thresholdsCrossed('2026-06-15', '2026-12-15')).toEqual([
      'four_weeks',
      'three_months',
      'six_months',
    ]);
  });

  it('puts a case exactly 4 weeks old in the second bucket, and one a day younger in the first', () => {
    expect(durationBucket('2026-09-03', '2026-10-01')).toBe('four_weeks_to_three_months');
    expect(durationBucket('2026-09-04', '2026-10-01')).toBe('under_four_weeks');
  });
});

describe('counting by the national definitions', () => {
  // A hand-made set on reference date 1 October 2026; the answers below were worked out by hand.
  const on = '2026-10-01';
  const cases: AbsenceCaseFacts[] = [
    open('absolute', '2026-09-01'), // A: 30 days, 4 weeks passed on 29 Sept; no offer
    open('relative_long', '2026-09-03', 4), // B: exactly 4 weeks today; 4 hours of offer
    open('relative_long', '2026-09-04'), // C: 4 weeks only tomorrow: not yet a thuiszitter
    open('relative_long', '2026-06-15'), // D: across the school year's start, 3 months on 15 Sept; no offer
    open('exemption', '2025-01-01'), // E: exemption (art. 5a): counted apart
    open('authorised_long', '2026-08-01'), // F: ill: not counted
    { kind: 'absolute', startedOn: '2026-03-01', endedOn: '2026-09-30', offerHours: null }, // G: ended yesterday
    open('absolute', '2026-03-31', 10), // H: 6 months on 30 Sept; 10 hours of offer
  ];

  it('counts absolute absence and relative absence of 4 weeks and more, by kind, duration and offer', () => {
    expect(countAbsence(cases, on)).toEqual({
      thuiszitters: [
        { kind: 'absolute', bucket: 'four_weeks_to_three_months', withOffer: false, count: 1 },
        { kind: 'absolute', bucket: 'over_six_months', withOffer: true, count: 1 },
        { kind: 'relative_long', bucket: 'four_weeks_to_three_months', withOffer: true, count: 1 },
        { kind: 'relative_long', bucket: 'three_to_six_months', withOffer: false, count: 1 },
      ],
      exemptions: 1,
      total: 4,
    });
  });

  it('counts an absolute absence from its first day, and no case before it starts or after it ends', () => {
    expect(countsAsThuiszitter(open('absolute', on), on)).toBe(true);
    expect(countsAsThuiszitter(open('absolute', '2026-10-02'), on)).toBe(false);
    expect(countsAsThuiszitter(cases[6]!, on)).toBe(false);
    expect(countsAsThuiszitter(cases[6]!, '2026-09-29')).toBe(true);
  });

  it('draws the red line at 3 months at home without an offer', () => {
    expect(cases.filter((facts) => pastTheRedLine(facts, on)).map((facts) => facts.startedOn)).toEqual([
      '2026-06-15',
    ]);
    // An offer of 0 hours is no offer.
    expect(pastTheRedLine(open('absolute', '2026-01-01', 0), on)).toBe(true);
  });
});

describe('the dates and kind of a case', () => {
  const context = {
    today: '2026-12-02',
    birthDate: '2015-05-01',
    otherCases: [{ startedOn: '2026-01-10', endedOn: '2026-03-01' }],
  };
  const input = { kind: 'absolute' as const, startedOn: '2026-11-01', endedOn: null, exemptionArticle: null };

  it('takes a case after the child’s earlier one', () => {
    expect(absenceCaseRefusal(input, context)).toBeNull();
    expect(absenceCaseRefusal({ ...input, startedOn: '2026-03-01' }, context)).toBeNull();
  });

  it('refuses a date in the future or before the birth, an end before the start, and an overlap', () => {
    expect(absenceCaseRefusal({ ...input, startedOn: '2026-12-03' }, context)?.rule).toBe('date_in_future');
    expect(absenceCaseRefusal({ ...input, startedOn: '2014-01-01' }, context)?.rule).toBe(
      'date_before_birth',
    );
    expect(absenceCaseRefusal({ ...input, endedOn: '2026-10-01' }, context)?.rule).toBe('ends_before_start');
    expect(absenceCaseRefusal({ ...input, startedOn: '2026-02-01' }, context)?.rule).toBe(
      'absence_cases_overlap',
    );
    expect(absenceCaseRefusal({ ...input, startedOn: '2025-12-01' }, context)?.rule).toBe(
      'absence_cases_overlap',
    );
  });

  it('asks an exemption for its article', () => {
    expect(absenceCaseRefusal({ ...input, kind: 'exemption' }, context)?.rule).toBe(
      'exemption_needs_article',
    );
    expect(absenceCaseRefusal({ ...input, kind: 'exemption', exemptionArticle: '5a' }, context)).toBeNull();
  });
});

// An outside probe linked a second open case to a child that had one: the child counted twice.
describe('linking a case to a student record', () => {
  const unlinked = {
    studentId: null,
    kind: 'absolute' as const,
    startedOn: '2026-09-01',
    endedOn: null,
    exemptionArticle: null,
  };
  const record = { today: '2026-12-02', birthDate: '2016-04-12', otherCases: [] };

  it('takes a case the record’s child holds as a new one', () => {
    expect(linkRefusal(unlinked, record)).toBeNull();
    expect(
      linkRefusal(unlinked, { ...record, otherCases: [{ startedOn: '2026-01-05', endedOn: '2026-09-01' }] }),
    ).toBeNull();
  });

  it('refuses a second link, a case overlapping the record’s other case, or starting before its birth', () => {
    expect(linkRefusal({ ...unlinked, studentId: 'a-student' }, record)?.rule).toBe(
      'absence_case_has_student',
    );
    expect(
      linkRefusal(unlinked, { ...record, otherCases: [{ startedOn: '2026-10-01', endedOn: null }] })?.rule,
    ).toBe('absence_cases_overlap');
    expect(linkRefusal(unlinked, { ...record, birthDate: '2026-09-02' })?.rule).toBe('date_before_birth');
  });
});

describe('the work on a case', () => {
  const open = { startedOn: '2026-09-01', endedOn: null, today: '2026-12-02' };
  const offer = { fromOn: '2026-11-01', educationHours: 6, careHours: 4 };

  it('takes an offer of 0 to 40 hours within the case, never before the previous one', () => {
    expect(offerRefusal(offer, { ...open, lastFromOn: null })).toBeNull();
    expect(offerRefusal({ ...offer, careHours: 35 }, { ...open, lastFromOn: null })?.rule).toBe(
      'offer_hours_out_of_range',
    );
    expect(offerRefusal({ ...offer, careHours: -1 }, { ...open, lastFromOn: null })?.rule).toBe(
      'offer_hours_out_of_range',
    );
    expect(offerRefusal({ ...offer, fromOn: '2026-12-03' }, { ...open, lastFromOn: null })?.rule).toBe(
      'date_in_future',
    );
    expect(offerRefusal({ ...offer, fromOn: '2026-08-31' }, { ...open, lastFromOn: null })?.rule).toBe(
      'offer_before_case',
    );
    expect(offerRefusal(offer, { ...open, lastFromOn: '2026-11-02' })?.rule).toBe('offer_before_previous');
    expect(offerRefusal(offer, { ...open, endedOn: '2026-11-30', lastFromOn: null })?.rule).toBe(
      'absence_case_ended',
    );
  });

  it('ends a case once, not in the future and not before its start', () => {
    expect(endRefusal('2026-12-01', open)).toBeNull();
    expect(endRefusal('2026-12-01', { ...open, endedOn: '2026-11-30' })?.rule).toBe(
      'absence_case_already_ended',
    );
    expect(endRefusal('2026-12-03', open)?.rule).toBe('date_in_future');
    expect(endRefusal('2026-08-01', open)?.rule).toBe('ends_before_start');
  });

  it('lets a watch cross the definition after 4 weeks, and converts it once', () => {
    expect(watchDueOn('2026-11-02')).toBe('2026-11-30');
    expect(watchOpenRefusal('open')).toBeNull();
    expect(watchOpenRefusal('converted')?.rule).toBe('watch_not_open');
  });

  it('escalates along the municipality’s own ladder when it has one, else the SWV’s', () => {
    const ladder = [
      { municipality: '', threshold: 'three_months' as const, userId: 'director' },
      { municipality: '', threshold: 'six_months' as const, userId: 'doorzetter' },
      { municipality: 'Nieuwegein', threshold: 'three_months' as const, userId: 'alderman' },
    ];
    expect(addedAt(ladder, 'Utrecht', 'four_weeks')).toEqual([]);
    expect(addedAt(ladder, 'Utrecht', 'three_months')).toEqual(['director']);
    expect(addedAt(ladder, 'Utrecht', 'six_months')).toEqual(['doorzetter']);
    expect(addedAt(ladder, 'Nieuwegein', 'three_months')).toEqual(['alderman']);
    expect(addedAt(ladder, 'Nieuwegein', 'six_months')).toEqual([]);
  });
});

describe('the figures as one table', () => {
  const on = '2026-11-23';
  const wijkOf: Record<string, string> = { S1: 'West', S2: 'West', S3: 'Oost' };
  const aCase = (
    schoolId: string,
    kind: AbsenceCaseFacts['kind'],
    startedOn: string,
    municipality = 'U',
    offerHours: number | null = null,
  ): FigureCaseFacts => ({
    ...open(kind, startedOn, offerHours),
    schoolId,
    wijk: wijkOf[schoolId] ?? null,
    municipality,
  });
  const groups = (['absolute', 'relative_long'] as const).flatMap((kind) =>
    durationBuckets.flatMap((bucket) => [false, true].map((withOffer) => ({ kind, bucket, withOffer }))),
  );

  /** Every cell of the figures page, and every sum a reader knows holds between them. */
  function reader(cases: readonly FigureCaseFacts[]) {
    const table = absenceFiguresTable(cases, on);
    const group = (g: (typeof groups)[number]) => absenceNodes.group(g.kind, g.bucket, g.withOffer);
    const schools = [...new Set(cases.map((c) => c.schoolId ?? ''))];
    const wijken = [...new Set(cases.map((c) => c.wijk ?? ''))];
    const municipalities = [...new Set(cases.map((c) => c.municipality))];
    const nodes = [
      absenceNodes.total,
      absenceNodes.redLine,
      ...groups.map(group),
      ...schools.map(absenceNodes.school),
      ...wijken.map(absenceNodes.wijk),
      ...municipalities.map(absenceNodes.municipality),
    ];
    const shown = new Map(nodes.map((node) => [node, table.count([node])]));
    const sums: KnownSum[] = [
      { total: absenceNodes.total, parts: groups.map(group) },
      { total: absenceNodes.total, parts: schools.map(absenceNodes.school) },
      { total: absenceNodes.total, parts: wijken.map(absenceNodes.wijk) },
      { total: absenceNodes.total, parts: municipalities.map(absenceNodes.municipality) },
      ...wijken.map((w) => ({
        total: absenceNodes.wijk(w),
        parts: schools.filter((s) => (wijkOf[s] ?? '') === w).map(absenceNodes.school),
      })),
      {
        total: absenceNodes.redLine,
        parts: [
          ...groups.filter((g) => !g.withOffer && durationBuckets.indexOf(g.bucket) >= 2).map(group),
          'others past the red line',
        ],
      },
    ];
    return { table, shown, sums };
  }

  it('hides S1’s 1 so that wijk West’s 7 minus S2’s 6 does not give it away (the probe’s case)', () => {
    const cases = [
      aCase('S1', 'relative_long', '2026-07-01'),
      ...Array.from({ length: 6 }, () => aCase('S2', 'relative_long', '2026-07-01')),
      ...Array.from({ length: 5 }, () => aCase('S3', 'relative_long', '2026-07-01')),
    ];
    const { table, shown, sums } = reader(cases);
    expect(shown.get(absenceNodes.school('S1'))).toBeNull();
    expect(smallCellsGivenAway(shown, sums)).toEqual([]);
    expect(table.raw([absenceNodes.wijk('West')])).toBe(7);
  });

  it('keeps the red line from giving away the long authorised absences past it', () => {
    const cases = [
      ...Array.from({ length: 10 }, () => aCase('S2', 'relative_long', '2026-03-01')),
      ...Array.from({ length: 2 }, () => aCase('S2', 'authorised_long', '2026-03-01')),
    ];
    const { table, shown, sums } = reader(cases);
    expect(table.raw([absenceNodes.redLine])).toBe(12);
    expect(smallCellsGivenAway(shown, sums)).toEqual([]);
  });

  it('leaves nothing to work back across groups, schools, wijken, municipalities and the red line, on many random sets', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const starts = ['2026-11-01', '2026-10-01', '2026-07-01', '2026-03-01'];
    const kinds = ['absolute', 'relative_long', 'authorised_long', 'exemption'] as const;
    for (let round = 0; round < 40; round++) {
      const cases = Array.from({ length: Math.floor(random() * 40) }, () =>
        aCase(
          ['S1', 'S2', 'S3', 'S4'][Math.floor(random() * 4)]!,
          kinds[Math.floor(random() * 4)]!,
          starts[Math.floor(random() * 4)]!,
          ['U', 'N'][Math.floor(random() * 2)],
          random() < 0.3 ? 8 : null,
        ),
      );
      const { shown, sums } = reader(cases);
      expect(smallCellsGivenAway(shown, sums)).toEqual([]);
    }
  });
});
