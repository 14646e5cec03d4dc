// TRUST D1: input a route does not declare is refused, not ignored. Routes validate their body,
// query and params with zod (strict objects); this adds the same for routes that declare none:
// no query string, and no body other than an empty JSON object. Only JSON bodies are parsed.
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
    const body = request.body;
    const isEmpty =
      body === undefined ||
      (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
    if (!schema?.body && !isEmpty)
      throw new AppError('validation_failed', 'This route takes no request body');
  });
}
