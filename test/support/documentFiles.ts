// Small real files of every kind an upload may be, and the bad ones it must refuse: ZIPs built
// byte by byte (so a test can lie in the central directory or overlap entries), OLE2 compound
// files with chosen storages and streams (and damaged ones), executables and scripts.
import { crc32, deflateRawSync } from 'node:zlib';

const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
};
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
};

export type ZipEntrySpec = {
  name: string;
  data: Buffer;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Lie in the central directory about the unpacked size. */
  declaredSize?: number;
};

export type ZipOptions = {
  /** Point every central-directory entry at the first local entry (overlapping entries). */
  overlap?: boolean;
  /** Give the end record an entry count other than the real one. */
  declaredEntries?: number;
};

export function aZip(entries: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let first: { packedLength: number; size: number; crc: number; method: number } | null = null;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.store ? entry.data : deflateRawSync(entry.data);
    let shape = {
      packedLength: packed.length,
      size: entry.data.length,
      crc: crc32(entry.data),
      method: entry.store ? 0 : 8,
    };
    let localOffset = offset;
    if (options.overlap && first) {
      // Only the first entry has data; every other one points at it.
      shape = first;
      localOffset = 0;
    } else {
      const local = Buffer.concat([
        u32(0x04034b50),
        u16(20),
        u16(0),
        u16(shape.method),
        u16(0),
        u16(0),
        u32(shape.crc),
        u32(shape.packedLength),
        u32(shape.size),
        u16(name.length),
        u16(0),
        name,
        packed,
      ]);
      locals.push(local);
      offset += local.length;
      first ??= shape;
    }
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(20),
        u16(20),
        u16(0),
        u16(shape.method),
        u16(0),
        u16(0),
        u32(shape.crc),
        u32(shape.packedLength),
        u32(entry.declaredSize ?? shape.size),
        u16(name.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(localOffset),
        name,
      ]),
    );
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(options.declaredEntries ?? entries.length),
    u16(options.declaredEntries ?? entries.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypesXml = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

export function aDocx(text = 'Onderzoeksverslag', extra: ZipEntrySpec[] = [], options: ZipOptions = {}) {
  return aZip(
    [
      { name: '[Content_Types].xml', data: contentTypesXml },
      {
        name: 'word/document.xml',
        data: Buffer.from(
          `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
        ),
      },
      ...extra,
    ],
    options,
  );
}

/** A storage (folder) or stream (file) in an OLE2 compound file. */
export type CompoundEntrySpec =
  | { name: string; type: 'storage'; children: CompoundEntrySpec[] }
  | { name: string; type: 'stream'; data?: Buffer };

export type CompoundFileOptions = {
  /** Version 3 (512-byte sectors, the default) or version 4 (4096-byte sectors). */
  sectorShift?: 9 | 12;
  /** Break the file: the directory's FAT chain loops back, or runs past the end of the file. */
  damage?: 'directory_cycle' | 'directory_out_of_range' | 'fat_sector_out_of_range';
};

const freeSector = 0xffffffff;
const endOfChain = 0xfffffffe;

/**
 * An OLE2 compound file as [MS-CFB] lays it out: header, one FAT sector, the directory in
 * sectors that are not adjacent (a reader must follow the FAT), then the streams' data. Streams
 * are empty or at least 4096 bytes (smaller ones would belong in the mini stream).
 */
export function aCompoundFile(top: CompoundEntrySpec[], options: CompoundFileOptions = {}): Buffer {
  const shift = options.sectorShift ?? 9;
  const sectorSize = 1 << shift;
  // Flatten the tree: entry 0 is the root; each storage's children are chained by right sibling.
  type Flat = { name: string; type: number; child: number; right: number; data: Buffer };
  const flat: Flat[] = [
    { name: 'Root Entry', type: 5, child: freeSector, right: freeSector, data: Buffer.alloc(0) },
  ];
  const add = (children: CompoundEntrySpec[], parent: number) => {
    let previous = -1;
    for (const spec of children) {
      const index = flat.length;
      flat.push({
        name: spec.name,
        type: spec.type === 'storage' ? 1 : 2,
        child: freeSector,
        right: freeSector,
        data: spec.type === 'stream' ? (spec.data ?? Buffer.alloc(0)) : Buffer.alloc(0),
      });
      if (previous < 0) flat[parent]!.child = index;
      else flat[previous]!.right = index;
      previous = index;
      if (spec.type === 'storage') add(spec.children, index);
    }
  };
  add(top, 0);

  const perSector = sectorSize / 128;
  const directorySectors = Math.ceil(flat.length / perSector);
  const fat: number[] = [0xfffffffd]; // sector 0 is the FAT itself
  // Directory sectors at 1, 3, 5, …, with a free sector between each two.
  const directoryAt = Array.from({ length: directorySectors }, (_, index) => 1 + index * 2);
  for (const [index, at] of directoryAt.entries()) {
    while (fat.length < at) fat.push(freeSector);
    fat[at] = directoryAt[index + 1] ?? endOfChain;
  }
  const starts: number[] = [];
  const data: Buffer[] = [];
  for (const entry of flat) {
    const sectors = Math.ceil(entry.data.length / sectorSize);
    starts.push(sectors === 0 ? endOfChain : fat.length);
    for (let index = 0; index < sectors; index++)
      fat.push(index === sectors - 1 ? endOfChain : fat.length + 1);
    data.push(entry.data, Buffer.alloc(sectors * sectorSize - entry.data.length));
  }
  const first = directoryAt[0]!;
  const last = directoryAt.at(-1)!;
  if (options.damage === 'directory_cycle') fat[last] = first;
  if (options.damage === 'directory_out_of_range') fat[last] = 50_000;

  const header = Buffer.alloc(sectorSize);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(shift === 9 ? 3 : 4, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(shift, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(shift === 9 ? 0 : directorySectors, 0x28);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(first, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(endOfChain, 0x3c);
  header.writeUInt32LE(endOfChain, 0x44);
  header.fill(0xff, 0x4c, 512);
  header.writeUInt32LE(options.damage === 'fat_sector_out_of_range' ? 50_000 : 0, 0x4c);

  const fatSector = Buffer.alloc(sectorSize, 0xff);
  for (const [index, value] of fat.entries()) fatSector.writeUInt32LE(value >>> 0, index * 4);
  const sectors: Buffer[] = [fatSector];
  for (let index = 0; index < directorySectors; index++) {
    const block = Buffer.alloc(sectorSize);
    for (let slot = 0; slot < perSector; slot++) {
      const at = slot * 128;
      const entryIndex = index * perSector + slot;
      const entry = flat[entryIndex];
      block.writeUInt32LE(freeSector, at + 0x44);
      block.writeUInt32LE(entry?.right ?? freeSector, at + 0x48);
      block.writeUInt32LE(entry?.child ?? freeSector, at + 0x4c);
      if (!entry) continue;
      block.write(entry.name, at, 'utf16le');
      block.writeUInt16LE((entry.name.length + 1) * 2, at + 0x40);
      block[at + 0x42] = entry.type;
      block[at + 0x43] = 1; // black
      block.writeUInt32LE(starts[entryIndex]!, at + 0x74);
      block.writeUInt32LE(entry.data.length, at + 0x78);
    }
    sectors.push(block);
    if (index < directorySectors - 1) sectors.push(Buffer.alloc(sectorSize));
  }
  return Buffer.concat([header, ...sectors, ...data]);
}

/** A Word 97–2003 document's WordDocument stream: the FIB's magic number, then padding. */
const wordDocumentStream = () => {
  const stream = Buffer.alloc(4096);
  stream.writeUInt16LE(0xa5ec, 0);
  return stream;
};

/** A legacy .doc: WordDocument, 1Table and the summary streams, as Word writes them. */
export function aDoc(options: CompoundFileOptions & { macros?: 'Macros' | '_VBA_PROJECT_CUR' } = {}) {
  const macros: CompoundEntrySpec[] = options.macros
    ? [
        {
          name: options.macros,
          type: 'storage',
          children: [
            { name: 'VBA', type: 'storage', children: [{ name: 'ThisDocument', type: 'stream' }] },
            { name: 'PROJECT', type: 'stream' },
          ],
        },
      ]
    : [];
  return aCompoundFile(
    [
      { name: 'WordDocument', type: 'stream', data: wordDocumentStream() },
      { name: '1Table', type: 'stream' },
      { name: '\u0005SummaryInformation', type: 'stream' },
      { name: '\u0005DocumentSummaryInformation', type: 'stream' },
      { name: 'CompObj', type: 'stream' },
      ...macros,
    ],
    options,
  );
}

/** An OLE2 compound file whose root holds one stream of the given name. */
export function anOle2File(streamName = 'WordDocument'): Buffer {
  return aCompoundFile([{ name: streamName, type: 'stream' }]);
}

/** A 1×1 PNG, and headers of the other kinds followed by a marker a test can look for. */
export const samplePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function aPdf(marker = 'Onderzoeksverslag'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% ${marker}\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

export const sampleFiles = {
  pdf: aPdf(),
  png: samplePng,
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 marker')]),
  gif: Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from(';')]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 marker')]),
  docx: aDocx(),
  doc: aDoc(),
};
