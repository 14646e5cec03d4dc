import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  aPartnerOrganisation,
  aSchool,
  aSwv,
  aUser,
  signIn,
  type TestUser,
  testPassword,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { currentTotp } from '../../auth/totp.ts';
import { queryRows } from '../../db/client.ts';

describe('signing in', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    schoolId = (await aSchool(t.database.db, swvId)).id;
  });
  afterAll(() => t.close());

  const anIb = () => aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]);
  const aConsultant = () => aUser(t.database.db, swvId, [{ role: 'consultant' }]);

  it('signs a school user in with a password alone, in a __Host- HttpOnly cookie', async () => {
    const user = await anIb();
    const agent = new Agent(t);
    const login = await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({ stage: 'active', csrfToken: expect.any(String) });
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-passend=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    const me = await agent.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: user.id, email: user.email, swvId });
  });

  it('accepts the e-mail address in any case', async () => {
    const user = await anIb();
    const login = await new Agent(t).post('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: testPassword,
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers an unknown account exactly as a wrong password (no enumeration)', async () => {
    const user = await anIb();
    const wrong = await new Agent(t).post('/api/auth/login', {
      email: user.email,
      password: 'wrong password 123',
    });
    const unknown = await new Agent(t).post('/api/auth/login', {
      email: 'nobody-here@example.test',
      password: 'wrong password 123',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('asks an SWV role for the second factor and accepts a code only once', async () => {
    const user = await aConsultant();
    const agent = new Agent(t);
    const login = await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(login.json().stage).toBe('second_factor');
    // Before the second factor, the session reaches nothing but the second-factor routes.
    expect((await agent.get('/api/schools')).json().error.code).toBe('second_factor_required');
    t.clock.advance(30_000);
    const code = currentTotp(user.totpSecret!, t.clock.now);
    const cookieBefore = agent.cookie;
    const second = await agent.post('/api/auth/second-factor', { code });
    expect(second.statusCode).toBe(200);
    expect(second.json().stage).toBe('active');
    expect(agent.cookie).not.toBe(cookieBefore);
    expect((await agent.get('/api/schools')).statusCode).toBe(200);

    // The same code again, in a new login within the same time step: refused.
    const replay = new Agent(t);
    await replay.post('/api/auth/login', { email: user.email, password: testPassword });
    const again = await replay.post('/api/auth/second-factor', { code });
    expect(again.statusCode).toBe(401);
  });

  it('asks a partner, who reads special-category data, for a second factor as well', async () => {
    const partnerOrganisationId = await aPartnerOrganisation(t.database.db, swvId, [schoolId]);
    const enrolled = await aUser(t.database.db, swvId, [{ role: 'partner', partnerOrganisationId }]);
    const login = await new Agent(t).post('/api/auth/login', {
      email: enrolled.email,
      password: testPassword,
    });
    expect(login.json().stage).toBe('second_factor');
    const newcomer = await aUser(t.database.db, swvId, [{ role: 'partner', partnerOrganisationId }], {
      withSecondFactor: false,
    });
    const agent = new Agent(t);
    const first = await agent.post('/api/auth/login', { email: newcomer.email, password: testPassword });
    expect(first.json().stage).toBe('totp_setup');
    expect((await agent.get('/api/schools')).statusCode).toBe(401);
  });

  it('refuses a wrong second-factor code and throttles after five', async () => {
    const user = await aConsultant();
    const agent = new Agent(t);
    await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    for (let i = 0; i < 5; i++) {
      const wrong = await agent.post('/api/auth/second-factor', { code: '000000' });
      expect(wrong.statusCode).toBe(401);
    }
    t.clock.advance(30_000);
    const right = await agent.post('/api/auth/second-factor', {
      code: currentTotp(user.totpSecret!, t.clock.now),
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account_locked');
  });

  it('enrols an SWV role without a second factor, with recovery codes that work once', async () => {
    const user = await aUser(t.database.db, swvId, [{ role: 'committee' }], { withSecondFactor: false });
    const agent = new Agent(t);
    const login = await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(login.json().stage).toBe('totp_setup');
    expect((await agent.get('/api/swv')).statusCode).toBe(401);
    const setup = await agent.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Passend:/);
    expect(qrSvg).toContain('<svg');
    const wrong = await agent.post('/api/auth/totp/enable', { code: '123456' });
    expect(wrong.statusCode).toBe(400);
    const enable = await agent.post('/api/auth/totp/enable', { code: currentTotp(secret, t.clock.now) });
    expect(enable.statusCode).toBe(200);
    const { recoveryCodes } = enable.json();
    expect(recoveryCodes).toHaveLength(10);
    expect((await agent.get('/api/swv')).statusCode).toBe(200);

    const withRecovery = new Agent(t);
    await withRecovery.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(
      (await withRecovery.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).statusCode,
    ).toBe(200);
    const reuse = new Agent(t);
    await reuse.post('/api/auth/login', { email: user.email, password: testPassword });
    expect((await reuse.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).statusCode).toBe(
      401,
    );
  });

  it('locks an account after ten wrong passwords for fifteen minutes, the same for unknown accounts', async () => {
    const user = await anIb();
    for (const email of [user.email, 'unknown-locked@example.test']) {
      for (let i = 0; i < 10; i++) {
        const wrong = await new Agent(t).post('/api/auth/login', { email, password: 'not the password' });
        expect(wrong.statusCode).toBe(401);
      }
      const locked = await new Agent(t).post('/api/auth/login', { email, password: testPassword });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('account_locked');
    }
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect(
      (await new Agent(t).post('/api/auth/login', { email: user.email, password: testPassword })).statusCode,
    ).toBe(200);
  });

  it('lets no more than ten of twenty concurrent wrong passwords through to a 401', async () => {
    const user = await anIb();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        new Agent(t).post('/api/auth/login', { email: user.email, password: 'not the password' }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
  });

  it('lets no more than five of twenty concurrent second-factor codes be tried', async () => {
    const user = await aConsultant();
    const agent = new Agent(t);
    await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        agent.post('/api/auth/second-factor', { code: String(index).padStart(6, '0') }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
  });

  it('does not count a successful sign-in against the address', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => anIb()));
    const counted = async () => {
      const [row] = await queryRows<{ total: number }>(
        t.database.db,
        sql`select coalesce(sum(count), 0)::int as total from throttle`,
      );
      return row!.total;
    };
    const before = await counted();
    for (const user of users) {
      const login = await new Agent(t).post('/api/auth/login', { email: user.email, password: testPassword });
      expect(login.statusCode).toBe(200);
    }
    expect(await counted()).toBe(before);
  });
});

describe('sessions', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await testApp();
    const swvId = (await aSwv(t.database.db)).id;
    const schoolId = (await aSchool(t.database.db, swvId)).id;
    user = await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]);
  });
  afterAll(() => t.close());

  it('gives a new session id at every login (no fixation)', async () => {
    const agent = await signIn(t, user);
    const first = agent.cookie;
    await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(agent.cookie).not.toBe(first);
    const old = new Agent(t);
    old.cookie = first;
    expect((await old.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends the session on logout: the old cookie gets 401', async () => {
    const agent = await signIn(t, user);
    const cookie = agent.cookie;
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = new Agent(t);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires after 30 idle minutes, and activity keeps it alive', async () => {
    const agent = await signIn(t, user);
    t.clock.advance(29 * 60 * 1000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60 * 1000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60 * 1000);
    const expired = await agent.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('session_expired');
  });

  it('still says "expired" to the app after the browser reloaded the page', async () => {
    const agent = await signIn(t, user);
    t.clock.advance(31 * 60 * 1000);
    const page = await t.app.inject({ method: 'GET', url: '/students', headers: { cookie: agent.cookie! } });
    expect(page.statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).json().error.code).toBe('session_expired');
  });

  it('expires after 12 hours whatever the activity, and tells the app both ends', async () => {
    const agent = await signIn(t, user);
    const end = Date.parse((await agent.get('/api/auth/me')).json().expiresAt);
    expect(end).toBeGreaterThanOrEqual(t.clock.now.getTime() + 12 * 60 * 60 * 1000 - 60_000);
    for (let minutes = 0; minutes < 12 * 60; minutes += 25) {
      t.clock.advance(25 * 60 * 1000);
      const me = await agent.get('/api/auth/me');
      if (minutes + 25 < 12 * 60) {
        expect(me.statusCode).toBe(200);
        expect(Date.parse(me.json().expiresAt)).toBe(end);
        // The idle end moves with every call, up to the absolute end.
        expect(Date.parse(me.json().idleExpiresAt)).toBe(
          Math.min(t.clock.now.getTime() + 30 * 60 * 1000, end),
        );
      } else expect(me.statusCode).toBe(401);
    }
  });

  it('refuses a state-changing request without the CSRF token, and a cross-site one', async () => {
    const agent = await signIn(t, user);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: agent.cookie! },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: { email: user.email, password: testPassword },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses a token as long in characters but not in bytes with 403, not 500 (finding 27)', async () => {
    const agent = await signIn(t, user);
    const length = agent.csrfToken!.length;
    // As many characters as the token, one byte more in UTF-8: a length check in characters let
    // it reach timingSafeEqual, which threw.
    for (const token of [`é${'a'.repeat(length - 1)}`, `${agent.csrfToken!.slice(0, -1)}€`]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/auth/language',
        headers: { cookie: agent.cookie!, 'x-csrf-token': token, 'content-type': 'application/json' },
        payload: JSON.stringify({ language: 'en' }),
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('csrf_failed');
    }
    expect((await agent.get('/api/auth/me')).json().user.language).not.toBe('en');
  });

  it('ends every session when the password changes, and enforces the password rules', async () => {
    const other = await aUser(t.database.db, user.swvId, [{ role: 'parent' }]);
    const first = await signIn(t, other);
    const second = await signIn(t, other);
    const tooShort = await first.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'kort',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details).toEqual({ fields: { password: 'too_short' } });
    const common = await first.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'password1234',
    });
    expect(common.json().error.details).toEqual({ fields: { password: 'common' } });
    const wrongCurrent = await first.post('/api/auth/password', {
      currentPassword: 'not it at all',
      newPassword: 'Een lange zin als wachtwoord',
    });
    expect(wrongCurrent.statusCode).toBe(400);
    const changed = await first.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'Een lange zin als wachtwoord',
    });
    expect(changed.statusCode).toBe(204);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    const again = await new Agent(t).post('/api/auth/login', {
      email: other.email,
      password: 'Een lange zin als wachtwoord',
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('the account’s language and the SWV’s sector', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('keeps the language a user chooses on their own account, for every session of theirs', async () => {
    const swvId = (await aSwv(t.database.db)).id;
    const user = await aUser(t.database.db, swvId, [{ role: 'parent' }]);
    const other = await aUser(t.database.db, swvId, [{ role: 'parent' }]);
    const agent = await signIn(t, user);
    expect((await agent.get('/api/auth/me')).json().user.language).toBeNull();

    expect((await agent.request('PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(204);
    expect((await agent.get('/api/auth/me')).json().user.language).toBe('en');
    // A new sign-in, elsewhere, gets the account's choice; another account keeps its own.
    expect((await (await signIn(t, user)).get('/api/auth/me')).json().user.language).toBe('en');
    expect((await (await signIn(t, other)).get('/api/auth/me')).json().user.language).toBeNull();

    for (const body of [{ language: 'de' }, { language: null }, {}, { language: 'en', userId: other.id }]) {
      const refused = await agent.request('PUT', '/api/auth/language', body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await agent.get('/api/auth/me')).json().user.language).toBe('en');
    expect((await new Agent(t).request('PUT', '/api/auth/language', { language: 'nl' })).statusCode).toBe(
      401,
    );
  });

  it('tells the web app the sector of the user’s SWV, and none for the operator', async () => {
    const vo = await aSwv(t.database.db, { sector: 'VO', registerCode: 'VO 26.01' });
    const school = await aSchool(t.database.db, vo.id, { kind: 'vo' });
    const mentor = await aUser(t.database.db, vo.id, [
      { role: 'teacher', schoolId: school.id, groups: ['2B'] },
    ]);
    expect((await (await signIn(t, mentor)).get('/api/auth/me')).json().user.swvSector).toBe('VO');
    const operator = await aUser(t.database.db, null, [{ role: 'operator' }]);
    expect((await (await signIn(t, operator)).get('/api/auth/me')).json().user.swvSector).toBeNull();
  });
});
