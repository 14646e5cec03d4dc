// docs/decisions/0033: on a PostgreSQL server the app's role cannot switch the access log's protection
// off. The owner migrates and grants; the app role then reads, appends and seals, and nothing more.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { appendAccessLog } from '../access/accessLog.ts';
import { sealBatch } from '../access/sealer.ts';
import { openDatabase } from './client.ts';
import { grantAppRole } from './roles.ts';

const serverUrl = process.env.DATABASE_URL;

describe.runIf(serverUrl)('the app role on PostgreSQL', () => {
  let owner: TestDatabase;
  const appRole = `passend_app_${randomBytes(4).toString('hex')}`;
  let appUrl: string;

  beforeAll(async () => {
    owner = await testDatabase();
    const url = new URL((owner.target as { url: string }).url);
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create role ${appRole} login`);
    await grantAppRole(admin, appRole);
    await admin.end();
    url.username = appRole;
    appUrl = url.toString();
  });
  afterAll(async () => {
    await owner.drop();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop role if exists ${appRole}`);
    await admin.end();
  });

  it('appends, reads and seals the log, and cannot change, remove or unprotect it', async () => {
    const swv = await aSwv(owner.db);
    const app = await openDatabase({ kind: 'postgres', url: appUrl, poolSize: 2 });
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await app.db.transaction((tx) =>
        appendAccessLog(
          tx,
          { actorUserId: null, requestId: 'r1', clientAddress: '::1', now: new Date() },
          {
            swvId: swv.id,
            studentId: null,
            objectType: 'swv',
            objectId: swv.id,
            action: 'read',
            outcome: 'allowed',
            purpose: 'test',
            actorRole: 'swv_admin',
            actorOrganisation: `swv:${swv.id}`,
          },
        ),
      );
      expect((await sealBatch(app.db, new Date())).sealed).toBeGreaterThanOrEqual(1);
      const refusal = async (statement: string) => {
        const error = await client.query(statement).then(
          () => null,
          (caught: Error) => caught.message,
        );
        return error;
      };
      expect(await refusal(`update access_log set purpose = 'x'`)).toBe(
        'permission denied for table access_log',
      );
      expect(await refusal('delete from access_log')).toBe('permission denied for table access_log');
      expect(await refusal('truncate access_log')).toBe('permission denied for table access_log');
      expect(await refusal('alter table access_log disable trigger user')).toMatch(
        /^must be owner of (table|relation) access_log$/,
      );
      expect(await refusal('drop trigger access_log_no_update_delete on access_log')).toMatch(
        /^must be owner of (table|relation) access_log$/,
      );
      expect(
        await refusal(
          'create or replace function access_log_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$',
        ),
      ).toMatch(/^(must be owner of function access_log_refuse_change|permission denied for schema public)$/);
      expect(await refusal('set session_replication_role = replica')).toBe(
        'permission denied to set parameter "session_replication_role"',
      );
      // The seal columns of a sealed row: granted, but the trigger refuses.
      expect(await refusal(`update access_log set hash = repeat('0', 64)`)).toBe(
        'access_log is append-only: UPDATE refused',
      );
      expect(await refusal('delete from access_log_head')).toBe(
        'permission denied for table access_log_head',
      );
      // The app's own tables stay writable.
      await client.query(`update swv set name = name where id = $1`, [swv.id]);
    } finally {
      await client.end();
      await app.close();
    }
  });
});
