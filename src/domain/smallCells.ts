// Small-cell suppression of aggregates (docs/domain.md, "The monitor and small cells"): a published count
// of one to four children could point at a child, so it is hidden — and so is any other cell from
// which it could be worked back by subtracting from the published total. Pure, no I/O.

/** The smallest number of children a shown cell may hold (docs/domain.md: counts under 5 are hidden). */
export const smallestShownCount = 5;

/** A cell as published: null when suppressed. The share is of the published total. */
export type Cell = { count: number | null; share: number | null };

/**
 * Whether a count on its own is too small to show. An empty cell (0) points at no child and is
 * shown: hiding it would only hide that nobody is in it.
 */
export function isSmallCell(count: number): boolean {
  return count > 0 && count < smallestShownCount;
}

/**
 * Suppresses the parts of a whole whose total is published alongside them (children per support
 * level, per school kind, …). Primary: every part of one to four children is hidden. Complementary:
 * while a single part is hidden (the total minus the shown parts gives it away) or the hidden parts
 * together hold fewer than five children, the smallest shown non-empty part is hidden too. A total
 * under five hides everything.
 */
export function suppressSmallCells(parts: readonly number[]): { total: number | null; cells: Cell[] } {
  for (const count of parts) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count of children: ${count}`);
  }
  const total = parts.reduce((sum, count) => sum + count, 0);
  if (isSmallCell(total)) {
    return { total: null, cells: parts.map(() => ({ count: null, share: null })) };
  }
  const hidden = new Set(parts.flatMap((count, index) => (isSmallCell(count) ? [index] : [])));
  const hiddenSum = () => [...hidden].reduce((sum, index) => sum + parts[index]!, 0);
  while (hidden.size > 0 && (hidden.size === 1 || hiddenSum() < smallestShownCount)) {
    let smallest = -1;
    parts.forEach((count, index) => {
      if (count > 0 && !hidden.has(index) && (smallest === -1 || count < parts[smallest]!)) smallest = index;
    });
    if (smallest === -1) break;
    hidden.add(smallest);
  }
  return {
    total,
    cells: parts.map((count, index) =>
      hidden.has(index) ? { count: null, share: null } : { count, share: total === 0 ? null : count / total },
    ),
  };
}
