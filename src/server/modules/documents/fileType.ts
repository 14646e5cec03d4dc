// Decides what an uploaded file is from its bytes (docs/SECURITY.md D2), never from its name or the client's
// header. Word files are checked inside: a DOCX by its ZIP central directory (entry count, declared
// sizes, compression ratio, overlapping entries — nothing is ever inflated), a legacy DOC by the
// WordDocument stream in its OLE2 directory, and refused with macros in either. Pure: no I/O.
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
// [MS-CFB]: a header, then sectors of 512 (version 3) or 4096 bytes (version 4). The FAT chains
// sectors into streams; its own sectors are listed in the header's DIFAT (109) and DIFAT sectors.
// The directory is a stream of 128-byte entries (UTF-16LE name, type, red-black tree links).

const endOfChain = 0xfffffffe;
const noEntry = 0xffffffff;
/** Storages that hold a VBA project: Word 97–2003 ("Macros") and Excel ("_VBA_PROJECT_CUR"). */
const macroStorages = new Set(['MACROS', '_VBA_PROJECT_CUR']);

type CompoundEntry = { name: string; type: number; left: number; right: number; child: number };

/** Follows a chain of sector numbers; a cycle, or a sector past the end, is a damaged file. */
function followChain(start: number, next: (sector: number) => number | undefined, sectorCount: number) {
  const chain: number[] = [];
  const seen = new Set<number>();
  for (let current = start; current !== endOfChain; ) {
    if (current >= sectorCount || seen.has(current)) return null;
    seen.add(current);
    chain.push(current);
    const following = next(current);
    if (following === undefined) return null;
    current = following;
  }
  return chain;
}

/** Reads every directory entry; a refusal when the header, the FAT or the directory is damaged. */
function readCompoundDirectory(content: Buffer): CompoundEntry[] | ContentRefusal {
  if (content.length < 512 || content.readUInt16LE(0x1c) !== 0xfffe) return 'damaged';
  const version = content.readUInt16LE(0x1a);
  const shift = content.readUInt16LE(0x1e);
  if (!((version === 3 && shift === 9) || (version === 4 && shift === 12))) return 'damaged';
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((content.length - sectorSize) / sectorSize);
  if (sectorCount < 1) return 'damaged';
  const sector = (index: number) => content.subarray((index + 1) * sectorSize, (index + 2) * sectorSize);
  const perSector = sectorSize / 4;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectorCount = content.readUInt32LE(0x2c);
  if (fatSectorCount < 1 || fatSectorCount > sectorCount) return 'damaged';
  const fatSectors: number[] = [];
  for (let index = 0; index < 109 && fatSectors.length < fatSectorCount; index++) {
    fatSectors.push(content.readUInt32LE(0x4c + index * 4));
  }
  const difat = followChain(
    fatSectors.length < fatSectorCount ? content.readUInt32LE(0x44) : endOfChain,
    (index) => sector(index).readUInt32LE(sectorSize - 4),
    sectorCount,
  );
  if (!difat) return 'damaged';
  for (const index of difat) {
    for (let at = 0; at < perSector - 1 && fatSectors.length < fatSectorCount; at++) {
      fatSectors.push(sector(index).readUInt32LE(at * 4));
    }
  }
  if (fatSectors.length < fatSectorCount || fatSectors.some((index) => index >= sectorCount))
    return 'damaged';
  const next = (index: number) => {
    const fatSector = fatSectors[Math.floor(index / perSector)];
    return fatSector === undefined ? undefined : sector(fatSector).readUInt32LE((index % perSector) * 4);
  };

  const chain = followChain(content.readUInt32LE(0x30), next, sectorCount);
  if (!chain || chain.length === 0) return 'damaged';
  const entries: CompoundEntry[] = [];
  for (const index of chain) {
    const block = sector(index);
    for (let at = 0; at < sectorSize; at += 128) {
      const type = block[at + 0x42]!;
      const nameBytes = block.readUInt16LE(at + 0x40);
      // Unused entries (type 0) keep their place; a used one has a terminated name of ≤ 31 chars.
      if (type !== 0 && (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0)) return 'damaged';
      entries.push({
        name: type === 0 ? '' : block.toString('utf16le', at, at + nameBytes - 2),
        type,
        left: block.readUInt32LE(at + 0x44),
        right: block.readUInt32LE(at + 0x48),
        child: block.readUInt32LE(at + 0x4c),
      });
    }
  }
  return entries[0]?.type === 5 ? entries : 'damaged';
}

/** The entries directly in a storage: its child and that child's siblings in the tree. */
function childrenOf(entries: readonly CompoundEntry[], storage: CompoundEntry): CompoundEntry[] | null {
  const children: CompoundEntry[] = [];
  const seen = new Set<number>();
  const pending = [storage.child];
  while (pending.length > 0) {
    const index = pending.pop()!;
    if (index === noEntry) continue;
    const entry = entries[index];
    if (!entry || entry.type === 0 || seen.has(index)) return null;
    seen.add(index);
    children.push(entry);
    pending.push(entry.left, entry.right);
  }
  return children;
}

function inspectDoc(content: Buffer): Detection {
  const entries = readCompoundDirectory(content);
  if (!Array.isArray(entries)) return refuse(entries);
  // Anywhere in the file, also in an embedded object: Word would offer to run the project.
  if (entries.some((entry) => entry.type === 1 && macroStorages.has(entry.name.toUpperCase())))
    return refuse('macros');
  const top = childrenOf(entries, entries[0]!);
  if (!top) return refuse('damaged');
  if (top.some((entry) => entry.type === 2 && entry.name === 'WordDocument'))
    return { ok: true, mediaType: 'application/msword' };
  // Another Office file (Excel, an installer, an encrypted package): not a Word document.
  return refuse('unknown_type');
}
