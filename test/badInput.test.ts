// TRUST D1 and C4: every route refuses malformed, oversized, mistyped and smuggled input with a
// clear 4xx in the one error shape — never a 5xx or a stack trace — and the database is unchanged.
// The routes come from the app itself, so a new route is fuzzed without editing this file.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/db/client.ts';
import { newDocumentKey } from '../src/server/modules/documents/encryption.ts';
import { aDocx } from './support/documentFiles.ts';
import {
  type Agent,
  aBoard,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aPartnerOrganisation,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from './support/factories.ts';
import { type TestApp, testApp } from './support/testApp.ts';

/** A deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nastyStrings = [
  "' OR '1'='1",
  '1; DROP TABLE student; --',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  '\u0000\u0001\u001b[31m',
  'line\nbreak\r\ninjected: yes',
  '#{7*7}{{7*7}}',
  '🙂'.repeat(300),
  'a'.repeat(5000),
  '',
  ' ',
  '-1',
  '1e309',
  'null',
  '__proto__',
  '00000000-0000-0000-0000-000000000000',
];

function junkValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 9));
  switch (pick) {
    case 0:
      return nastyStrings[Math.floor(random() * nastyStrings.length)];
    case 1:
      return [-1, 0, 1.5, 2 ** 53, -(2 ** 31), Number.MAX_SAFE_INTEGER][Math.floor(random() * 6)];
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return '2026-02-30';
    case 5:
      return 'not-an-email@';
    case 6:
      return { swvId: '00000000-0000-0000-0000-000000000000' };
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => [
          ['name', 'email', 'role', 'swvId', 'swv_id', 'schoolId', 'memberships', 'code', `f${i}`][
            Math.floor(random() * 9)
          ]!,
          junkValue(random, depth + 1),
        ]),
      );
  }
}

/** Row counts and a digest of every table: equal before and after means nothing was written. */
async function databaseDigest(t: TestApp): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.database.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      t.database.db,
      sql.raw(
        `select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${name}" x`,
      ),
    );
    digest[name] = `${row?.n}:${row?.h}`;
  }
  return digest;
}

describe('bad input on every route', () => {
  let t: TestApp;
  let agents: { operator: Agent; admin: Agent; ib: Agent };
  let ids: {
    school: string;
    student: string;
    user: string;
    meeting: string;
    action: string;
    consent: string;
    board: string;
    partner: string;
    plan: string;
    agreement: string;
    document: string;
    caseMember: string;
  };

  beforeAll(async () => {
    const key = newDocumentKey('fuzz');
    const keys = { current: key, byId: new Map([[key.id, key.key]]) };
    t = await testApp({ documents: { keys, maxBytes: 10 * 1024 * 1024 } });
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    const student = await aStudent(db, swv.id, school.id);
    const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    const admin = await aUser(db, swv.id, [{ role: 'swv_admin' }]);
    const operator = await aUser(db, null, [{ role: 'operator' }]);
    agents = { operator: await signIn(t, operator), admin: await signIn(t, admin), ib: await signIn(t, ib) };
    // Real records behind every id in a URL, so the input itself is what gets judged.
    const meeting = await aCaseMeeting(db, {
      swvId: swv.id,
      studentId: student.id,
      createdByUserId: ib.id,
      actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
    });
    const consentId = await aConsent(db, {
      swvId: swv.id,
      studentId: student.id,
      givenByUserId: ib.id,
      purpose: 'request_arrangement',
    });
    const plan = await aPlan(db, { swvId: swv.id, studentId: student.id, byUserId: ib.id });
    const partner = await aPartnerOrganisation(db, swv.id, [school.id]);
    const partnerUser = await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partner }]);
    ids = {
      school: school.id,
      student: student.id,
      user: ib.id,
      board: await aBoard(db, swv.id),
      partner,
      caseMember: await aCaseMember(db, swv.id, student.id, partnerUser.id),
      meeting: meeting.id,
      action: meeting.actionIds[0]!,
      consent: consentId,
      plan: plan.id,
      agreement: plan.agreementIds[0]!,
      document: (await aDocument(db, keys, { swvId: swv.id, studentId: student.id, uploadedByUserId: ib.id }))
        .id,
    };
  });
  afterAll(() => t.close());

  /** The agent that may use the route, so the input itself is what gets judged. */
  function agentFor(url: string): Agent {
    if (url.startsWith('/api/swvs')) return agents.operator;
    if (/students|meetings|consents|plans|documents/.test(url) || url.startsWith('/api/auth'))
      return agents.ib;
    return agents.admin;
  }

  const idOf: Record<string, () => string> = {
    schoolId: () => ids.school,
    meetingId: () => ids.meeting,
    actionId: () => ids.action,
    consentId: () => ids.consent,
    planId: () => ids.plan,
    agreementId: () => ids.agreement,
    documentId: () => ids.document,
    memberId: () => ids.caseMember,
  };

  function fill(url: string, param = (name: string) => idOf[name]?.() ?? ids.student): string {
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (url.startsWith('/api/users')) return ids.user;
      if (url.startsWith('/api/schools/:id')) return ids.school;
      if (url.startsWith('/api/boards/')) return ids.board;
      if (url.startsWith('/api/partner-organisations/')) return ids.partner;
      return param(name);
    });
  }

  function expectClientError(
    response: { statusCode: number; body: string; headers: Record<string, unknown> },
    what: string,
  ) {
    // Single sign-on runs in the browser: its routes refuse by sending the user back to the login page.
    if (what.includes('/api/auth/oidc/') && response.statusCode === 302) {
      expect(String(response.headers.location), what).toMatch(/^\/login\?sso=failed/);
      return;
    }
    expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    const body = JSON.parse(response.body);
    expect(body.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(response.body, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  }

  async function send(
    agent: Agent,
    method: string,
    url: string,
    payload: string | Buffer | undefined,
    contentType?: string,
  ) {
    const headers: Record<string, string> = { cookie: agent.cookie!, 'x-csrf-token': agent.csrfToken! };
    if (contentType) headers['content-type'] = contentType;
    return t.app.inject({
      method: method as 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  const routes = () =>
    t.app.routeList.filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/auth/logout');

  it('refuses bodies that are not JSON objects, too large or of the wrong type', async () => {
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = fill(route.url);
      const agent = agentFor(route.url);
      const what = `${route.method} ${route.url}`;
      expectClientError(
        await send(agent, route.method, url, '{"broken": ', 'application/json'),
        `${what} malformed`,
      );
      expectClientError(await send(agent, route.method, url, 'email=a', 'text/plain'), `${what} text/plain`);
      expectClientError(
        await send(
          agent,
          route.method,
          url,
          JSON.stringify({ x: 'a'.repeat(1_100_000) }),
          'application/json',
        ),
        `${what} oversized`,
      );
      for (const junk of ['[]', '42', '"text"', 'null', '{"__proto__": {"admin": true}}']) {
        const response = await send(agent, route.method, url, junk, 'application/json');
        expectClientError(response, `${what} ${junk}`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  });

  it('refuses a tenant, role or owner smuggled into a body (no mass assignment)', async () => {
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = fill(route.url);
      for (const smuggled of [
        { swvId: ids.school },
        { swv_id: ids.school },
        { role: 'swv_admin' },
        { userId: ids.user },
      ]) {
        const response = await send(
          agentFor(route.url),
          route.method,
          url,
          JSON.stringify(smuggled),
          'application/json',
        );
        expectClientError(response, `${route.method} ${route.url} ${JSON.stringify(smuggled)}`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  });

  it('refuses bad ids and query strings in the URL', async () => {
    const before = await databaseDigest(t);
    for (const route of routes()) {
      const agent = agentFor(route.url);
      const what = `${route.method} ${route.url}`;
      if (route.url.includes(':')) {
        for (const bad of ['not-a-uuid', "1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300)]) {
          const url = fill(route.url, () => bad)
            .replace(ids.user, bad)
            .replace(ids.school, bad)
            .replace(ids.board, bad)
            .replace(ids.partner, bad);
          const response = await send(
            agent,
            route.method,
            url,
            route.method === 'GET' ? undefined : '{}',
            'application/json',
          );
          expectClientError(response, `${what} id=${bad}`);
        }
      }
      // Page URLs of the web app take any query: it belongs to the app in the browser.
      if (route.method === 'GET' && route.url.startsWith('/api/')) {
        const response = await send(
          agent,
          'GET',
          `${fill(route.url)}?limit=-1&offset=abc&unknown=%27%22`,
          undefined,
        );
        expectClientError(response, `${what} query`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  });

  it('refuses raw bytes that are not an acceptable document, on every route', async () => {
    const random = prng(20261124);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const files = [
      junk,
      Buffer.alloc(0),
      Buffer.concat([Buffer.from('MZ'), junk]),
      Buffer.from('#!/bin/sh\nexit 0\n'),
      Buffer.concat([Buffer.from('PK\x03\x04'), junk]),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk]),
      aDocx('bomb', [{ name: 'word/zeros.xml', data: Buffer.alloc(4 * 1024 * 1024) }]),
    ];
    // With the upload's metadata too, so the upload route judges the bytes, not a missing title.
    const uploadQuery = '?title=Verslag&fileName=verslag.pdf&classification=ordinary';
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      for (const query of ['', uploadQuery]) {
        for (const file of files) {
          const response = await send(
            agentFor(route.url),
            route.method,
            `${fill(route.url)}${query}`,
            file,
            'application/octet-stream',
          );
          expectClientError(
            response,
            `${route.method} ${route.url}${query} ${file.subarray(0, 8).toString('hex')}`,
          );
        }
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  });

  it('survives generated junk bodies on every route with a 4xx', async () => {
    const random = prng(20261123);
    const before = await databaseDigest(t);
    for (const route of routes().filter((r) => r.method !== 'GET')) {
      const url = fill(route.url);
      for (let i = 0; i < 40; i++) {
        const junk = junkValue(random);
        const body =
          typeof junk === 'object' && junk !== null && !Array.isArray(junk) ? { ...junk, extra: 1 } : junk;
        const response = await send(
          agentFor(route.url),
          route.method,
          url,
          JSON.stringify(body),
          'application/json',
        );
        expectClientError(response, `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    expect(await databaseDigest(t)).toEqual(before);
  });
});
