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

// --- tables with several published breakdowns ---------------------------------------------------
// The monitor publishes one figure in many cuts (per wijk, per school kind, per school, per
// category, each with its totals, under every filter the page offers). A hidden cell must stay
// hidden whichever cut a reader subtracts from whichever total, so the suppression runs over the
// whole table at once: every published sum and the parts it is the sum of form one "line", and each
// line must hide none, or at least two parts holding five children or more together (or its total
// with at least one part). This is the usual heuristic of statistical offices for linked tables.

/**
 * One dimension of a table: its nodes (leaves and the sums above them), the leaves under each
 * node, and every way a node is the sum of other nodes (a wijk is the sum of its schools, the SWV
 * both the sum of its wijken and of its school kinds).
 */
export type Dimension = {
  readonly nodes: readonly string[];
  readonly leavesOf: ReadonlyMap<string, readonly string[]>;
  readonly splits: readonly { readonly parent: string; readonly children: readonly string[] }[];
};

/** The node of a flat dimension's total. */
export const allNode = '*';

/** A dimension of a few values and their total (`*`): outcomes, kinds, categories. */
export function flatDimension(values: readonly string[]): Dimension {
  return {
    nodes: [allNode, ...values],
    leavesOf: new Map<string, readonly string[]>([
      [allNode, values],
      ...values.map((v) => [v, [v]] as const),
    ]),
    splits: values.length > 0 ? [{ parent: allNode, children: values }] : [],
  };
}

const keyOf = (nodes: readonly string[]) => nodes.join('\u001f');

/** A published table: the count of every cell (one node per dimension), null when suppressed. */
export type SuppressedTable = {
  count(nodes: readonly string[]): number | null;
  /** The true count, for the server's own arithmetic (never published). */
  raw(nodes: readonly string[]): number;
};

/**
 * Suppresses a table given the count of each leaf cell (one leaf per dimension, `leafCounts` keyed
 * by the leaves joined with U+001F; missing leaves are 0). Primary: every cell of one to four.
 * Complementary: repeated over every line until none is open to subtraction (see above).
 */
export function suppressTable(
  dimensions: readonly Dimension[],
  leafCounts: ReadonlyMap<string, number>,
): SuppressedTable {
  // Each node's ancestors (itself included) per dimension, to add a leaf into every sum above it.
  const ancestors = dimensions.map((dimension) => {
    const above = new Map<string, string[]>();
    for (const node of dimension.nodes) {
      for (const leaf of dimension.leavesOf.get(node) ?? []) {
        above.set(leaf, [...(above.get(leaf) ?? []), node]);
      }
    }
    return above;
  });
  const values = new Map<string, number>();
  for (const [key, count] of leafCounts) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count of children: ${count}`);
    if (count === 0) continue;
    const leaves = key.split('\u001f');
    let combos: string[][] = [[]];
    leaves.forEach((leaf, d) => {
      const ups = ancestors[d]?.get(leaf) ?? [];
      combos = combos.flatMap((combo) => ups.map((node) => [...combo, node]));
    });
    for (const combo of combos) values.set(keyOf(combo), (values.get(keyOf(combo)) ?? 0) + count);
  }
  const countOf = (key: string) => values.get(key) ?? 0;
  const hidden = new Set<string>();
  for (const [key, count] of values) if (isSmallCell(count)) hidden.add(key);

  // Every line: a cell of one dimension's split parent, and the cells with that node replaced by
  // each child, the other dimensions' nodes fixed.
  let cells: string[][] = [[]];
  for (const dimension of dimensions)
    cells = cells.flatMap((cell) => dimension.nodes.map((n) => [...cell, n]));
  const lines: { total: string; parts: string[] }[] = [];
  for (const cell of cells) {
    dimensions.forEach((dimension, d) => {
      for (const split of dimension.splits) {
        if (split.parent !== cell[d]) continue;
        lines.push({
          total: keyOf(cell),
          parts: split.children.map((child) => keyOf(cell.map((node, i) => (i === d ? child : node)))),
        });
      }
    });
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenParts = line.parts.filter((part) => hidden.has(part));
      const totalHidden = hidden.has(line.total);
      if (hiddenParts.length === 0 && !totalHidden) continue;
      const hiddenSum = hiddenParts.reduce((sum, part) => sum + countOf(part), 0);
      const open = totalHidden
        ? hiddenParts.length === 0
        : hiddenParts.length === 1 || hiddenSum < smallestShownCount;
      if (!open) continue;
      let smallest: string | null = null;
      for (const part of line.parts) {
        if (hidden.has(part) || countOf(part) === 0) continue;
        if (smallest === null || countOf(part) < countOf(smallest)) smallest = part;
      }
      if (smallest !== null) hidden.add(smallest);
      else if (!totalHidden) hidden.add(line.total);
      else continue;
      changed = true;
    }
  }
  return {
    count: (nodes) => (hidden.has(keyOf(nodes)) ? null : countOf(keyOf(nodes))),
    raw: (nodes) => countOf(keyOf(nodes)),
  };
}
