// The demo's notifications: the IB'er and the consultant of the spotlight school find some, two
// unread, with a first name only, and none waits for an e-mail.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { queryRows } from '../client.ts';
import { seedDemo } from './index.ts';

describe('demo notifications', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
    await seedDemo(database, {
      password: 'demo wachtwoord voor de test',
      scale: 'regional',
      seed: 7,
      schoolYear: 2026,
      pupilScale: 0.02,
      today: '2027-02-15',
    });
  }, 300_000);
  afterAll(() => database.drop());

  it('gives the demo IB’er and consultant a few notices, the newest unread, and no e-mail to send', async () => {
    const rows = await queryRows<{
      local: string;
      kind: string;
      first_name: string;
      unread: boolean;
      email_state: string;
    }>(
      database.db,
      sql`select split_part(u.email, '@', 1) as local, n.kind, n.first_name, n.read_at is null as unread,
          n.email_state from notification n join app_user u on u.swv_id = n.swv_id and u.id = n.user_id`,
    );
    const ib = rows.filter((r) => r.local === 'ib');
    const consultant = rows.filter((r) => r.local === 'consulent');
    expect(ib.length).toBeGreaterThan(0);
    expect(consultant.length).toBeGreaterThan(0);
    expect(ib.filter((r) => r.unread).length).toBeGreaterThan(0);
    expect(rows.every((r) => r.email_state === 'none')).toBe(true);
    expect(rows.every((r) => !r.first_name.includes(' '))).toBe(true);
  });
});
