// The text a PDF shows, for tests: read from its content streams through each font's ToUnicode map.
import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows: its content streams inflated, the strings of each TJ joined per line, each
 * read through its font: an embedded font by its ToUnicode map, a standard font as single bytes.
 * ActualText in the structure is not read: only what is printed counts.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    // The stream is read by its /Length: compressed bytes may themselves end in a line break.
    const found = match[2]!.match(/^([\s\S]*?\/Length (\d+)[\s\S]*?)stream\r?\n/);
    if (!found) {
      objects.set(match[1]!, { dict: match[2]!, stream: null });
      continue;
    }
    const start = found[0].length;
    const bytes = Buffer.from(match[2]!.slice(start, start + Number(found[2])), 'latin1');
    const stream = (/\/FlateDecode/.test(found[1]!) ? inflateSync(bytes) : bytes).toString('latin1');
    objects.set(match[1]!, { dict: found[1]!, stream });
  }
  const fonts = new Map<string, Map<number, string> | null>();
  for (const { dict } of objects.values()) {
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const toUnicode = objects.get(ref!)?.dict.match(/\/ToUnicode (\d+) 0 R/);
      fonts.set(name!, toUnicode ? unicodeMap(objects.get(toUnicode[1]!)!.stream!) : null);
    }
  }
  const lines: string[] = [];
  // Content streams only: a font file is binary, and has a /Length1.
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Length1|\/Subtype/.test(dict)) continue;
    let font: Map<number, string> | null = null;
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]<])*)\]\s*TJ/gi)) {
      if (op[1]) {
        font = fonts.get(op[1]) ?? null;
        continue;
      }
      const hex = [...op[2]!.matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('');
      const map = font;
      lines.push(
        map
          ? (hex.match(/.{4}/g) ?? []).map((code) => map.get(Number.parseInt(code, 16)) ?? '\uFFFD').join('')
          : Buffer.from(hex, 'hex').toString('latin1'),
      );
    }
  }
  return lines.join('\n');
}

/** A ToUnicode CMap's ranges (<first> <last> [<text> …], as pdfkit writes them): code → text. */
function unicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, first, list] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    [...list!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((entry, index) => {
      const units = entry[1]!.split(' ').map((unit) => Number.parseInt(unit, 16));
      map.set(Number.parseInt(first!, 16) + index, String.fromCharCode(...units));
    });
  }
  return map;
}
