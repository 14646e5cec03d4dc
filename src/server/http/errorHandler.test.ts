// docs/SECURITY.md A5: an unexpected fault answers 500 in the one error shape and is logged without
// the data it carried. A failed query is the case in point: drizzle's error message repeats the
// query's parameters, and PostgreSQL's own quotes the value it refused.
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { queryRows } from '../db/client.ts';
import { installErrorHandler, loggableError } from './errorHandler.ts';

describe('an unexpected fault', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('answers 500 and logs the kind, the SQLSTATE and where, never the values of a failed query', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    installErrorHandler(app);
    app.get('/fails', async () => queryRows(database.db, sql`select ${'Femke Zwanenburg'}::uuid as id`));
    const response = await app.inject({ method: 'GET', url: '/fails' });
    await app.close();

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side' },
    });
    const failed = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'request failed');
    expect(failed.err.code).toBe('22P02'); // invalid_text_representation, from the driver's cause
    expect(failed.err.frames.length).toBeGreaterThan(0);
    expect(failed.err.frames.every((frame: string) => frame.startsWith('at '))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/Femke|Zwanenburg/);
  });

  it('keeps only the frames of the stack, whatever the message holds', () => {
    const error = new Error('Failed query: select $1\nparams: Femke,2016-01-01');
    const logged = loggableError(error);
    expect(logged.type).toBe('Error');
    expect(JSON.stringify(logged)).not.toMatch(/Femke|2016-01-01|params/);
    expect(logged.frames[0]).toMatch(/^at /);
    expect(loggableError('just a string')).toEqual({ type: 'string', frames: [] });
  });
});
