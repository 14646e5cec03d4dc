// Places and waiting lists through the API (docs/domain.md, "Places and waiting lists"): who sets
// places, who puts a child on the list and places it, who reads what, and bad input refused with
// nothing changed. The clock stands on 2026-11-23 (test/support/testApp.ts).
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aGuardian,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type KnownSum, smallCellsGivenAway } from '../../../../test/support/subtraction.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { waitingEntry } from '../../db/schema/index.ts';
import { sendReminders } from '../../jobs/reminders.ts';

describe('places and waiting lists', () => {
  let t: TestApp;
  let swvId: string;
  let regular: { id: string };
  let sbo: { id: string };
  let so: { id: string };
  let otherRegular: { id: string };
  let admin: Agent;
  let consultant: Agent;
  let committee: Agent;
  let policy: Agent;
  let ib: Agent;
  let sboIb: Agent;
  let sboDirector: Agent;
  let otherIb: Agent;
  let parent: Agent;
  let child: { id: string };
  let tlvRequestId: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    regular = await aSchool(db, swvId);
    otherRegular = await aSchool(db, swvId);
    sbo = await aSchool(db, swvId, { kind: 'sbo', name: 'SBO De Brug' });
    so = await aSchool(db, swvId, { kind: 'so', name: 'SO De Kompas' });
    const ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId: regular.id }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [regular.id], [consultantUser.id]);
    const parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    consultant = await signIn(t, consultantUser);
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    ib = await signIn(t, ibUser);
    sboIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: sbo.id }]));
    sboDirector = await signIn(t, await aUser(db, swvId, [{ role: 'school_director', schoolId: sbo.id }]));
    otherIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: otherRegular.id }]));
    parent = await signIn(t, parentUser);
    child = await aStudent(db, swvId, regular.id, { givenName: 'Daan' });
    await aGuardian(db, swvId, child.id, parentUser.id);
    tlvRequestId = await aRequest(db, {
      swvId,
      schoolId: regular.id,
      studentId: child.id,
      byUserId: ibUser.id,
      state: 'decided',
      code: 'tlv_sbo',
    });
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number(
      (
        await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from ${sql.identifier(table)}`)
      )[0]!.n,
    );
  const logRows = async (requestId: string) =>
    queryRows<{ outcome: string; student_id: string | null; object_type: string }>(
      t.database.db,
      sql`select outcome, student_id, object_type from access_log where request_id = ${requestId}`,
    );
  const places = { schoolYear: '2026-2027', category: 'none', places: 120, taken: 118 };

  it('lets the administrator set places of a special school, and its director their own', async () => {
    expect((await admin.request('PUT', '/api/capacity', { ...places, schoolId: sbo.id })).statusCode).toBe(
      200,
    );
    const own = await sboDirector.request('PUT', '/api/capacity', {
      ...places,
      schoolId: sbo.id,
      taken: 119,
    });
    expect(own.statusCode).toBe(200);
    const other = await sboDirector.request('PUT', '/api/capacity', {
      ...places,
      schoolId: so.id,
      category: 'high',
    });
    expect(other.statusCode).toBe(403);
    const view = await admin.request('GET', '/api/capacity?schoolYear=2026-2027');
    const row = view.json().places.find((p: { id: string }) => p.id === sbo.id);
    expect(row.rows).toEqual([{ category: 'none', places: 120, taken: 119, waiting: 0, placed: 0 }]);
    expect(await count('place_capacity')).toBe(1);
  });

  it('refuses negative, absurd and mistyped counts, a regular school and a category that does not fit', async () => {
    const before = await count('place_capacity');
    const negative = await admin.request('PUT', '/api/capacity', { ...places, schoolId: sbo.id, places: -1 });
    expect(negative.statusCode).toBe(400);
    const absurd = await admin.request('PUT', '/api/capacity', { ...places, schoolId: sbo.id, places: 5000 });
    expect(absurd.statusCode).toBe(422);
    expect(absurd.json().error.details.rule).toBe('places_out_of_range');
    const regularSchool = await admin.request('PUT', '/api/capacity', { ...places, schoolId: regular.id });
    expect(regularSchool.json().error.details.rule).toBe('not_a_place');
    const soWithout = await admin.request('PUT', '/api/capacity', { ...places, schoolId: so.id });
    expect(soWithout.json().error.details.rule).toBe('category_of_kind');
    const both = await admin.request('PUT', '/api/capacity', {
      ...places,
      schoolId: so.id,
      providerId: so.id,
    });
    expect(both.statusCode).toBe(400);
    expect(await count('place_capacity')).toBe(before);
  });

  it('keeps arrangement providers, each name once', async () => {
    const made = await admin.request('POST', '/api/arrangement-providers', {
      name: 'Ambulante dienst Cluster 4',
    });
    expect(made.statusCode).toBe(201);
    const again = await admin.request('POST', '/api/arrangement-providers', {
      name: 'Ambulante dienst Cluster 4',
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await consultant.request('POST', '/api/arrangement-providers', { name: 'Rebound' })).statusCode,
    ).toBe(403);
    const set = await admin.request('PUT', '/api/capacity', {
      ...places,
      providerId: made.json().id,
      places: 20,
      taken: 20,
    });
    expect(set.statusCode).toBe(200);
  });

  let entryId: string;
  const wait = () => ({ requestId: tlvRequestId, schoolId: sbo.id, category: 'none', since: '2026-08-20' });

  it('lets the consultant put a child with a granted TLV on the list, logged as the child’s data', async () => {
    const response = await consultant.request('POST', `/api/students/${child.id}/waiting-entries`, wait());
    expect(response.statusCode).toBe(201);
    const entry = response.json();
    entryId = entry.id;
    expect(entry).toMatchObject({
      place: { id: sbo.id, kind: 'sbo', name: 'SBO De Brug' },
      request: { id: tlvRequestId },
      waitingDays: 95,
      bucket: 'three_to_six_months',
      longWait: true,
      mayChange: true,
    });
    expect(await logRows(String(response.headers['x-request-id']))).toEqual([
      { outcome: 'allowed', student_id: child.id, object_type: 'waiting_entry' },
    ]);
  });

  it('refuses a second wait for the same place, a promise before the start, a start ahead, a regular school', async () => {
    const before = await count('waiting_entry');
    const post = (body: object) =>
      consultant.request('POST', `/api/students/${child.id}/waiting-entries`, body);
    expect((await post(wait())).json().error.details.rule).toBe('already_waiting');
    const promised = await post({ ...wait(), schoolId: so.id, category: 'high', promisedOn: '2026-08-01' });
    expect(promised.json().error.details.rule).toBe('promised_before_start');
    const ahead = await post({ ...wait(), schoolId: so.id, category: 'high', since: '2026-11-24' });
    expect(ahead.json().error.details.rule).toBe('start_in_future');
    const regularSchool = await post({ ...wait(), schoolId: otherRegular.id });
    expect(regularSchool.statusCode).toBe(422);
    expect(regularSchool.json().error.details.rule).toBe('not_a_place');
    const notTheChilds = await post({ ...wait(), schoolId: so.id, category: 'high', requestId: entryId });
    expect(notTheChilds.statusCode).toBe(400);
    expect(await count('waiting_entry')).toBe(before);
    // Others may not put the child on the list.
    expect((await ib.request('POST', `/api/students/${child.id}/waiting-entries`, wait())).statusCode).toBe(
      403,
    );
  });

  it('shows the entry to the SWV, the child’s school, the school waited for and the parent, not to others', async () => {
    const listed = async (agent: Agent) => {
      const response = await agent.request('GET', '/api/waiting-list');
      return response.statusCode === 200
        ? response.json().entries.map((e: { id: string }) => e.id)
        : response.statusCode;
    };
    expect(await listed(consultant)).toEqual([entryId]);
    expect(await listed(committee)).toEqual([entryId]);
    expect(await listed(ib)).toEqual([entryId]);
    expect(await listed(sboIb)).toEqual([entryId]);
    expect(await listed(otherIb)).toEqual([]);
    expect(await listed(policy)).toBe(403);
    expect(await listed(admin)).toBe(403);
    expect((await sboIb.request('GET', `/api/waiting-entries/${entryId}`)).statusCode).toBe(200);
    expect((await otherIb.request('GET', `/api/waiting-entries/${entryId}`)).statusCode).toBe(403);
    const own = await parent.request('GET', `/api/students/${child.id}/waiting-entries`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ entries: [{ id: entryId }], choices: null });
    const filtered = await consultant.request('GET', `/api/waiting-list?kind=so`);
    expect(filtered.json().entries).toEqual([]);
  });

  it('keeps the staff’s note on a wait from the parents, in the child’s waits and the entry alike', async () => {
    // Probe finding 09: the parents read "since when, where, promised", not the consultant's note.
    const note = 'Intern: eerst gesprek met leerplicht.';
    const noted = await consultant.request('PATCH', `/api/waiting-entries/${entryId}`, { note });
    expect(noted.statusCode, noted.body).toBe(200);
    expect(noted.json().note).toBe(note);
    const own = await parent.request('GET', `/api/students/${child.id}/waiting-entries`);
    const one = await parent.request('GET', `/api/waiting-entries/${entryId}`);
    expect([own.statusCode, one.statusCode]).toEqual([200, 200]);
    expect(own.json().entries[0]).toMatchObject({ id: entryId, since: '2026-08-20', note: null });
    expect(one.json()).toMatchObject({ id: entryId, note: null });
    expect(own.body + one.body).not.toContain('leerplicht');
    // The professionals who read the wait read the note with it.
    for (const staff of [committee, ib, sboIb, sboDirector]) {
      expect((await staff.request('GET', `/api/waiting-entries/${entryId}`)).json().note).toBe(note);
    }
    const listed = (await committee.request('GET', '/api/waiting-list')).json().entries;
    expect(listed.find((e: { id: string }) => e.id === entryId).note).toBe(note);
  });

  it('hides a small number waiting from policy staff, not from the consultant', async () => {
    const rowOf = async (agent: Agent) =>
      (await agent.request('GET', '/api/capacity')).json().places.find((p: { id: string }) => p.id === sbo.id)
        .rows[0];
    expect((await rowOf(consultant)).waiting).toBe(1);
    expect((await rowOf(policy)).waiting).toBeNull();
    const counts = await policy.request('GET', '/api/waiting-list/counts?on=2026-11-23');
    expect(counts.json()).toMatchObject({ total: null, smallCellsHidden: true });
    const full = await consultant.request('GET', '/api/waiting-list/counts?on=2026-11-23');
    expect(full.json()).toMatchObject({ total: 1, smallCellsHidden: false });
    expect(
      full.json().byBucket.find((b: { bucket: string }) => b.bucket === 'three_to_six_months').count,
    ).toBe(1);
    const before = await consultant.request('GET', '/api/waiting-list/counts?on=2026-08-19');
    expect(before.json().total).toBe(0);
  });

  it('promises a place, then places the child; an ended wait is not changed again', async () => {
    const patch = (body: object) => consultant.request('PATCH', `/api/waiting-entries/${entryId}`, body);
    expect((await patch({ promisedOn: '2026-08-19' })).json().error.details.rule).toBe(
      'promised_before_start',
    );
    expect((await patch({ end: { ending: 'placed', on: '2026-11-24' } })).json().error.details.rule).toBe(
      'end_in_future',
    );
    const promised = await patch({ promisedOn: '2027-01-05' });
    expect(promised.json().promisedOn).toBe('2027-01-05');
    const placed = await patch({ end: { ending: 'placed', on: '2026-11-23' } });
    expect(placed.json()).toMatchObject({
      ending: 'placed',
      endedOn: '2026-11-23',
      waitingDays: 95,
      mayChange: false,
    });
    expect((await patch({ note: 'x' })).json().error.details.rule).toBe('wait_ended');
    const view = await consultant.request('GET', '/api/capacity?schoolYear=2026-2027');
    const row = view.json().places.find((p: { id: string }) => p.id === sbo.id).rows[0];
    expect(row).toMatchObject({ waiting: 0, placed: 1 });
    expect((await consultant.request('GET', '/api/waiting-list')).json().entries).toEqual([]);
    expect((await consultant.request('GET', '/api/waiting-list?state=ended')).json().entries).toHaveLength(1);
    // A new wait for the same place may start once the first ended.
    const again = await consultant.request('POST', `/api/students/${child.id}/waiting-entries`, {
      ...wait(),
      since: '2026-11-23',
    });
    expect(again.statusCode).toBe(201);
  });

  it('tells the child’s school and its consultants once, on the day a wait reaches 3 months', async () => {
    const [open] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from waiting_entry where student_id = ${child.id} and ended_on is null`,
    );
    const told = async () =>
      queryRows<{ kind: string; occasion: string; link: string; n: number }>(
        t.database.db,
        sql`select kind, occasion, link, count(*)::int as n from notification
            where subject_id = ${open!.id} group by kind, occasion, link`,
      );
    // Since 23 November: 3 months on 23 February.
    await sendReminders(t.database, new Date('2027-02-22T07:00:00Z'));
    expect(await told()).toEqual([]);
    await sendReminders(t.database, new Date('2027-02-23T07:00:00Z'));
    await sendReminders(t.database, new Date('2027-02-24T07:00:00Z'));
    // The regular school's IB'er and the consultant of its team, once each.
    expect(await told()).toEqual([
      { kind: 'long_wait', occasion: '2027-02-23', link: `/waiting-list/${open!.id}`, n: 2 },
    ]);
    // The link opens for both.
    for (const agent of [ib, consultant])
      expect((await agent.request('GET', `/api/waiting-entries/${open!.id}`)).statusCode).toBe(200);
  });
});

// The outside probe's case (session 11): an SO school with 3 children waiting for a place of level
// low, 6 medium and 6 high, and an SBO school with 7. The places page showed low hidden and the
// others, the count page the school's 15: 15 − 6 − 6 = 3. Both now show cells of one table.
describe('the waiting counts of the places page and the count page together', () => {
  let t: TestApp;
  let so: { id: string };
  let sbo: { id: string };
  let policy: Agent;
  let admin: Agent;
  let consultant: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const regular = await aSchool(db, swvId);
    so = await aSchool(db, swvId, { kind: 'so', name: 'SO De Ster' });
    sbo = await aSchool(db, swvId, { kind: 'sbo', name: 'SBO Het Anker' });
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    consultant = await signIn(t, consultantUser);
    const waits: [string, 'none' | 'low' | 'medium' | 'high', number][] = [
      [so.id, 'low', 3],
      [so.id, 'medium', 6],
      [so.id, 'high', 6],
      [sbo.id, 'none', 7],
    ];
    let n = 0;
    for (const [schoolId, category, count] of waits) {
      for (let i = 0; i < count; i++, n++) {
        const child = await aStudent(db, swvId, regular.id);
        await db.insert(waitingEntry).values({
          swvId,
          id: uuidv7(),
          studentId: child.id,
          schoolId,
          category,
          // Spread over the waiting times and promises, as a list is.
          since: ['2026-11-10', '2026-10-01', '2026-07-01', '2026-03-01'][n % 4]!,
          promisedOn: n % 3 === 0 ? '2027-01-05' : null,
          createdByUserId: consultantUser.id,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
      }
    }
  });
  afterAll(() => t.close());

  type Place = { id: string; kind: string; rows: { category: string; waiting: number | null }[] };
  type Counts = {
    smallCellsHidden: boolean;
    total: number | null;
    byKind: { kind: string; category: string; count: number | null }[];
    byBucket: { bucket: string; count: number | null }[];
    byPromise: { promised: boolean; count: number | null }[];
    byPlace: { id: string; kind: string; count: number | null }[];
  };

  /** Both answers as a reader writes them down, and every sum the reader knows holds between them. */
  async function read(agent: Agent) {
    const places: Place[] = (await agent.get('/api/capacity')).json().places;
    const counts: Counts = (await agent.get('/api/waiting-list/counts')).json();
    const shown = new Map<string, number | null>([['total', counts.total]]);
    for (const k of counts.byKind) shown.set(`kind ${k.kind}/${k.category}`, k.count);
    for (const b of counts.byBucket) shown.set(`bucket ${b.bucket}`, b.count);
    for (const p of counts.byPromise) shown.set(`promise ${p.promised}`, p.count);
    for (const p of counts.byPlace) shown.set(`place ${p.id}`, p.count);
    for (const p of places) for (const r of p.rows) shown.set(`cell ${p.id}/${r.category}`, r.waiting);
    const kinds = [...new Set(places.map((p) => p.kind))];
    const sums: KnownSum[] = [
      { total: 'total', parts: counts.byKind.map((k) => `kind ${k.kind}/${k.category}`) },
      { total: 'total', parts: counts.byBucket.map((b) => `bucket ${b.bucket}`) },
      { total: 'total', parts: counts.byPromise.map((p) => `promise ${p.promised}`) },
      { total: 'total', parts: places.map((p) => `place ${p.id}`) },
      ...places.map((p) => ({
        total: `place ${p.id}`,
        parts: p.rows.map((r) => `cell ${p.id}/${r.category}`),
      })),
      ...counts.byKind.map((k) => ({
        total: `kind ${k.kind}/${k.category}`,
        parts: places.filter((p) => p.kind === k.kind).map((p) => `cell ${p.id}/${k.category}`),
      })),
      // A kind's total (never shown) is the sum of its categories and of its places.
      ...kinds.flatMap((kind) => [
        {
          total: `kind ${kind}`,
          parts: counts.byKind.filter((k) => k.kind === kind).map((k) => `kind ${k.kind}/${k.category}`),
        },
        { total: `kind ${kind}`, parts: places.filter((p) => p.kind === kind).map((p) => `place ${p.id}`) },
      ]),
    ];
    return { places, counts, shown, sums };
  }

  it('gives no small cell away to policy staff or the administrator, whatever they subtract', async () => {
    for (const agent of [policy, admin]) {
      const { places, counts, shown, sums } = await read(agent);
      expect(counts).toMatchObject({ smallCellsHidden: true, total: 22 });
      expect(places.find((p) => p.id === so.id)!.rows.find((r) => r.category === 'low')!.waiting).toBeNull();
      expect(smallCellsGivenAway(shown, sums)).toEqual([]);
      // The same cell is the same on both pages.
      const soPlace = counts.byPlace.find((p) => p.id === so.id)!.count;
      expect(soPlace === null || soPlace === 15).toBe(true);
      for (const category of ['medium', 'high'])
        expect(shown.get(`cell ${so.id}/${category}`)).toBe(shown.get(`kind so/${category}`));
    }
  });

  it('shows the consultant, who reads the list itself, every count', async () => {
    const { places, counts } = await read(consultant);
    expect(counts.smallCellsHidden).toBe(false);
    expect(places.find((p) => p.id === so.id)!.rows.map((r) => r.waiting)).toEqual([3, 6, 6]);
    expect(counts.byPlace.map((p) => p.count).sort()).toEqual([15, 7]);
    expect(places.find((p) => p.id === sbo.id)!.rows[0]!.waiting).toBe(7);
  });
});
