// Decides what an uploaded file is from its bytes (TRUST D2), never from its name or the client's
// header. Word files are checked inside: a DOCX by its ZIP central directory (entry count, declared
// sizes, compression ratio, overlapping entries — nothing is ever inflated), a legacy DOC by the
// WordDocument stream in its OLE2 directory. Pure: no I/O.
import type { ContentRefusal, DocumentMediaType } from '../../../contracts/documents.ts';

export type Detection = { ok: true; mediaType: DocumentMediaType } | { ok: false; reason: ContentRefusal };

/**
 * ZIP limits. A real DOCX has tens of entries and unpacks to a few times its size (images hardly
 * compress, text about tenfold); a ZIP bomb declares a thousandfold or overlaps its entries.
 */
export const zipLimits = {
  maxEntries: 1000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  /** Small parts (styles, settings) may compress far better than the ratio; only big ones count. */
  ratioCheckedFromBytes: 1024 * 1024,
};

const startsWith = (content: Buffer, bytes: readonly number[], offset = 0) =>
  content.length >= offset + bytes.length && bytes.every((byte, index) => content[offset + index] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const executableSignatures = [
  ascii('MZ'), // Windows (PE) programs and DLLs
  [0x7f, 0x45, 0x4c, 0x46], // ELF (Linux)
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O (macOS), also Java classes
  ascii('#!'), // scripts
];

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const ole2Signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectDocumentType(content: Buffer): Detection {
  if (content.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(content, ascii('%PDF-'))) return { ok: true, mediaType: 'application/pdf' };
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, mediaType: 'image/png' };
  if (startsWith(content, [0xff, 0xd8, 0xff])) return { ok: true, mediaType: 'image/jpeg' };
  if (startsWith(content, ascii('GIF87a')) || startsWith(content, ascii('GIF89a')))
    return { ok: true, mediaType: 'image/gif' };
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8))
    return { ok: true, mediaType: 'image/webp' };
  if (startsWith(content, zipSignature)) return withinBounds(() => inspectDocx(content));
  if (startsWith(content, ole2Signature)) return withinBounds(() => inspectDoc(content));
  if (executableSignatures.some((signature) => startsWith(content, signature)))
    return { ok: false, reason: 'executable' };
  return { ok: false, reason: 'unknown_type' };
}

const refuse = (reason: ContentRefusal): Detection => ({ ok: false, reason });

/** The readers check every offset; should one slip, a read past the end is a damaged file, not a 500. */
function withinBounds(inspect: () => Detection): Detection {
  try {
    return inspect();
  } catch (error) {
    if (error instanceof RangeError) return refuse('damaged');
    throw error;
  }
}

// --- DOCX: a ZIP with the parts of a Word document -------------------------------------------

type ZipEntry = { name: string; start: number; end: number; compressed: number; uncompressed: number };

/** Reads the central directory; a refusal when the archive is damaged, ZIP64, encrypted or a bomb. */
function readZipDirectory(content: Buffer): ZipEntry[] | ContentRefusal {
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65535.
  let end = -1;
  for (let at = content.length - 22; at >= Math.max(0, content.length - 22 - 0xffff); at--) {
    if (
      content.readUInt32LE(at) === 0x06054b50 &&
      at + 22 + content.readUInt16LE(at + 20) === content.length
    ) {
      end = at;
      break;
    }
  }
  if (end < 0) return 'damaged';
  const onDisk = content.readUInt16LE(end + 8);
  const total = content.readUInt16LE(end + 10);
  const directorySize = content.readUInt32LE(end + 12);
  const directoryStart = content.readUInt32LE(end + 16);
  // Split archives and ZIP64 (0xFFFF…) are not Word documents of our size.
  if (content.readUInt16LE(end + 4) !== 0 || content.readUInt16LE(end + 6) !== 0 || onDisk !== total)
    return 'damaged';
  if (total === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) return 'damaged';
  if (total > zipLimits.maxEntries) return 'archive_bomb';
  if (directoryStart + directorySize !== end) return 'damaged';

  const entries: ZipEntry[] = [];
  let at = directoryStart;
  while (at < end) {
    if (at + 46 > end || content.readUInt32LE(at) !== 0x02014b50) return 'damaged';
    const flags = content.readUInt16LE(at + 8);
    const method = content.readUInt16LE(at + 10);
    const compressed = content.readUInt32LE(at + 20);
    const uncompressed = content.readUInt32LE(at + 24);
    const nameLength = content.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
    const local = content.readUInt32LE(at + 42);
    if (next > end) return 'damaged';
    // Encrypted entries, methods other than stored and deflate, and ZIP64 sizes are refused.
    if (flags & 0x1 || (method !== 0 && method !== 8)) return 'damaged';
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) return 'damaged';
    if (method === 0 && compressed !== uncompressed) return 'damaged';
    if (local + 30 > directoryStart || content.readUInt32LE(local) !== 0x04034b50) return 'damaged';
    const dataStart = local + 30 + content.readUInt16LE(local + 26) + content.readUInt16LE(local + 28);
    if (dataStart + compressed > directoryStart) return 'damaged';
    entries.push({
      name: content.toString('utf8', at + 46, at + 46 + nameLength),
      start: local,
      end: dataStart + compressed,
      compressed,
      uncompressed,
    });
    at = next;
  }
  if (entries.length !== total) return 'damaged';

  // Entries that share or overlap their data multiply one compressed stream (a "better" ZIP bomb).
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  for (let index = 1; index < byStart.length; index++) {
    if (byStart[index]!.start < byStart[index - 1]!.end) return 'archive_bomb';
  }
  let totalCompressed = 0;
  let totalUncompressed = 0;
  for (const entry of entries) {
    totalCompressed += entry.compressed;
    totalUncompressed += entry.uncompressed;
    if (
      entry.uncompressed >= zipLimits.ratioCheckedFromBytes &&
      entry.uncompressed > zipLimits.maxRatio * Math.max(entry.compressed, 1)
    )
      return 'archive_bomb';
  }
  if (totalUncompressed > zipLimits.maxTotalUncompressedBytes) return 'archive_bomb';
  if (
    totalUncompressed >= zipLimits.ratioCheckedFromBytes &&
    totalUncompressed > zipLimits.maxRatio * Math.max(totalCompressed, 1)
  )
    return 'archive_bomb';
  return entries;
}

function inspectDocx(content: Buffer): Detection {
  const entries = readZipDirectory(content);
  if (!Array.isArray(entries)) return refuse(entries);
  // Part names in a package compare case-insensitively; a name twice is ambiguous.
  const names = entries.map((entry) => entry.name.toLowerCase());
  if (new Set(names).size !== names.length) return refuse('damaged');
  if (!names.includes('[content_types].xml') || !names.includes('word/document.xml'))
    return refuse('unknown_type');
  // A .docm renamed to .docx: its macros would run in the reader's Word.
  if (names.some((name) => name.endsWith('vbaproject.bin'))) return refuse('macros');
  return { ok: true, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
}

// --- DOC: an OLE2 compound file with a WordDocument stream ------------------------------------

const endOfChain = 0xfffffffe;

/** Finds the WordDocument stream by walking the compound file's FAT and directory, bounded. */
function inspectDoc(content: Buffer): Detection {
  if (content.length < 512) return refuse('damaged');
  const shift = content.readUInt16LE(0x1e);
  if (content.readUInt16LE(0x1c) !== 0xfffe || (shift !== 9 && shift !== 12)) return refuse('damaged');
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((content.length - sectorSize) / sectorSize);
  const sector = (index: number) =>
    index < sectorCount ? content.subarray((index + 1) * sectorSize, (index + 2) * sectorSize) : null;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectorCount = content.readUInt32LE(0x2c);
  if (fatSectorCount > sectorCount) return refuse('damaged');
  const fatSectors: number[] = [];
  for (let index = 0; index < 109 && fatSectors.length < fatSectorCount; index++) {
    fatSectors.push(content.readUInt32LE(0x4c + index * 4));
  }
  let difat = content.readUInt32LE(0x44);
  for (let hops = 0; fatSectors.length < fatSectorCount; hops++) {
    const block = sector(difat);
    if (!block || hops > sectorCount) return refuse('damaged');
    for (let index = 0; index < sectorSize / 4 - 1 && fatSectors.length < fatSectorCount; index++) {
      fatSectors.push(block.readUInt32LE(index * 4));
    }
    difat = block.readUInt32LE(sectorSize - 4);
  }
  const fat: number[] = [];
  for (const index of fatSectors) {
    const block = sector(index);
    if (!block) return refuse('damaged');
    for (let offset = 0; offset < sectorSize; offset += 4) fat.push(block.readUInt32LE(offset));
  }

  // The directory: 128-byte entries, names in UTF-16LE; type 2 is a stream.
  let current = content.readUInt32LE(0x30);
  for (let hops = 0; current !== endOfChain; hops++) {
    const block = sector(current);
    if (!block || hops > sectorCount) return refuse('damaged');
    for (let offset = 0; offset < sectorSize; offset += 128) {
      const nameBytes = Math.min(block.readUInt16LE(offset + 0x40), 64);
      const name = block.toString('utf16le', offset, offset + Math.max(nameBytes - 2, 0));
      if (name === 'WordDocument' && block[offset + 0x42] === 2) {
        return { ok: true, mediaType: 'application/msword' };
      }
    }
    const following = fat[current];
    if (following === undefined) return refuse('damaged');
    current = following;
  }
  // Another Office file (Excel, an installer, an encrypted package): not a Word document.
  return refuse('unknown_type');
}
