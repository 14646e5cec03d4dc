// XML files from school systems (EDEXML rosters, later OSO dossiers), checked against the official
// XSDs in standards/ before anything is read from them (docs/decisions/0027-xml-validation-with-libxml2.md).
// libxml2 (as WebAssembly) parses and validates; it resolves only the XSDs registered here, never a
// path or URL named by a file, and a DOCTYPE is refused before parsing (no entities of any kind).
import { readdirSync, readFileSync } from 'node:fs';
import {
  XmlBufferInputProvider,
  XmlDocument,
  type XmlLibError,
  XmlParseError,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { projectPath } from '../paths.ts';
import type { PassedError } from '../workers/workerCalls.ts';

/** One problem with a file: where it is (line, the element's path, the record) and what is wrong. */
export type XmlProblem = {
  line: number | null;
  element: string | null;
  /** The record it is in, named by the file's own key where it has one, e.g. "leerling 00001". */
  record?: string | null;
  message: string;
};

/** The file is not one we take in: not XML, hostile, or not valid against its schema. */
export class XmlFileRefused extends Error {
  constructor(
    readonly reason: 'not_xml' | 'doctype' | 'too_large' | 'encoding' | 'version' | 'invalid',
    readonly problems: readonly XmlProblem[],
  ) {
    super(problems[0]?.message ?? reason);
  }
}

/** A refusal read in a worker thread (edexmlWorker.ts, osoWorker.ts) reaches the caller as itself. */
export const xmlFileRefusals: PassedError<Pick<XmlFileRefused, 'reason' | 'problems'>> = {
  encode: (error) =>
    error instanceof XmlFileRefused ? { reason: error.reason, problems: error.problems } : null,
  decode: ({ reason, problems }) => new XmlFileRefused(reason, problems),
};

/** At most this many problems are reported; a file with more is refused all the same. */
const maxProblems = 50;

const problemsOf = (error: XmlLibError): XmlProblem[] =>
  error.details.slice(0, maxProblems).map((detail) => ({
    line: detail.line > 0 ? detail.line : null,
    element: detail.xpath ?? null,
    message: detail.message.trim(),
  }));

let provider: XmlBufferInputProvider | null = null;

/** Registers every XSD under standards/ once, by its path there (e.g. `edexml/2.1/EDEXML.structuur.xsd`). */
function schemaFiles(): XmlBufferInputProvider {
  if (provider) return provider;
  const files: Record<string, Uint8Array> = {};
  const root = projectPath('standards');
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.xsd')) files[entry.split('\\').join('/')] = readFileSync(`${root}/${entry}`);
  }
  provider = new XmlBufferInputProvider(files);
  xmlRegisterInputProvider(provider);
  return provider;
}

const validators = new Map<string, XsdValidator>();

/** The validator of one schema in standards/, e.g. `edexml/2.1/EDEXML.structuur.xsd`; made once. */
function validatorOf(schemaPath: string): XsdValidator {
  const known = validators.get(schemaPath);
  if (known) return known;
  const files = schemaFiles();
  if (!files.match(schemaPath)) throw new Error(`No schema ${schemaPath} in standards/`);
  const bytes = readFileSync(projectPath('standards', schemaPath));
  const schema = XmlDocument.fromBuffer(bytes, { url: schemaPath });
  const validator = XsdValidator.fromDoc(schema);
  schema.dispose();
  validators.set(schemaPath, validator);
  return validator;
}

/** The first bytes decide: a DOCTYPE (entities, external references) is refused outright. */
function refuseBeforeParsing(content: Uint8Array, maxBytes: number): void {
  if (content.length > maxBytes)
    throw new XmlFileRefused('too_large', [
      { line: null, element: null, message: `The file is larger than ${Math.round(maxBytes / 1e6)} MB` },
    ]);
  const head = Buffer.from(content.subarray(0, 4096)).toString('latin1');
  if (/<!DOCTYPE/i.test(head) || /<!ENTITY/i.test(head))
    throw new XmlFileRefused('doctype', [
      { line: null, element: null, message: 'A DOCTYPE or entity declaration is not allowed' },
    ]);
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(head)?.[1];
  if (declared && !/^(utf-8|utf8|iso-8859-1|windows-1252|us-ascii)$/i.test(declared))
    throw new XmlFileRefused('encoding', [
      { line: 1, element: null, message: `The encoding ${declared} is not supported; use UTF-8` },
    ]);
}

/** A parsed document; the caller disposes of it (libxml2's memory is not garbage-collected). */
export function parseXml(content: Uint8Array, maxBytes: number): XmlDocument {
  refuseBeforeParsing(content, maxBytes);
  try {
    // No network, no entity substitution, no DTD loading: libxml2's defaults, said out loud.
    return XmlDocument.fromBuffer(content);
  } catch (error) {
    if (error instanceof XmlParseError) throw new XmlFileRefused('not_xml', problemsOf(error));
    throw error;
  }
}

/** The problems of a document against a schema in standards/; empty when it is valid. */
export function schemaProblems(document: XmlDocument, schemaPath: string): XmlProblem[] {
  try {
    validatorOf(schemaPath).validate(document);
    return [];
  } catch (error) {
    if (error instanceof XmlValidateError) return problemsOf(error);
    throw error;
  }
}
