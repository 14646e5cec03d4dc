// A reader of published counts who subtracts (docs/domain.md, "The monitor and small cells"): given
// the cells an answer shows (null where hidden) and the sums the reader knows hold between them,
// solves every sum with one unknown, over and over. What is learnt of a hidden cell, or any count of
// 1–4 learnt at all, is a small cell given away.
import { isSmallCell } from '../../src/domain/smallCells.ts';

/** A sum the reader knows: `total` is the sum of `parts` (names of cells, shown or not). */
export type KnownSum = { total: string; parts: readonly string[] };

/** What the reader works back: each cell not shown (hidden or never published) and its value. */
export function workBack(shown: ReadonlyMap<string, number | null>, sums: readonly KnownSum[]) {
  const known = new Map<string, number>();
  for (const [name, count] of shown) if (count !== null) known.set(name, count);
  const learnt = new Map<string, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const { total, parts } of sums) {
      const unknown = [total, ...parts].filter((name) => !known.has(name));
      if (unknown.length !== 1) continue;
      const partsSum = parts.reduce((sum, name) => sum + (known.get(name) ?? 0), 0);
      const value = unknown[0] === total ? partsSum : known.get(total)! - partsSum;
      known.set(unknown[0]!, value);
      learnt.set(unknown[0]!, value);
      progress = true;
    }
  }
  return learnt;
}

/** The small cells a reader gives away: hidden cells worked back, and counts of 1–4 shown or learnt. */
export function smallCellsGivenAway(shown: ReadonlyMap<string, number | null>, sums: readonly KnownSum[]) {
  const learnt = workBack(shown, sums);
  return [
    ...[...shown]
      .filter(([, count]) => count !== null && isSmallCell(count))
      .map(([name]) => `${name} shown`),
    ...[...learnt]
      .filter(([name, count]) => shown.get(name) === null || isSmallCell(count))
      .map(([name, count]) => `${name} = ${count}`),
  ];
}
