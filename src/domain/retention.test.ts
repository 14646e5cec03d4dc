import { describe, expect, it } from 'vitest';
import {
  absenceCaseDueOn,
  addYears,
  type ChildRetentionFacts,
  childFileRetention,
  defaultRetentionSettings,
  isDueOn,
  retentionBounds,
  retentionKinds,
  retentionYearsRefusal,
} from './retention.ts';

const settings = defaultRetentionSettings;
const left = (leftOn: string | null, more: Partial<ChildRetentionFacts> = {}): ChildRetentionFacts => ({
  leftOn,
  requests: [],
  absenceCasesEndedOn: [],
  hasOpenAbsenceWatch: false,
  ...more,
});

describe('the retention periods', () => {
  it('have a default within a floor of one year and a ceiling of five for every kind', () => {
    for (const kind of retentionKinds) {
      const bounds = retentionBounds[kind];
      expect(bounds.minYears).toBe(1);
      expect(bounds.maxYears).toBe(5);
      expect(bounds.defaultYears).toBeGreaterThanOrEqual(bounds.minYears);
      expect(bounds.defaultYears).toBeLessThanOrEqual(bounds.maxYears);
    }
    expect(settings).toEqual({ child_file: 2, support_request: 3, absence_case: 2 });
  });

  it('refuses a period below the floor or above the ceiling, and takes the bounds themselves', () => {
    expect(retentionYearsRefusal('child_file', 0)?.rule).toBe('retention_below_floor');
    expect(retentionYearsRefusal('absence_case', 6)?.rule).toBe('retention_above_ceiling');
    expect(retentionYearsRefusal('support_request', 6)?.details).toEqual({
      kind: 'support_request',
      maxYears: 5,
    });
    expect(retentionYearsRefusal('child_file', 1)).toBeNull();
    expect(retentionYearsRefusal('child_file', 5)).toBeNull();
  });
});

describe('adding years to a date', () => {
  it('keeps the day, and makes 29 February the 28th in a year without it', () => {
    expect(addYears('2024-08-31', 2)).toBe('2026-08-31');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2099-02-28', 1)).toBe('2100-02-28');
  });
});

describe('when a child’s file is due', () => {
  it('is never while the child is on a school’s roster', () => {
    expect(childFileRetention(left(null), settings, '2099-01-01')).toEqual({
      due: false,
      reason: 'in_swv',
      dueOn: null,
    });
  });

  it('is the file’s years after the child left, on that day itself', () => {
    const facts = left('2024-07-12');
    expect(childFileRetention(facts, settings, '2026-07-11')).toEqual({
      due: false,
      reason: 'period',
      dueOn: '2026-07-12',
    });
    expect(childFileRetention(facts, settings, '2026-07-12').due).toBe(true);
    expect(childFileRetention(facts, { ...settings, child_file: 1 }, '2025-07-12').due).toBe(true);
  });

  it('waits for the latest kind: a TLV that ran past the day the child left', () => {
    const facts = left('2024-07-12', { requests: [{ finished: true, lastOn: '2025-07-31' }] });
    // Three years after the TLV's end, not two after leaving.
    expect(childFileRetention(facts, settings, '2026-07-12')).toMatchObject({
      due: false,
      dueOn: '2028-07-31',
    });
    expect(childFileRetention(facts, settings, '2028-07-31').due).toBe(true);
  });

  it('waits for an absence case that ended later', () => {
    const facts = left('2024-01-10', { absenceCasesEndedOn: ['2025-03-01'] });
    expect(childFileRetention(facts, settings, '2026-06-01').dueOn).toBe('2027-03-01');
  });

  it('is never while a request, an objection, an absence case or an absence report is open', () => {
    const today = '2099-01-01';
    expect(
      childFileRetention(
        left('2020-01-01', { requests: [{ finished: false, lastOn: '2020-01-01' }] }),
        settings,
        today,
      ).reason,
    ).toBe('open_request');
    expect(
      childFileRetention(left('2020-01-01', { absenceCasesEndedOn: [null] }), settings, today).reason,
    ).toBe('open_absence');
    expect(childFileRetention(left('2020-01-01', { hasOpenAbsenceWatch: true }), settings, today).due).toBe(
      false,
    );
  });
});

describe('an absence case of a child without a file', () => {
  it('is due the absence years after it ended, and never while open', () => {
    expect(absenceCaseDueOn('2024-05-01', settings)).toBe('2026-05-01');
    expect(absenceCaseDueOn(null, settings)).toBeNull();
    expect(isDueOn('2026-05-01', '2026-05-01')).toBe(true);
    expect(isDueOn('2026-05-01', '2026-04-30')).toBe(false);
    expect(isDueOn(null, '2099-01-01')).toBe(false);
  });
});
