import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { consent } from '../../db/schema/index.ts';

describe('consent', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let organisation: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let partnerUser: TestUser;
  let ib: Agent;
  let parent: Agent;
  let partner: Agent;
  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    organisation = await aPartnerOrganisation(db, swvId, [schoolId]);
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: organisation }]);
    ib = await signIn(t, ibUser);
    parent = await signIn(t, parentUser);
    partner = await signIn(t, partnerUser);
  });
  afterAll(() => t.close());

  /** A child of the parent, with the partner working on the case. */
  async function aChildOfTheParent() {
    const child = await aStudent(t.database.db, swvId, schoolId);
    await aGuardian(t.database.db, swvId, child.id, parentUser.id);
    await aCaseMember(t.database.db, swvId, child.id, partnerUser.id);
    return child;
  }

  const share = { purpose: 'share_with_partner', scope: 'Het plan en de verslagen' };

  it('opens the file to the partner while the parent’s consent holds, and closes it at once on withdrawal', async () => {
    const child = await aChildOfTheParent();
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    const given = await parent.post(`/api/students/${child.id}/consents`, {
      ...share,
      partnerOrganisationId: organisation,
    });
    expect(given.statusCode).toBe(201);
    const parentName = await nameOf(parentUser.id);
    expect(given.json()).toMatchObject({
      purpose: 'share_with_partner',
      partnerOrganisationId: organisation,
      partnerOrganisationName: expect.stringContaining('Buurtteam'),
      scope: 'Het plan en de verslagen',
      givenOn: '2026-11-23',
      expiresOn: null,
      givenByName: parentName,
      givenInPortal: true,
      recordedByName: parentName,
      proof: null,
      withdrawnAt: null,
      inForce: true,
      status: 'in_force',
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);

    const withdrawn = await parent.post(`/api/consents/${given.json().id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      withdrawnAt: t.clock.now.toISOString(),
      withdrawnByName: parentName,
      inForce: false,
      status: 'withdrawn',
    });
    // The very next request, at the same instant, is refused, and the refusal is logged.
    const refused = await partner.get(`/api/students/${child.id}`);
    expect(refused.statusCode).toBe(403);
    const logged = await queryRows<{ outcome: string; actor_role: string; actor_organisation: string }>(
      t.database.db,
      sql`select outcome, actor_role, actor_organisation from access_log
          where request_id = ${String(refused.headers['x-request-id'])}`,
    );
    // On whose behalf the partner tried: their organisation, so the parent's view names it.
    expect(logged).toEqual([
      { outcome: 'denied', actor_role: 'partner', actor_organisation: `partner:${organisation}` },
    ]);
    // The parent's view shows the refusal first: it is the newest access by someone else.
    const seenByParent = (await parent.get(`/api/students/${child.id}/access-log`)).json();
    expect(seenByParent.lines[0]).toMatchObject({
      actorRole: 'partner',
      outcome: 'denied',
      organisation: `partner:${organisation}`,
    });

    // Withdrawing again changes nothing.
    t.clock.advance(1000);
    const again = await parent.post(`/api/consents/${given.json().id}/withdraw`);
    expect(again.json().withdrawnAt).toBe(withdrawn.json().withdrawnAt);
  });

  it('lets the IB’er record a consent given on paper, with proof; an expired one opens nothing', async () => {
    const child = await aChildOfTheParent();
    const paper = {
      ...share,
      partnerOrganisationId: organisation,
      givenOn: '2025-09-01',
      expiresOn: '2026-08-31',
      givenByName: 'M. Jansen (moeder)',
      proof: 'Getekend formulier van 1 september 2025, in het leerlingdossier',
    };
    const recorded = await ib.post(`/api/students/${child.id}/consents`, paper);
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      givenByName: 'M. Jansen (moeder)',
      givenInPortal: false,
      recordedByName: await nameOf(ibUser.id),
      proof: paper.proof,
      inForce: false,
      status: 'expired',
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    const current = await ib.post(`/api/students/${child.id}/consents`, {
      ...paper,
      expiresOn: '2027-08-31',
    });
    expect(current.json().status).toBe('in_force');
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    // The parent sees both, newest first, and may withdraw what the school recorded.
    const list = (await parent.get(`/api/students/${child.id}/consents`)).json();
    expect(list.consents.map((c: { status: string }) => c.status)).toEqual(['in_force', 'expired']);
    expect((await parent.post(`/api/consents/${current.json().id}/withdraw`)).statusCode).toBe(200);
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);
  });

  it('asks the school for proof and the parent for none, and a partner only when sharing', async () => {
    const db = t.database.db;
    const child = await aChildOfTheParent();
    const fieldsOf = async (agent: Agent, body: object) => {
      const response = await agent.post(`/api/students/${child.id}/consents`, body);
      expect(response.statusCode).toBe(400);
      return response.json().error.details.fields ?? response.json().error.details.issues;
    };
    expect(await fieldsOf(ib, { purpose: 'request_arrangement' })).toEqual({
      givenOn: 'required',
      givenByName: 'required',
      proof: 'required',
    });
    expect(
      await fieldsOf(parent, { purpose: 'request_arrangement', givenByName: 'Iemand anders', proof: 'x' }),
    ).toEqual({ givenByName: 'not_allowed', proof: 'not_allowed' });
    expect(await fieldsOf(parent, { purpose: 'request_arrangement', expiresOn: '2026-11-22' })).toEqual({
      expiresOn: 'before_given',
    });
    expect(
      await fieldsOf(ib, {
        purpose: 'request_arrangement',
        givenOn: '2026-11-24',
        givenByName: 'A',
        proof: 'B',
      }),
    ).toEqual({ givenOn: 'future' });
    const foreignPartner = await aPartnerOrganisation(db, (await aSwv(db)).id);
    expect(await fieldsOf(parent, { ...share, partnerOrganisationId: foreignPartner })).toEqual({
      partnerOrganisationId: 'unknown',
    });
    expect(await fieldsOf(parent, share)).toEqual([
      expect.objectContaining({ path: 'body.partnerOrganisationId' }),
    ]);
    expect(
      await fieldsOf(parent, { purpose: 'hand_over_to_school', partnerOrganisationId: organisation }),
    ).toEqual([expect.objectContaining({ path: 'body.partnerOrganisationId' })]);
    const stored = await db.select().from(consent).where(eq(consent.studentId, child.id));
    expect(stored).toEqual([]);

    const arrangement = await parent.post(`/api/students/${child.id}/consents`, {
      purpose: 'request_arrangement',
    });
    expect(arrangement.json()).toMatchObject({ partnerOrganisationId: null, status: 'in_force' });
  });

  it('keeps a parent to their own child’s consents', async () => {
    const db = t.database.db;
    const child = await aChildOfTheParent();
    const otherParent = await signIn(t, await aUser(db, swvId, [{ role: 'parent' }]));
    const consentId = await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: organisation,
    });
    expect((await otherParent.get(`/api/students/${child.id}/consents`)).statusCode).toBe(403);
    const give = { purpose: 'request_arrangement' };
    expect((await otherParent.post(`/api/students/${child.id}/consents`, give)).statusCode).toBe(403);
    expect((await otherParent.post(`/api/consents/${consentId}/withdraw`)).statusCode).toBe(403);
    const [row] = await db.select().from(consent).where(eq(consent.id, consentId));
    expect(row!.withdrawnAt).toBeNull();
    // A partner sees the file with consent, but not the consents themselves.
    expect((await partner.get(`/api/students/${child.id}/consents`)).statusCode).toBe(403);
  });

  it('offers the SWV’s partner organisations, those of the child’s school first', async () => {
    const db = t.database.db;
    const child = await aChildOfTheParent();
    const elsewhere = await aPartnerOrganisation(db, swvId, [(await aSchool(db, swvId)).id]);
    const list = (await ib.get(`/api/students/${child.id}/consents`)).json();
    const choices = list.partnerOrganisations as Array<{ id: string; linkedToSchool: boolean }>;
    expect(choices[0]).toMatchObject({ id: organisation, linkedToSchool: true });
    expect(choices.find((c) => c.id === elsewhere)).toMatchObject({ linkedToSchool: false });
    expect(choices.every((c, i) => i === 0 || !c.linkedToSchool)).toBe(true);
  });

  async function nameOf(userId: string) {
    const [row] = await queryRows<{ display_name: string }>(
      t.database.db,
      sql`select display_name from app_user where id = ${userId}`,
    );
    return row!.display_name;
  }
});
