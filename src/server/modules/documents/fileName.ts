// The file name a document is stored and downloaded under: no path, no control or reserved
// characters, and the extension of the type its content showed. And the Content-Disposition
// header that carries it (RFC 6266 with an RFC 8187 UTF-8 name).
import { type DocumentMediaType, documentMediaTypes } from '../../../contracts/documents.ts';

const maxStem = 120;

export function safeFileName(given: string, mediaType: DocumentMediaType): string {
  const extensions: readonly string[] = documentMediaTypes[mediaType];
  const base = given.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot + 1) : '';
  // "verslag.pdf" keeps its name; "verslag.exe" with PDF content becomes "verslag.pdf".
  const hasExtension = /^[a-z0-9]{1,5}$/i.test(extension) && /[a-z]/i.test(extension);
  const stem = (hasExtension ? cleaned.slice(0, dot) : cleaned).slice(0, maxStem).trimEnd() || 'document';
  const keep = hasExtension && extensions.includes(extension.toLowerCase());
  return `${stem}.${keep ? extension.toLowerCase() : extensions[0]}`;
}

/** attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded name */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
