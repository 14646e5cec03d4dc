import { describe, expect, it } from 'vitest';
import { isSmallCell, smallestShownCount, suppressSmallCells } from './smallCells.ts';

const counts = (parts: readonly number[]) => suppressSmallCells(parts).cells.map((cell) => cell.count);

describe('a small cell', () => {
  it('is one to four children; zero and five or more are shown', () => {
    expect(smallestShownCount).toBe(5);
    expect([0, 1, 2, 3, 4, 5, 6, 31_000].map(isSmallCell)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('suppressing the parts of a published total', () => {
  it('shows every part, with its share, when none is small', () => {
    expect(suppressSmallCells([750, 150, 75, 25])).toEqual({
      total: 1000,
      cells: [
        { count: 750, share: 0.75 },
        { count: 150, share: 0.15 },
        { count: 75, share: 0.075 },
        { count: 25, share: 0.025 },
      ],
    });
  });

  it('hides a part of exactly four and shows a part of exactly five', () => {
    expect(counts([100, 20, 5, 6])).toEqual([100, 20, 5, 6]);
    expect(counts([100, 20, 4, 6])).toEqual([100, 20, null, null]);
  });

  it('hides a second part when one hidden part could be worked back from the total', () => {
    // 100 + 20 + ? + 6 = 130 would give the 4 away: the smallest other part goes too.
    const result = suppressSmallCells([100, 20, 4, 6]);
    expect(result.total).toBe(130);
    expect(result.cells[2]).toEqual({ count: null, share: null });
    expect(result.cells[3]).toEqual({ count: null, share: null });
  });

  it('hides no second part when two small parts together hold five or more', () => {
    expect(counts([100, 3, 2, 50])).toEqual([100, null, null, 50]);
    expect(counts([100, 4, 4, 50])).toEqual([100, null, null, 50]);
  });

  it('keeps hiding the smallest shown part while the hidden parts hold fewer than five', () => {
    // 1 + 2 = 3 hidden: still under five, so the 7 goes too (3 + 7 = 10).
    expect(counts([1, 2, 7, 90])).toEqual([null, null, null, 90]);
    expect(counts([1, 1, 1, 1, 500])).toEqual([null, null, null, null, null]);
  });

  it('never hides an empty part to protect another: zero adds nothing to the hidden sum', () => {
    expect(counts([4, 0, 0, 6])).toEqual([null, 0, 0, null]);
    expect(counts([996, 0, 0, 4])).toEqual([null, 0, 0, null]);
  });

  it('shows empty parts and a zero total without shares', () => {
    expect(suppressSmallCells([0, 0, 0])).toEqual({
      total: 0,
      cells: [
        { count: 0, share: null },
        { count: 0, share: null },
        { count: 0, share: null },
      ],
    });
    expect(suppressSmallCells([])).toEqual({ total: 0, cells: [] });
  });

  it('hides everything, the total too, when the total is under five', () => {
    expect(suppressSmallCells([3, 0, 1])).toEqual({
      total: null,
      cells: [
        { count: null, share: null },
        { count: null, share: null },
        { count: null, share: null },
      ],
    });
    expect(suppressSmallCells([4]).total).toBeNull();
    expect(suppressSmallCells([5]).cells).toEqual([{ count: 5, share: 1 }]);
  });

  it('picks the first of equal smallest parts, so the result is stable', () => {
    expect(counts([2, 9, 9, 80])).toEqual([null, null, 9, 80]);
  });

  it('never lets a hidden part be worked back, whatever the counts', () => {
    // Exhaustive over small partitions: either nothing is hidden, or at least two non-empty parts
    // are hidden that together hold five or more, or everything is hidden.
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const parts = [a, b, c];
          const { total, cells } = suppressSmallCells(parts);
          const hidden = parts.filter((_, i) => cells[i]!.count === null);
          const shown = cells.flatMap((cell) => (cell.count === null ? [] : [cell.count]));
          if (total === null) {
            expect(cells.every((cell) => cell.count === null)).toBe(true);
            continue;
          }
          expect(shown.some(isSmallCell)).toBe(false);
          if (hidden.length > 0) {
            expect(hidden.length).toBeGreaterThanOrEqual(2);
            expect(hidden.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(smallestShownCount);
          }
        }
      }
    }
  });

  it('refuses what is not a count', () => {
    expect(() => suppressSmallCells([1.5])).toThrow();
    expect(() => suppressSmallCells([-1])).toThrow();
  });
});
