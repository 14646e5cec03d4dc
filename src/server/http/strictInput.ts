// docs/SECURITY.md D1: input a route does not declare is refused, not ignored. Routes validate their body,
// query and params with zod (strict objects); this adds the same for routes that declare none:
// no query string, and no body other than an empty JSON object. Only JSON bodies are parsed. It runs
// after the session was checked (requestContext.ts) and never walks a body: a large one costs nothing.
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

export function installStrictInput(app: FastifyInstance): void {
  // Fastify parses text/plain by default; we take JSON only (forms cannot post it cross-site).
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema;
    if (!schema?.querystring && Object.keys(request.query ?? {}).length > 0) {
      throw new AppError('validation_failed', 'This route takes no query parameters');
    }
    if (!schema?.body && !isEmptyBody(request.body)) {
      throw new AppError('validation_failed', 'This route takes no request body');
    }
  });
}

/** No body, or `{}`; decided on the first key, whatever the body holds (e.g. a Buffer of 10 MB). */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined) return true;
  if (typeof body !== 'object' || body === null || Object.getPrototypeOf(body) !== Object.prototype) {
    return false;
  }
  for (const _key in body) return false;
  return true;
}
