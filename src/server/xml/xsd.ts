// XML files from school systems (EDEXML rosters, later OSO dossiers), checked against the official
// XSDs in standards/ before anything is read from them (docs/decisions/0027-xml-validation-with-libxml2.md).
// libxml2 (as WebAssembly) parses and validates; it resolves only the XSDs registered here, never a
// path or URL named by a file. A document with a DOCTYPE is refused after parsing, whatever its
// encoding or wherever the DOCTYPE stands: libxml2 itself says whether there is one (no entities of
// any kind reach a reader; the parse loads no DTD and substitutes no entity).
import { readdirSync, readFileSync } from 'node:fs';
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlElement,
  XmlError,
  XmlLibError,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { Line } from '../../contracts/common.ts';
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
export const maxProblems = 50;

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

/** A file larger than `maxBytes`, or declaring an encoding we do not take, is refused unread. */
function refuseBeforeParsing(content: Uint8Array, maxBytes: number): void {
  if (content.length > maxBytes)
    throw new XmlFileRefused('too_large', [
      { line: null, element: null, message: `The file is larger than ${Math.round(maxBytes / 1e6)} MB` },
    ]);
  // UTF-16 or UTF-32 (by byte-order mark, or the NUL bytes of "<" in them): the declaration below
  // cannot be read as bytes, and we take UTF-8 (and its single-byte ancestors) only.
  if (content[0] === 0xfe || content[0] === 0xff || content[0] === 0 || content[1] === 0)
    throw new XmlFileRefused('encoding', [
      { line: 1, element: null, message: 'The file is in UTF-16 or UTF-32; use UTF-8' },
    ]);
  const head = Buffer.from(content.subarray(0, 4096)).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(head)?.[1];
  if (declared && !/^(utf-8|utf8|iso-8859-1|windows-1252|us-ascii)$/i.test(declared))
    throw new XmlFileRefused('encoding', [
      { line: 1, element: null, message: `The encoding ${declared} is not supported; use UTF-8` },
    ]);
}

/** libxml2 refusing its input ("invalid input or internal error" included) is the file's fault. */
const unreadable = (error: XmlError): XmlProblem[] =>
  error instanceof XmlLibError && error.details.length > 0
    ? problemsOf(error)
    : [{ line: null, element: null, message: error.message }];

/** No network, no external DTD or entity, no entity substitution: said out loud, not left to defaults. */
const parseOptions = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

/**
 * A parsed document; the caller disposes of it (libxml2's memory is not garbage-collected). A
 * document with a DOCTYPE (internal subset or external reference) is refused: the parsed document,
 * not a look at its bytes, says whether it has one, so no encoding or padding hides it.
 */
export function parseXml(content: Uint8Array, maxBytes: number): XmlDocument {
  refuseBeforeParsing(content, maxBytes);
  let document: XmlDocument;
  try {
    document = XmlDocument.fromBuffer(content, { option: parseOptions });
  } catch (error) {
    if (error instanceof XmlError) throw new XmlFileRefused('not_xml', unreadable(error));
    throw error;
  }
  if (document.dtd) {
    document.dispose();
    throw new XmlFileRefused('doctype', [
      { line: null, element: null, message: 'A DOCTYPE or entity declaration is not allowed' },
    ]);
  }
  return document;
}

/** The problems of a document against a schema in standards/; empty when it is valid. */
export function schemaProblems(document: XmlDocument, schemaPath: string): XmlProblem[] {
  try {
    validatorOf(schemaPath).validate(document);
    return [];
  } catch (error) {
    if (error instanceof XmlValidateError) return problemsOf(error);
    if (error instanceof XmlError) return unreadable(error);
    throw error;
  }
}

/** An element's path by name, with its position among namesakes where there are several. */
function pathOf(element: XmlElement): string {
  const steps: string[] = [];
  for (let node: XmlElement | null = element; node; node = node.parent) {
    const namesake = (other: unknown) => other instanceof XmlElement && other.name === node!.name;
    let before = 0;
    for (let sibling = node.prev; sibling; sibling = sibling.prev) if (namesake(sibling)) before++;
    let after = 0;
    for (let sibling = node.next; sibling && after === 0; sibling = sibling.next)
      if (namesake(sibling)) after++;
    steps.unshift(before + after > 0 ? `${node.name}[${before + 1}]` : node.name);
  }
  return `/${steps.join('/')}`;
}

/** The API's rule for a name or a group (src/contracts/common.ts): one line, no direction override. */
const nameOrGroup = Line(200);

/**
 * The names and groups of `records` (their child elements called one of `fields`) that the API
 * would refuse: a file cannot store what a form cannot. The readers refuse such a file whole,
 * naming each element, as they do a value the XSD refuses.
 */
export function nameProblems(records: readonly XmlElement[], fields: readonly string[]): XmlProblem[] {
  const problems: XmlProblem[] = [];
  for (const record of records) {
    for (let node = record.firstChild; node; node = node.next) {
      if (!(node instanceof XmlElement) || !fields.includes(node.name)) continue;
      if (nameOrGroup.safeParse(node.content).success) continue;
      problems.push({
        line: node.line,
        element: pathOf(node),
        message: `${node.name} must be one line of plain text (no line break, tab or direction override)`,
      });
    }
  }
  return problems.slice(0, maxProblems);
}
