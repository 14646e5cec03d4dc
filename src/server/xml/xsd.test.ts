// The parsing and checking every XML import shares: a DOCTYPE is refused by what libxml2 parsed,
// not by a look at the bytes, and libxml2's "invalid input" is a refusal of the file, never a 500.
import { readFileSync } from 'node:fs';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { parseXml, schemaProblems, XmlFileRefused } from './xsd.ts';

const v21 = readFileSync(
  new URL('../../../test/support/files/edexml/EDEXML.Voorbeeld.2.1.xml', import.meta.url),
).toString('utf8');
const schema = 'edexml/2.1/EDEXML.structuur.xsd';
const withEntity = v21
  .replace('?>', '?><!DOCTYPE EDEX [<!ENTITY x "Injected">]>')
  .replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>&x;</roepnaam>');

const reasonOf = (content: Uint8Array) => {
  try {
    parseXml(content, 1e6).dispose();
    return 'parsed';
  } catch (error) {
    return error instanceof XmlFileRefused ? error.reason : String(error);
  }
};

describe('parseXml', () => {
  it('refuses a DOCTYPE wherever it stands and in any encoding it takes', () => {
    const padded = withEntity.replace('?>', `?><!--${' '.repeat(5000)}-->`);
    const latin1 = Buffer.from(padded.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    for (const file of [Buffer.from(withEntity), Buffer.from(padded), latin1])
      expect(reasonOf(file)).toBe('doctype');
    expect(reasonOf(Buffer.from(v21))).toBe('parsed');
  });

  // An outside probe: an OSO dossier in UTF-16 was taken though UTF-8 is what we take.
  it('refuses UTF-16 and UTF-32, with a byte-order mark or without', () => {
    const utf16 = v21.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const littleEndian = Buffer.from(utf16, 'utf16le');
    const bigEndian = Buffer.from(littleEndian).swap16();
    for (const file of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), littleEndian]),
      littleEndian,
      Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]),
      bigEndian,
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(v21, 'utf16le')]),
    ])
      expect(reasonOf(file)).toBe('encoding');
    expect(reasonOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(v21)]))).toBe('parsed');
  });
});

describe('schemaProblems', () => {
  // An entity reference that no parse substituted makes libxml2's XSD check answer "invalid input or
  // internal error": a problem of the file (it answered 500 once), not of the server.
  it('reports libxml2 refusing a document as a problem, not an error', () => {
    const document = XmlDocument.fromBuffer(Buffer.from(withEntity));
    try {
      expect(schemaProblems(document, schema)).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/invalid input/i) }),
      ]);
    } finally {
      document.dispose();
    }
  });
});
