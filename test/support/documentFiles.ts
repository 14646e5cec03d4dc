// Small real files of every kind an upload may be, and the bad ones it must refuse: ZIPs built
// byte by byte (so a test can lie in the central directory or overlap entries), an OLE2 compound
// file with a chosen stream, executables and scripts.
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

/** An OLE2 compound file (512-byte sectors) whose directory holds one stream of the given name. */
export function anOle2File(streamName = 'WordDocument'): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // the FAT in sector 0
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const directory = Buffer.alloc(512);
  const entry = (index: number, name: string, type: number) => {
    const at = index * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    directory[at + 0x42] = type;
    directory.writeUInt32LE(0xffffffff, at + 0x44);
    directory.writeUInt32LE(0xffffffff, at + 0x48);
    directory.writeUInt32LE(0xffffffff, at + 0x4c);
  };
  entry(0, 'Root Entry', 5);
  entry(1, streamName, 2);
  return Buffer.concat([header, fat, directory]);
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
  doc: anOle2File('WordDocument'),
};
