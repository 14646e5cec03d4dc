import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSchool, aSwv } from '../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../test/support/testDatabase.ts';
import { adminEvent, appUser, membership, swv } from '../server/db/schema/index.ts';
import { setGrantApproval } from './swvSettings.ts';
import { createAccount, type NewAccount } from './userAccounts.ts';

// The account rules of `passend users create`, on the database directly; cli.test.ts runs the
// command itself.

describe('creating an account at the command line', () => {
  let database: TestDatabase;
  let registerCode: string;
  let schoolId: string;
  let locationCode: string;
  const password = 'een lang en onbekend wachtwoord';

  beforeAll(async () => {
    database = await testDatabase();
    const swv = await aSwv(database.db);
    const school = await aSchool(database.db, swv.id);
    registerCode = swv.registerCode;
    schoolId = school.id;
    locationCode = school.locationCode;
  });
  afterAll(() => database.drop());

  async function membershipsOf(email: string) {
    return database.db
      .select({ swvId: membership.swvId, role: membership.role, schoolId: membership.schoolId })
      .from(membership)
      .innerJoin(appUser, eq(appUser.id, membership.userId))
      .where(eq(appUser.email, email));
  }

  it('gives a school role the school of the SWV, found by register code and location code', async () => {
    await createAccount(
      database,
      {
        email: 'Leerkracht@Example.test',
        displayName: 'Leerkracht',
        role: 'teacher',
        swvRegisterCode: ` ${registerCode.toLowerCase()} `,
        schoolLocationCode: locationCode.toLowerCase(),
      },
      password,
    );
    expect(await membershipsOf('leerkracht@example.test')).toEqual([
      { swvId: expect.any(String), role: 'teacher', schoolId },
    ]);
  });

  it('gives the operator no SWV', async () => {
    await createAccount(
      database,
      { email: 'operator@example.test', displayName: 'Op', role: 'operator' },
      password,
    );
    expect(await membershipsOf('operator@example.test')).toEqual([
      { swvId: null, role: 'operator', schoolId: null },
    ]);
  });

  // `swv: 'own'` stands for the register code of this test's SWV, known once it exists.
  type Case = Omit<Partial<NewAccount>, 'swvRegisterCode'> & { role: NewAccount['role']; swv?: string };
  it.each<[string, Case, string]>([
    ['an operator in an SWV', { role: 'operator', swv: 'own' }, 'The operator belongs to no SWV'],
    ['an SWV role without an SWV', { role: 'consultant' }, 'Role consultant needs --swv <register code>'],
    ['a school role without a school', { role: 'school_ib', swv: 'own' }, 'Role school_ib needs --school'],
    [
      'a school for a role without one',
      { role: 'policy', swv: 'own', schoolLocationCode: '12AB00' },
      'has no school',
    ],
    ['a partner (who needs an organisation)', { role: 'partner', swv: 'own' }, 'Partner accounts belong to'],
    ['an unknown SWV', { role: 'consultant', swv: 'VO 99.99' }, 'No SWV has register code VO 99.99'],
    [
      'an unknown school',
      { role: 'school_ib', swv: 'own', schoolLocationCode: '99ZZ99' },
      'This SWV has no school 99ZZ99',
    ],
    [
      'an invalid e-mail address',
      { role: 'consultant', swv: 'own', email: 'nobody' },
      'Invalid e-mail address',
    ],
    [
      'an e-mail address taken in the same SWV',
      { role: 'consultant', swv: 'own', email: 'LEERKRACHT@example.test' },
      'already has an account in this SWV',
    ],
  ])('refuses %s, and creates nothing', async (_case, { swv, ...fields }, message) => {
    const input: NewAccount = {
      email: 'new@example.test',
      displayName: 'Nieuw',
      ...fields,
      swvRegisterCode: swv === 'own' ? registerCode : swv,
    };
    await expect(createAccount(database, input, password)).rejects.toThrow(message);
    expect(await database.db.select().from(appUser).where(eq(appUser.email, 'new@example.test'))).toEqual([]);
  });

  it('lets the operator turn the approval of child-data roles off and on, logged in the SWV', async () => {
    const off = await setGrantApproval(database, registerCode.toLowerCase(), false);
    expect(off).toEqual({ registerCode, changed: true });
    expect(await setGrantApproval(database, registerCode, false)).toEqual({ registerCode, changed: false });
    const [row] = await database.db.select().from(swv).where(eq(swv.registerCode, registerCode));
    expect(row!.grantApprovalRequired).toBe(false);
    const events = await database.db.select().from(adminEvent).where(eq(adminEvent.swvId, row!.id));
    expect(events.filter((e) => e.kind === 'grant_approval_setting_changed')).toEqual([
      expect.objectContaining({ actorUserId: null, details: { grantApprovalRequired: false } }),
    ]);
    await setGrantApproval(database, registerCode, true);
    await expect(setGrantApproval(database, 'PO 99.99', true)).rejects.toThrow('No SWV has register code');
  });
});
