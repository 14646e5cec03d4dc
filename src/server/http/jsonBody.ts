// JSON bodies (docs/SECURITY.md F6): a megabyte of `{"k0":1,"k1":1,…}` took the server's one thread
// for a second and more — parsing ninety thousand keys, checking them and answering them all back —
// while every other request waited. No request of ours needs more than a few hundred values (the
// contracts' arrays stop at 500), so a body with more is refused before it is parsed.
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** The most values (object members and array elements) a JSON body may hold. */
export const maxJsonValues = 5000;

const quote = 34; // "
const backslash = 92; // \
const comma = 44; // ,

/**
 * Whether a JSON text holds more than `limit` values, counted in one pass without building
 * anything: one, plus a comma outside strings for each member or element after the first of its
 * object or array. Stops once over.
 */
export function jsonValuesOver(text: string, limit: number): boolean {
  let values = 1;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === backslash) index++;
      else if (code === quote) inString = false;
    } else if (code === quote) inString = true;
    else if (code === comma && ++values > limit) return true;
  }
  return false;
}

/** Fastify's own JSON parser (no `__proto__` or `constructor` keys), after the count. */
export function installJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonValuesOver(text, maxJsonValues)) {
      done(
        new AppError('payload_too_large', `The request body holds more than ${maxJsonValues} values`),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
