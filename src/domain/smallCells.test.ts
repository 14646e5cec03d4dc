import { describe, expect, it } from 'vitest';
import { smallCellsGivenAway } from '../../test/support/subtraction.ts';
import { type MonitorSchool, placeDimension } from './monitor.ts';
import {
  allNode,
  type Dimension,
  flatDimension,
  groupedDimension,
  groupNode,
  isSmallCell,
  type SuppressedTable,
  smallestShownCount,
  suppressSmallCells,
  suppressTable,
} from './smallCells.ts';

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

// --- the table suppression against the oracle -------------------------------------------------------
// THE ORACLE: `suppressTable` as it was before it worked on integers and dirty lines (commit 92bab70),
// copied unchanged but for its name. The new one must give every cell the same count, hidden or not.

const referenceKeyOf = (nodes: readonly string[]) => nodes.join('\u001f');

function referenceSuppressTable(
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
    for (const combo of combos)
      values.set(referenceKeyOf(combo), (values.get(referenceKeyOf(combo)) ?? 0) + count);
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
          total: referenceKeyOf(cell),
          parts: split.children.map((child) =>
            referenceKeyOf(cell.map((node, i) => (i === d ? child : node))),
          ),
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
    count: (nodes) => (hidden.has(referenceKeyOf(nodes)) ? null : countOf(referenceKeyOf(nodes))),
    raw: (nodes) => countOf(referenceKeyOf(nodes)),
  };
}

/** A small seeded random source (a linear congruential generator), so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

/** A count the way the monitor's are: many empty or small, some large. */
function someCount(random: ReturnType<typeof randomSource>): number {
  const r = random.next();
  return r < 0.35 ? 0 : r < 0.8 ? random.int(7) : random.int(60);
}

/** Every node list of the table (one node per dimension), in order. */
function everyCell(dimensions: readonly Dimension[]): string[][] {
  let cells: string[][] = [[]];
  for (const dimension of dimensions) cells = cells.flatMap((c) => dimension.nodes.map((n) => [...c, n]));
  return cells;
}

function expectSameTables(
  tables: { actual: SuppressedTable; expected: SuppressedTable },
  keys: readonly (readonly string[])[],
) {
  const actual = keys.map((nodes) => [tables.actual.count(nodes), tables.actual.raw(nodes)]);
  const expected = keys.map((nodes) => [tables.expected.count(nodes), tables.expected.raw(nodes)]);
  expect(actual).toEqual(expected);
}

describe('suppressing a table on integers and dirty lines', () => {
  it('hides exactly the cells the full passes hide, on many random monitor-shaped tables', () => {
    const random = randomSource(20261203);
    const kinds = ['bao', 'sbo', 'so', 'vso'] as const;
    let hiddenSeen = 0;
    let complementarySeen = 0;
    for (let round = 0; round < 150; round++) {
      const wijken = Array.from({ length: 1 + random.int(6) }, (_, i) => `wijk ${i}`);
      const schools: MonitorSchool[] = Array.from({ length: 2 + random.int(25) }, (_, i) => ({
        id: `school-${i}`,
        name: `School ${i}`,
        wijk: wijken[random.int(wijken.length)]!,
        // Up to three municipalities; a wijk may lie in two, as on the monitor.
        municipality: `gemeente ${random.int(3)}`,
        kind: kinds[random.int(1 + random.int(kinds.length))]!,
      }));
      const categories = Array.from({ length: random.int(3) }, (_, c) =>
        Array.from({ length: 1 + random.int(c === 0 ? 7 : 4) }, (_, v) => `c${c}v${v}`),
      );
      const dimensions = [placeDimension(schools), ...categories.map((values) => flatDimension(values))];
      const leafCounts = new Map<string, number>();
      const density = random.next();
      for (const school of [...schools.map((s) => s.id), 'none']) {
        let combos: string[][] = [[`s:${school}`]];
        for (const values of categories) combos = combos.flatMap((c) => values.map((v) => [...c, v]));
        for (const combo of combos)
          if (random.next() < density) leafCounts.set(combo.join('\u001f'), someCount(random));
      }
      const tables = {
        actual: suppressTable(dimensions, leafCounts),
        expected: referenceSuppressTable(dimensions, leafCounts),
      };
      const cells = everyCell(dimensions);
      expectSameTables(tables, cells);
      const hidden = cells.filter((nodes) => tables.expected.count(nodes) === null);
      hiddenSeen += hidden.length;
      complementarySeen += hidden.filter((nodes) => !isSmallCell(tables.expected.raw(nodes))).length;
    }
    // The tables exercised both kinds of suppression, many times over.
    expect(hiddenSeen).toBeGreaterThan(1000);
    expect(complementarySeen).toBeGreaterThan(1000);
  });

  it('agrees with the full passes on odd dimensions and keys too', () => {
    // Repeated nodes, split children that are no node, sums over no split, node names holding the
    // key separator, keys of too few or too many leaves or of unknown leaves, zero dimensions.
    const random = randomSource(4242);
    const pick = <T>(list: readonly T[]) => list[random.int(list.length)]!;
    const oddDimension = (d: number): Dimension => {
      const leaves = Array.from({ length: 1 + random.int(5) }, (_, i) =>
        random.next() < 0.1 ? `d${d}\u001fl${i}` : `d${d}l${i}`,
      );
      const groups = Array.from({ length: random.int(3) }, (_, g) => `d${d}g${g}`);
      const under = new Map(groups.map((g) => [g, leaves.filter(() => random.next() < 0.6)]));
      const nodes = [allNode, ...groups, ...leaves];
      if (random.next() < 0.2) nodes.push(pick(nodes));
      const splits = [
        { parent: allNode, children: leaves },
        ...groups.map((g) => ({ parent: g, children: [...under.get(g)!] })),
      ];
      if (random.next() < 0.3) splits.push({ parent: allNode, children: [...groups, 'nowhere'] });
      if (random.next() < 0.2) splits.push({ parent: pick(nodes), children: [pick(nodes), pick(nodes)] });
      return {
        nodes,
        leavesOf: new Map<string, readonly string[]>([
          [allNode, leaves],
          ...groups.map((g) => [g, under.get(g)!] as const),
          ...leaves.map((l) => [l, [l]] as const),
        ]),
        splits,
      };
    };
    let separatorRounds = 0;
    let shortKeyCellsShown = 0;
    for (let round = 0; round < 300; round++) {
      const dimensions = Array.from({ length: random.int(4) }, (_, d) => oddDimension(d));
      if (dimensions.some((dimension) => dimension.nodes.some((node) => node.includes('\u001f'))))
        separatorRounds++;
      const leafCounts = new Map<string, number>();
      const leafLists = dimensions.map((dimension) => [...dimension.leavesOf.get(allNode)!, 'unknown']);
      for (let i = 0; i < 40; i++) {
        const arity = Math.max(0, dimensions.length + (random.next() < 0.2 ? random.int(3) - 1 : 0));
        const leaves = Array.from({ length: arity }, (_, d) => pick(leafLists[d] ?? ['beyond']));
        leafCounts.set(leaves.join('\u001f'), someCount(random));
      }
      const tables = {
        actual: suppressTable(dimensions, leafCounts),
        expected: referenceSuppressTable(dimensions, leafCounts),
      };
      const asked = [
        ...everyCell(dimensions),
        ...[...leafCounts.keys()].map((key) => key.split('\u001f')),
        ...[...leafCounts.keys()].map((key) => [key]),
        ['nowhere'],
        [],
        dimensions.map(() => 'nowhere'),
      ];
      expectSameTables(tables, asked);
      shortKeyCellsShown += [...leafCounts.keys()].filter(
        (key) => key.split('\u001f').length < dimensions.length && (tables.expected.count([key]) ?? 0) > 0,
      ).length;
    }
    // The odd cases were really met: names holding the separator, and cells of too-short keys.
    expect(separatorRounds).toBeGreaterThan(20);
    expect(shortKeyCellsShown).toBeGreaterThan(20);
  });

  it('keeps counts beyond 32 bits exact, as before', () => {
    const dimensions = [flatDimension(['a', 'b', 'c']), flatDimension(['x', 'y'])];
    const leafCounts = new Map([
      ['a\u001fx', 2 ** 40],
      ['a\u001fy', 3],
      ['b\u001fx', 2 ** 31],
      ['b\u001fy', 0],
      ['c\u001fx', 7],
      ['c\u001fy', 2 ** 31 - 1],
    ]);
    const tables = {
      actual: suppressTable(dimensions, leafCounts),
      expected: referenceSuppressTable(dimensions, leafCounts),
    };
    expectSameTables(tables, everyCell(dimensions));
    expect(tables.actual.raw(['*', '*'])).toBe(2 ** 40 + 2 ** 32 + 9);
    expect(tables.actual.count(['a', 'x'])).toBeNull();
  });

  it('refuses what is not a count, as before', () => {
    const outcome = flatDimension(['a', 'b']);
    for (const bad of [1.5, -1, Number.NaN]) {
      const leafCounts = new Map([
        ['a', 3],
        ['b', bad],
      ]);
      expect(() => suppressTable([outcome], leafCounts)).toThrow(`not a count of children: ${bad}`);
      expect(() => referenceSuppressTable([outcome], leafCounts)).toThrow(`not a count of children: ${bad}`);
    }
  });
});

describe('published sums over unpublished leaves', () => {
  // Children by school (A, B in wijk West; C in Oost) and municipality they live in (U, N).
  const children: Record<string, { school: string; wijk: string; municipality: string }> = {
    c1: { school: 'A', wijk: 'West', municipality: 'U' },
    c2: { school: 'B', wijk: 'West', municipality: 'N' },
    c3: { school: 'B', wijk: 'West', municipality: 'U' },
    c4: { school: 'C', wijk: 'Oost', municipality: 'N' },
  };
  const groupings = [
    { name: 'total', groupOf: () => 'all' },
    { name: 'school', groupOf: (leaf: string) => children[leaf]!.school },
    { name: 'wijk', groupOf: (leaf: string) => children[leaf]!.wijk },
    { name: 'municipality', groupOf: (leaf: string) => children[leaf]!.municipality },
  ];

  it('has a node per group and a split per group of a parent grouping into its parts', () => {
    const dimension = groupedDimension(Object.keys(children), groupings, [
      { parent: 'total', children: ['wijk'] },
      { parent: 'wijk', children: ['school'] },
      { parent: 'total', children: ['municipality'] },
    ]);
    expect(dimension.leavesOf.get(groupNode('wijk', 'West'))).toEqual(['c1', 'c2', 'c3']);
    expect(dimension.leavesOf.get(groupNode('municipality', 'N'))).toEqual(['c2', 'c4']);
    expect(dimension.splits).toEqual([
      { parent: 'total=all', children: ['wijk=Oost', 'wijk=West'] },
      { parent: 'wijk=West', children: ['school=A', 'school=B'] },
      { parent: 'wijk=Oost', children: ['school=C'] },
      { parent: 'total=all', children: ['municipality=N', 'municipality=U'] },
    ]);
  });

  it('refuses a split whose parts do not add up to the parent', () => {
    const build = (splits: { parent: string; children: string[] }[]) => () =>
      groupedDimension(Object.keys(children), groupings, splits);
    // A municipality is no sum of schools: school B lives in two.
    expect(build([{ parent: 'municipality', children: ['school'] }])).toThrow('is not inside');
    // Every child counted twice, and a child in no part.
    expect(build([{ parent: 'total', children: ['school', 'wijk'] }])).toThrow('in 2 of its parts');
    const some = [...groupings, { name: 'someone', groupOf: (leaf: string) => (leaf === 'c1' ? 'x' : null) }];
    expect(() =>
      groupedDimension(Object.keys(children), some, [{ parent: 'total', children: ['someone'] }]),
    ).toThrow('in 0 of its parts');
    expect(build([{ parent: 'nothing', children: ['school'] }])).toThrow('no grouping nothing');
  });

  it('leaves nothing to work back across school, wijk and municipality, on many random tables', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const schools = ['A', 'B', 'C', 'D', 'E', 'F'];
    const wijkOf = (school: string) => (school < 'C' ? 'West' : school < 'E' ? 'Oost' : 'Zuid');
    const municipalities = ['U', 'N', 'H'];
    for (let round = 0; round < 60; round++) {
      // A leaf per school and municipality (a group of children), of a random size.
      const leafCounts = new Map<string, number>();
      for (const school of schools)
        for (const m of municipalities) {
          const r = random();
          leafCounts.set(
            `${school}.${m}`,
            r < 0.4 ? 0 : r < 0.7 ? Math.ceil(random() * 4) : Math.floor(random() * 12),
          );
        }
      const leaves = [...leafCounts.keys()];
      const dimension = groupedDimension(
        leaves,
        [
          { name: 'total', groupOf: () => 'all' },
          { name: 'school', groupOf: (leaf) => leaf.split('.')[0]! },
          { name: 'wijk', groupOf: (leaf) => wijkOf(leaf.split('.')[0]!) },
          { name: 'municipality', groupOf: (leaf) => leaf.split('.')[1]! },
        ],
        [
          { parent: 'total', children: ['school'] },
          { parent: 'total', children: ['wijk'] },
          { parent: 'wijk', children: ['school'] },
          { parent: 'total', children: ['municipality'] },
        ],
      );
      const table = suppressTable([dimension], leafCounts);
      const shown = new Map(dimension.nodes.map((node) => [node, table.count([node])]));
      const sums = dimension.splits.map((split) => ({ total: split.parent, parts: split.children }));
      expect(smallCellsGivenAway(shown, sums)).toEqual([]);
    }
  });
});
