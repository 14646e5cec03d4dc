// Seeded randomness for the demo data. Every part of the data draws from its own named stream
// (e.g. "pupils", school code), so adding an aggregate later does not shift the others' data.
// Ids are UUIDv7-shaped (time-ordered prefix, version and variant bits) but fully reproducible.

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** A new UUIDv7-shaped id; ids of one stream are ordered by creation. */
  id(): string;
};

/** cyrb128: spreads a text over four 32-bit words to seed the generator. */
function hashText(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A stream for `labels` under `seed`. `epochMs` is the time in the ids' UUIDv7 prefix; each id
 * adds one millisecond, so the ids of one stream sort in creation order.
 */
export function randomStream(seed: number, epochMs: number, ...labels: readonly (string | number)[]): Random {
  let [a, b, c, d] = hashText(`${seed}\u0000${labels.join('\u0000')}`);
  // sfc32: small, fast and good enough for demo data (not for secrets).
  const nextWord = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextWord();
  let idCounter = 0;

  const next = () => nextWord() / 4294967296;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let point = next() * total;
      for (const [value, weight] of items) {
        point -= weight;
        if (point < 0) return value;
      }
      return items[items.length - 1]![0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    id: () => {
      const time = hex(epochMs + idCounter++, 12);
      const r1 = nextWord();
      const r2 = nextWord();
      const r3 = nextWord();
      // RFC 9562: version 7 in the 13th hex digit, variant 0b10 in the 17th.
      return (
        `${time.slice(0, 8)}-${time.slice(8)}-7${hex(r1 >>> 20, 3)}-` +
        `${hex(8 | ((r1 >>> 18) & 3), 1)}${hex((r1 >>> 6) & 0xfff, 3)}-${hex(r2, 8)}${hex(r3 >>> 16, 4)}`
      );
    },
  };
  return random;
}

/**
 * Splits `total` over parts in proportion to `weights`, in whole numbers that add up to `total`
 * exactly (largest remainder), so shares hold at every scale.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((acc, value) => acc + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    result[index]! += 1;
    left -= 1;
  }
  return result;
}
