import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../../contracts/health.ts';
import { AppError } from '../../http/errors.ts';
import { version } from '../../version.ts';
import type { ModuleOptions } from '../moduleOptions.ts';

export const healthRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database, reading }) => {
  app.get(
    '/api/health',
    { config: { auth: 'public' }, schema: { tags: ['health'], response: { 200: HealthResponse } } },
    async () => {
      await database.db.execute(sql`select 1`).catch(() => {
        throw new AppError('unavailable', 'The database does not answer');
      });
      // A replica that is down or behind does not make the app unhealthy: reading work goes to the
      // primary meanwhile. The state is shown for the operator (docs/operations.md, "Health signals").
      return {
        status: 'ok' as const,
        database: database.kind,
        version,
        ...(reading ? { replica: reading.status() } : {}),
      };
    },
  );
};
