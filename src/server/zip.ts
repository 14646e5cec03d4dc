// ZIPs of one file, as OSO wants each attachment of a dossier ("Bijlagedocument als Base64
// gecodeerd ZIP-bestand"): written for the export, read for the import. Just the one-entry case of
// APPNOTE 6.3 (a local header, the data, the central directory and its end; UTF-8 names, flag bit
// 11) on Node's zlib, small enough to keep here rather than take a ZIP library for it. No ZIP64:
// an attachment of 4 GB never reaches a dossier (documents are at most PASSEND_DOCUMENT_MAX_MB).
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** DOS time and date of the instant, as the ZIP headers carry it. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date:
      ((Math.max(at.getUTCFullYear(), 1980) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

export function zipOne(fileName: string, content: Uint8Array, at: Date): Buffer {
  const name = Buffer.from(fileName, 'utf8');
  const data = deflateRawSync(content);
  const crc = crc32(content);
  const { time, date } = dosDateTime(at);
  const common = (header: Buffer, offset: number) => {
    header.writeUInt16LE(20, offset); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0800, offset + 2); // UTF-8 name
    header.writeUInt16LE(8, offset + 4); // deflate
    header.writeUInt16LE(time, offset + 6);
    header.writeUInt16LE(date, offset + 8);
    header.writeUInt32LE(crc, offset + 10);
    header.writeUInt32LE(data.length, offset + 14);
    header.writeUInt32LE(content.length, offset + 18);
    header.writeUInt16LE(name.length, offset + 22);
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  common(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by: 2.0
  common(central, 6);
  // extra, comment, disk, internal and external attributes stay 0; the local header is at 0.
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

export type UnzipProblem = 'not_zip' | 'zip_not_single_file' | 'archive_bomb' | 'too_large' | 'damaged';
type Unzipped = { content: Buffer } | { problem: UnzipProblem };

/**
 * The one file of an attachment's ZIP. Read from the central directory (sizes, method, flags); the
 * declared size bounds the inflation, so a bomb stops at the limit instead of filling memory.
 */
export function unzipSingleFile(zip: Buffer, maxBytes: number): Unzipped {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0 || zip.readUInt32LE(0) !== 0x04034b50) return { problem: 'not_zip' };
  try {
    const total = zip.readUInt16LE(end + 10);
    const directoryStart = zip.readUInt32LE(end + 16);
    const files: { method: number; flags: number; compressed: number; size: number; local: number }[] = [];
    let at = directoryStart;
    for (let index = 0; index < total; index++) {
      if (zip.readUInt32LE(at) !== 0x02014b50) return { problem: 'not_zip' };
      const nameLength = zip.readUInt16LE(at + 28);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      const entry = {
        flags: zip.readUInt16LE(at + 8),
        method: zip.readUInt16LE(at + 10),
        compressed: zip.readUInt32LE(at + 20),
        size: zip.readUInt32LE(at + 24),
        local: zip.readUInt32LE(at + 42),
      };
      if (!name.endsWith('/')) files.push(entry);
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    if (files.length !== 1) return { problem: 'zip_not_single_file' };
    const file = files[0]!;
    if (file.flags & 0x1 || (file.method !== 0 && file.method !== 8)) return { problem: 'damaged' };
    if (file.size > maxBytes) return { problem: 'too_large' };
    if (file.size > 100 * Math.max(file.compressed, 1) && file.size > 1024 * 1024)
      return { problem: 'archive_bomb' };
    if (zip.readUInt32LE(file.local) !== 0x04034b50) return { problem: 'damaged' };
    const dataStart = file.local + 30 + zip.readUInt16LE(file.local + 26) + zip.readUInt16LE(file.local + 28);
    const data = zip.subarray(dataStart, dataStart + file.compressed);
    if (data.length !== file.compressed) return { problem: 'damaged' };
    const content =
      file.method === 0
        ? Buffer.from(data)
        : inflateRawSync(data, { maxOutputLength: Math.max(file.size, 1) });
    if (content.length !== file.size) return { problem: 'damaged' };
    return { content };
  } catch {
    // A read past the end, or inflation beyond the declared size or of broken data.
    return { problem: 'damaged' };
  }
}
