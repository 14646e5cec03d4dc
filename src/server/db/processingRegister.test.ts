import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { queryRows } from './client.ts';
import { processingRegister } from './processingRegister.ts';

describe('the processing register (docs/SECURITY.md E4)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.drop());

  it('declares exactly the columns the database has', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' order by table_name, column_name`,
    );
    const inDatabase = columns.map((c) => `${c.table_name}.${c.column_name}`).sort();
    const declared = Object.entries(processingRegister)
      .flatMap(([table, register]) => Object.keys(register).map((column) => `${table}.${column}`))
      .sort();
    expect(declared).toEqual(inDatabase);
  });

  it('gives every personal-data column a purpose, a legal basis and a retention', () => {
    for (const [table, register] of Object.entries(processingRegister)) {
      for (const [column, declaration] of Object.entries(register)) {
        if (declaration === null) continue;
        expect(declaration.purpose.length, `${table}.${column}`).toBeGreaterThan(5);
        expect(declaration.retention.length, `${table}.${column}`).toBeGreaterThan(5);
      }
    }
  });
});
