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
  it('refuses a DOCTYPE wherever it stands and in any encoding', () => {
    const padded = withEntity.replace('?>', `?><!--${' '.repeat(5000)}-->`);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(withEntity.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
    ]);
    for (const file of [Buffer.from(withEntity), Buffer.from(padded), utf16])
      expect(reasonOf(file)).toBe('doctype');
    expect(reasonOf(Buffer.from(v21))).toBe('parsed');
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
