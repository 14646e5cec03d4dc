import { describe, expect, it } from 'vitest';
import { aCompoundFile, aDoc, aDocx, anOle2File } from '../../../../test/support/documentFiles.ts';
import { detectDocumentType } from './fileType.ts';

const doc = { ok: true, mediaType: 'application/msword' };
const refused = (reason: string) => ({ ok: false, reason });

describe('detectDocumentType: legacy Word (OLE2 compound files)', () => {
  it('accepts a .doc with 512- and 4096-byte sectors, its directory spread over the file', () => {
    expect(detectDocumentType(aDoc())).toEqual(doc);
    expect(detectDocumentType(aDoc({ sectorShift: 12 }))).toEqual(doc);
  });

  it.each(['Macros', '_VBA_PROJECT_CUR'] as const)('refuses a .doc with a %s storage', (macros) => {
    expect(detectDocumentType(aDoc({ macros }))).toEqual(refused('macros'));
    expect(detectDocumentType(aDoc({ macros, sectorShift: 12 }))).toEqual(refused('macros'));
  });

  it('refuses macros in an embedded object and whatever the case of the name', () => {
    const embedded = aCompoundFile([
      { name: 'WordDocument', type: 'stream' },
      {
        name: 'ObjectPool',
        type: 'storage',
        children: [
          { name: '_1234', type: 'storage', children: [{ name: 'MACROS', type: 'storage', children: [] }] },
        ],
      },
    ]);
    expect(detectDocumentType(embedded)).toEqual(refused('macros'));
  });

  it('takes a stream named Macros, or WordDocument inside a storage, for what it is', () => {
    expect(detectDocumentType(anOle2File('Macros'))).toEqual(refused('unknown_type'));
    const nested = aCompoundFile([
      { name: 'Embedded', type: 'storage', children: [{ name: 'WordDocument', type: 'stream' }] },
    ]);
    expect(detectDocumentType(nested)).toEqual(refused('unknown_type'));
    expect(detectDocumentType(anOle2File('Workbook'))).toEqual(refused('unknown_type'));
  });

  it.each([
    ['a directory whose FAT chain loops', aDoc({ damage: 'directory_cycle' })],
    ['a directory chain past the end of the file', aDoc({ damage: 'directory_out_of_range' })],
    ['a FAT sector past the end of the file', aDoc({ damage: 'fat_sector_out_of_range' })],
    ['a truncated file', aDoc().subarray(0, 700)],
    ['a header alone', aDoc().subarray(0, 512)],
  ])('refuses %s as damaged (no endless walk)', (_, file) => {
    expect(detectDocumentType(file)).toEqual(refused('damaged'));
  });

  it('refuses a header with a sector size its version does not have, or a name without its end', () => {
    const wrongShift = aDoc();
    wrongShift.writeUInt16LE(12, 0x1e);
    expect(detectDocumentType(wrongShift)).toEqual(refused('damaged'));
    const longName = aDoc();
    // The root entry is the first entry of the first directory sector (sector 1, after the header).
    longName.writeUInt16LE(66, 512 * 2 + 0x40);
    expect(detectDocumentType(longName)).toEqual(refused('damaged'));
  });

  it('refuses a directory tree that links back to itself', () => {
    const file = aDoc();
    // Entry 1 (WordDocument) names itself as its right sibling.
    file.writeUInt32LE(1, 512 * 2 + 128 + 0x48);
    expect(detectDocumentType(file)).toEqual(refused('damaged'));
  });

  it('still refuses a DOCX with a VBA project', () => {
    const docm = aDocx('x', [{ name: 'word/vbaProject.bin', data: Buffer.from('vba') }]);
    expect(detectDocumentType(docm)).toEqual(refused('macros'));
  });
});
