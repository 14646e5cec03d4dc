// Serves the built web app (dist/web): hashed assets with a year-long cache, and index.html for
// every other page path, so deep links work after a reload. Paths under /api/ never get the page.
// Files go out as the brotli or gzip copy the build wrote beside them when the browser accepts it
// (Vary: Accept-Encoding), else as the plain file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { projectPath } from '../paths.ts';
import { AppError, notFound } from './errors.ts';

export const defaultWebRoot = projectPath('dist', 'web');

/** A page URL may carry any query: it is for the web app's own use (e.g. ?next=/students). */
const PageQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export async function serveWebApp(app: FastifyInstance, webRoot = defaultWebRoot): Promise<void> {
  await app.register(fastifyStatic, { root: webRoot, serve: false, preCompressed: true });
  const isBuilt = () => existsSync(path.join(webRoot, 'index.html'));

  app.get('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
  });

  app.get(
    '/*',
    { config: { auth: 'public' }, schema: { hide: true, querystring: PageQuery } },
    (request, reply) => {
      if (request.url.startsWith('/api/')) throw notFound();
      if (!isBuilt()) throw new AppError('unavailable', 'The web app is not built: run `npm run build`');
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    },
  );
}
