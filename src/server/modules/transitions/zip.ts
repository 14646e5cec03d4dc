// A ZIP of one file (deflated), as OSO wants each attachment of a dossier ("Bijlagedocument als
// Base64 gecodeerd ZIP-bestand"). Just the one-entry case of APPNOTE 6.3: a local header, the
// data, the central directory and its end; UTF-8 names (flag bit 11). No ZIP64: an attachment of
// 4 GB never reaches a dossier (documents are at most PASSEND_DOCUMENT_MAX_MB).
import { deflateRawSync } from 'node:zlib';

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
