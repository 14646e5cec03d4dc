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

const separator = '\u001f';
const keyOf = (nodes: readonly string[]) => nodes.join(separator);

/** A published table: the count of every cell (one node per dimension), null when suppressed. */
export type SuppressedTable = {
  count(nodes: readonly string[]): number | null;
  /** The true count, for the server's own arithmetic (never published). */
  raw(nodes: readonly string[]): number;
};

// How it runs. The monitor suppresses tables of some ten thousand cells and thousands of lines,
// dozens of times per GET /api/monitor, on the server's one thread, where every child's file read
// waits meanwhile (bench/RESULTS.md, "monitor" and "suppression"). So:
// - A cell is a small integer, not a string: with `ids[d]` numbering dimension d's distinct nodes,
//   the cell (n0, n1, …) is Σ ids[d](n_d) × stride[d] (a mixed-radix number; the last dimension
//   counts fastest, so the cells are numbered in the order they are listed). Counts live in an
//   Int32Array (a Float64Array if one passes 2^31 − 1), the hidden flags in a Uint8Array, the lines
//   and each cell's lines in flat Int32Arrays; no key is joined, split or hashed in the loop, and
//   nothing is allocated per line or per pass. The strings version spent more time collecting its
//   garbage than this one takes in all.
// - A pass looks only at the "dirty" lines. Whether a line hides a cell depends only on which of its
//   own cells are hidden (counts never change), so a line whose cells have not changed since it was
//   last looked at would do nothing again. Every line starts dirty; a line is clean once looked at;
//   hiding a cell makes every line holding it dirty again, the current one too. The passes still
//   visit the lines in the same order and repeat while anything changed, so they hide exactly the
//   cells, in exactly the order, that full passes over every line would — they just skip the
//   no-ops. (src/domain/smallCells.test.ts holds the full-pass version as the oracle.)
// The cells are still named by keys joined with U+001F at the edges: `leafCounts` comes keyed so,
// and two node lists with the same key are one cell. When a node name itself holds U+001F (a wijk's
// name could), different node lists may share a key, so each cell number is then mapped to the
// first one with its key; keys that are no cell of the table (a leaf key with too few leaves, a
// split child that is no node) become extra cells numbered after the table's, counted as before.

/**
 * Suppresses a table given the count of each leaf cell (one leaf per dimension, `leafCounts` keyed
 * by the leaves joined with U+001F; missing leaves are 0). Primary: every cell of one to four.
 * Complementary: repeated over every line until none is open to subtraction (see above).
 */
export function suppressTable(
  dimensions: readonly Dimension[],
  leafCounts: ReadonlyMap<string, number>,
): SuppressedTable {
  const n = dimensions.length;
  // Number each dimension's distinct nodes; a cell's number is the mixed-radix sum of its nodes'.
  const ids = dimensions.map((dimension) => {
    const id = new Map<string, number>();
    for (const node of dimension.nodes) if (!id.has(node)) id.set(node, id.size);
    return id;
  });
  const names = ids.map((id) => [...id.keys()]);
  const stride = new Array<number>(n);
  let size = 1;
  for (let d = n - 1; d >= 0; d--) {
    stride[d] = size;
    size *= ids[d]!.size;
  }
  const plain = dimensions.every(
    (dimension) =>
      dimension.nodes.every((node) => !node.includes(separator)) &&
      dimension.splits.every((split) => split.children.every((child) => !child.includes(separator))),
  );
  const nodesOf = (cell: number) =>
    names.map((list, d) => list[Math.floor(cell / stride[d]!) % list.length]!);
  // Only when a node name holds the separator: each cell number → the first cell with its key.
  let canon: Int32Array | null = null;
  const cellOfKey = new Map<string, number>();
  if (!plain) {
    canon = new Int32Array(size);
    for (let cell = 0; cell < size; cell++) {
      const key = keyOf(nodesOf(cell));
      const first = cellOfKey.get(key);
      if (first === undefined) cellOfKey.set(key, cell);
      canon[cell] = first ?? cell;
    }
  }
  // Keys that are no cell of the table, numbered from `size` on.
  const extraOfKey = new Map<string, number>();
  const extraCounts: number[] = [];
  const cellOrExtra = (key: string): number => {
    const cell = plain ? undefined : cellOfKey.get(key);
    if (cell !== undefined) return cell;
    let extra = extraOfKey.get(key);
    if (extra === undefined) {
      extra = size + extraCounts.length;
      extraOfKey.set(key, extra);
      extraCounts.push(0);
    }
    return extra;
  };

  // Each leaf's ancestors (itself included, once per listing) per dimension, to add a leaf cell's
  // count into every sum above it.
  const ancestors = dimensions.map((dimension, d) => {
    const above = new Map<string, number[]>();
    for (const node of dimension.nodes) {
      for (const leaf of dimension.leavesOf.get(node) ?? []) {
        const list = above.get(leaf);
        if (list) list.push(ids[d]!.get(node)!);
        else above.set(leaf, [ids[d]!.get(node)!]);
      }
    }
    return above;
  });
  const tableCounts = new Float64Array(size);
  const ups: number[][] = [];
  const addFull = (d: number, cell: number, count: number) => {
    if (d === n) {
      tableCounts[canon ? canon[cell]! : cell]! += count;
      return;
    }
    for (const id of ups[d]!) addFull(d + 1, cell + id * stride[d]!, count);
  };
  const addPartial = (d: number, nodes: string[], count: number) => {
    if (d === ups.length) {
      extraCounts[cellOrExtra(keyOf(nodes)) - size]! += count;
      return;
    }
    for (const id of ups[d]!) {
      nodes[d] = names[d]![id]!;
      addPartial(d + 1, nodes, count);
    }
  };
  for (const [key, count] of leafCounts) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count of children: ${count}`);
    if (count === 0) continue;
    const leaves = key.split(separator);
    // A key of more leaves than dimensions, or with a leaf under no node, adds to no cell.
    if (leaves.length > n) continue;
    ups.length = leaves.length;
    let found = true;
    for (let d = 0; d < leaves.length && found; d++) {
      const list = ancestors[d]!.get(leaves[d]!);
      if (list === undefined) found = false;
      else ups[d] = list;
    }
    if (!found) continue;
    if (leaves.length === n) addFull(0, 0, count);
    else addPartial(0, new Array<string>(leaves.length), count);
  }

  // Every line: a cell of one dimension's split parent, and the cells with that node replaced by
  // each child, the other dimensions' nodes fixed — in the order of the cells as listed (each
  // dimension's nodes in turn, the last fastest), then of the dimensions, then of the splits.
  const idAt = dimensions.map((dimension, d) =>
    Int32Array.from(dimension.nodes, (node) => ids[d]!.get(node)!),
  );
  const splitsAt = dimensions.map((dimension) =>
    dimension.nodes.map((node) => dimension.splits.flatMap((split, s) => (split.parent === node ? [s] : []))),
  );
  const childIds = dimensions.map((dimension, d) =>
    dimension.splits.map((split) => Int32Array.from(split.children, (child) => ids[d]!.get(child) ?? -1)),
  );
  let lineCount = 0;
  let partCount = 0;
  dimensions.forEach((dimension, d) => {
    const others = dimensions.reduce(
      (product, other, e) => (e === d ? product : product * other.nodes.length),
      1,
    );
    for (const splits of splitsAt[d]!) {
      lineCount += splits.length * others;
      for (const s of splits) partCount += dimension.splits[s]!.children.length * others;
    }
  });
  const lineTotal = new Int32Array(lineCount);
  const lineStart = new Int32Array(lineCount + 1);
  const lineParts = new Int32Array(partCount);
  const position = new Int32Array(n);
  const listedCells = dimensions.reduce((product, dimension) => product * dimension.nodes.length, 1);
  let line = 0;
  let part = 0;
  for (let listed = 0; listed < listedCells; listed++) {
    let cell = 0;
    for (let d = 0; d < n; d++) cell += idAt[d]![position[d]!]! * stride[d]!;
    const total = canon ? canon[cell]! : cell;
    for (let d = 0; d < n; d++) {
      const own = idAt[d]![position[d]!]!;
      for (const s of splitsAt[d]![position[d]!]!) {
        lineTotal[line] = total;
        lineStart[line] = part;
        const children = childIds[d]![s]!;
        for (let c = 0; c < children.length; c++) {
          const child = children[c]!;
          if (child >= 0) {
            const sibling = cell + (child - own) * stride[d]!;
            lineParts[part] = canon ? canon[sibling]! : sibling;
          } else {
            // A child that is no node of its dimension: a key of no cell of the table.
            const nodes = nodesOf(cell);
            nodes[d] = dimensions[d]!.splits[s]!.children[c]!;
            lineParts[part] = cellOrExtra(keyOf(nodes));
          }
          part++;
        }
        line++;
      }
    }
    // The next cell as listed: the last dimension's node moves fastest.
    for (let d = n - 1; d >= 0; d--) {
      if (++position[d]! < dimensions[d]!.nodes.length) break;
      position[d] = 0;
    }
  }
  lineStart[lineCount] = part;

  const cells = size + extraCounts.length;
  // Summed as doubles (exact for any count below 2^53); looked at as 32-bit integers when they fit,
  // as they always do for children, so that no count is boxed before the loop is optimised.
  let largest = 0;
  for (let cell = 0; cell < size; cell++) if (tableCounts[cell]! > largest) largest = tableCounts[cell]!;
  for (const count of extraCounts) if (count > largest) largest = count;
  const counts = largest <= 0x7fffffff ? new Int32Array(cells) : new Float64Array(cells);
  counts.set(tableCounts);
  counts.set(extraCounts, size);
  const hidden = new Uint8Array(cells);
  for (let cell = 0; cell < cells; cell++) if (isSmallCell(counts[cell]!)) hidden[cell] = 1;

  // The lines each cell is in (as total or part), to make them dirty when it is hidden.
  const linesAtStart = new Int32Array(cells + 1);
  for (let l = 0; l < lineCount; l++) linesAtStart[lineTotal[l]! + 1]!++;
  for (let p = 0; p < partCount; p++) linesAtStart[lineParts[p]! + 1]!++;
  for (let cell = 0; cell < cells; cell++) linesAtStart[cell + 1]! += linesAtStart[cell]!;
  const linesAt = new Int32Array(lineCount + partCount);
  const filled = linesAtStart.slice(0, cells);
  for (let l = 0; l < lineCount; l++) {
    linesAt[filled[lineTotal[l]!]!++] = l;
    for (let p = lineStart[l]!; p < lineStart[l + 1]!; p++) linesAt[filled[lineParts[p]!]!++] = l;
  }

  const dirty = new Uint8Array(lineCount).fill(1);
  const hide = (cell: number) => {
    hidden[cell] = 1;
    for (let i = linesAtStart[cell]!; i < linesAtStart[cell + 1]!; i++) dirty[linesAt[i]!] = 1;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let l = 0; l < lineCount; l++) {
      if (dirty[l] === 0) continue;
      dirty[l] = 0;
      const from = lineStart[l]!;
      const to = lineStart[l + 1]!;
      let hiddenParts = 0;
      let hiddenSum = 0;
      for (let p = from; p < to; p++) {
        const cell = lineParts[p]!;
        if (hidden[cell] === 1) {
          hiddenParts++;
          hiddenSum += counts[cell]!;
        }
      }
      const totalHidden = hidden[lineTotal[l]!] === 1;
      if (hiddenParts === 0 && !totalHidden) continue;
      const open = totalHidden ? hiddenParts === 0 : hiddenParts === 1 || hiddenSum < smallestShownCount;
      if (!open) continue;
      let smallest = -1;
      for (let p = from; p < to; p++) {
        const cell = lineParts[p]!;
        if (hidden[cell] === 1 || counts[cell] === 0) continue;
        if (smallest === -1 || counts[cell]! < counts[smallest]!) smallest = cell;
      }
      if (smallest !== -1) hide(smallest);
      else if (!totalHidden) hide(lineTotal[l]!);
      else continue;
      changed = true;
    }
  }

  const cellOf = (nodes: readonly string[]): number => {
    if (nodes.length === n) {
      let cell = 0;
      let d = 0;
      for (; d < n; d++) {
        const id = ids[d]!.get(nodes[d]!);
        if (id === undefined) break;
        cell += id * stride[d]!;
      }
      if (d === n) return canon ? canon[cell]! : cell;
    }
    // Not n nodes of the table: the key may still name a cell (a node holding the separator), or be
    // one of the extra keys.
    const key = keyOf(nodes);
    if (plain) {
      const leaves = key.split(separator);
      if (leaves.length === n && leaves.every((leaf, d) => ids[d]!.has(leaf)))
        return leaves.reduce((cell, leaf, d) => cell + ids[d]!.get(leaf)! * stride[d]!, 0);
    } else {
      const cell = cellOfKey.get(key);
      if (cell !== undefined) return cell;
    }
    return extraOfKey.get(key) ?? -1;
  };
  return {
    count: (nodes) => {
      const cell = cellOf(nodes);
      if (cell === -1) return 0;
      return hidden[cell] === 1 ? null : counts[cell]!;
    },
    raw: (nodes) => {
      const cell = cellOf(nodes);
      return cell === -1 ? 0 : counts[cell]!;
    },
  };
}

// --- published sums over unpublished leaves ------------------------------------------------------
// Pages outside the monitor publish one figure as several breakdowns of its total that are not a
// cross of dimensions: the waiting count per place and category, per kind and category, per
// waiting time and per promise; the children at home per school, wijk and municipality of
// residence. Crossing them into dimensions would guard cells nobody publishes (a school × a
// municipality) and hide more than needed; instead one dimension holds exactly the published sums,
// each the sum of the leaves under it (one per wait or case, never published), and its splits say
// which sums are the sum of which. `suppressTable` then guards exactly those lines.

/** A breakdown of the leaves: each leaf's group in it, or null when the leaf is in none. */
export type Grouping = { readonly name: string; readonly groupOf: (leaf: string) => string | null };

/** The node of one group of a grouping. */
export const groupNode = (grouping: string, group: string) => `${grouping}=${group}`;

/**
 * The dimension of the groups of every grouping over `leaves`, with one split per group of each
 * `splits[i].parent` grouping into the groups of the `children` groupings that its leaves are in (a
 * wijk into its schools, the total into its wijken, and into its municipalities). Throws when a
 * split's parts do not add up to its parent: every leaf of the parent in exactly one part, every
 * part's leaves inside the parent.
 */
export function groupedDimension(
  leaves: readonly string[],
  groupings: readonly Grouping[],
  splits: readonly { readonly parent: string; readonly children: readonly string[] }[],
): Dimension {
  const groupsOf = new Map<string, Map<string, string[]>>();
  const groupOf = new Map<string, Grouping['groupOf']>();
  for (const grouping of groupings) {
    const groups = new Map<string, string[]>();
    for (const leaf of leaves) {
      if (leaf.includes(separator)) throw new Error(`a leaf holds U+001F: ${leaf}`);
      const group = grouping.groupOf(leaf);
      if (group === null) continue;
      const node = groupNode(grouping.name, group);
      const list = groups.get(node);
      if (list) list.push(leaf);
      else groups.set(node, [leaf]);
    }
    groupsOf.set(grouping.name, groups);
    groupOf.set(grouping.name, grouping.groupOf);
  }
  const leavesOf = new Map<string, readonly string[]>();
  for (const groups of groupsOf.values()) for (const [node, list] of groups) leavesOf.set(node, list);
  const dimensionSplits: { parent: string; children: string[] }[] = [];
  for (const split of splits) {
    const parents = groupsOf.get(split.parent);
    if (!parents) throw new Error(`no grouping ${split.parent}`);
    for (const [parent, parentLeaves] of parents) {
      const inParent = new Set(parentLeaves);
      const children = new Set<string>();
      for (const leaf of parentLeaves) {
        const nodes = split.children.flatMap((name) => {
          const group = groupOf.get(name)?.(leaf) ?? null;
          return group === null ? [] : [groupNode(name, group)];
        });
        if (nodes.length !== 1) throw new Error(`${leaf} of ${parent} is in ${nodes.length} of its parts`);
        children.add(nodes[0]!);
      }
      for (const child of children)
        if (!leavesOf.get(child)!.every((leaf) => inParent.has(leaf)))
          throw new Error(`${child} is not inside ${parent}`);
      dimensionSplits.push({ parent, children: [...children].sort() });
    }
  }
  return { nodes: [...leavesOf.keys()], leavesOf, splits: dimensionSplits };
}
