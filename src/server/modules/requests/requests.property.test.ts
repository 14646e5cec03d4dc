// Random sequences of steps, by the people who take them, through the API: after each, the
// request has one current state that its timeline explains, the clock runs exactly while it is
// complete and undecided, nothing is decided that was never complete, and a refused step changes
// nothing (docs/domain.md, "Requests and decisions").

import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aConsent,
  aPlan,
  aRequestTypeId,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { nextStatus, type RequestStatus, type StepInput } from '../../../domain/requests.ts';
import { plan } from '../../db/schema/index.ts';

type View = {
  id: string;
  state: RequestStatus['state'];
  outcome: RequestStatus['outcome'];
  revision: number;
  missing: string[];
  clock: { completeOn: string | null; deadlineOn: string | null; stopped: boolean };
  events: { step: string; at: string }[];
};

type Command =
  | { by: 'ib' | 'consultant' | 'committee'; step: Exclude<StepInput['step'], 'decide'> }
  | { by: 'committee'; step: 'decide'; outcome: 'granted' | 'partly_granted' | 'rejected' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    by: fc.constantFrom('ib' as const, 'consultant' as const, 'committee' as const),
    step: fc.constantFrom(
      'submit' as const,
      'send_back_incomplete' as const,
      'supplement' as const,
      'accept_complete' as const,
      'start_review' as const,
      'start' as const,
      'evaluate' as const,
      'close' as const,
      'withdraw' as const,
    ),
  }),
  fc.record({
    by: fc.constant('committee' as const),
    step: fc.constant('decide' as const),
    outcome: fc.constantFrom('granted' as const, 'partly_granted' as const, 'rejected' as const),
  }),
);

describe('requests under random sequences of steps', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let agents: Record<Command['by'], Agent>;
  let typeId: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    agents = {
      ib: await signIn(t, ibUser),
      consultant: await signIn(t, consultantUser),
      committee: await signIn(t, await aUser(db, swvId, [{ role: 'committee' }])),
    };
    typeId = await aRequestTypeId(db, swvId, 'arrangement');
  });
  afterAll(() => t.close());

  /** A draft for a new child whose file is complete or not. */
  async function aDraft(completeFile: boolean): Promise<View> {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    const { id: planId } = await aPlan(db, { swvId, studentId: child.id, byUserId: ibUser.id });
    if (completeFile) {
      await db.update(plan).set({ strengths: 'Doorzetter.' }).where(eq(plan.id, planId));
      await aConsent(db, {
        swvId,
        studentId: child.id,
        givenByUserId: ibUser.id,
        purpose: 'request_arrangement',
      });
    }
    const created = await agents.ib.post(`/api/students/${child.id}/requests`, { typeId });
    expect(created.statusCode).toBe(201);
    return created.json();
  }

  function bodyOf(c: Command, revision: number) {
    if (c.step === 'decide') {
      const granted = c.outcome !== 'rejected';
      return {
        url: 'decision',
        body: {
          revision,
          outcome: c.outcome,
          reasons: 'Besluit.',
          ...(granted ? { periodFrom: '2026-12-01', periodUntil: '2027-06-30' } : {}),
        },
      };
    }
    const extra =
      c.step === 'send_back_incomplete'
        ? { reasonCode: 'question_unclear' }
        : c.step === 'evaluate'
          ? { evaluationOutcome: 'partly_reached' }
          : {};
    return { url: 'steps', body: { step: c.step, revision, ...extra } };
  }

  /** The invariants of one request, read back after every step. */
  function checkInvariants(view: View) {
    // The timeline explains the one current state: replaying its steps from a draft ends there.
    let replayed: RequestStatus = { state: 'draft', outcome: null };
    for (const event of view.events.filter((e) => e.step !== 'create' && e.step !== 'assign')) {
      const input: StepInput =
        event.step === 'decide'
          ? { step: 'decide', outcome: view.outcome ?? 'granted' }
          : ({ step: event.step } as StepInput);
      const next = nextStatus(replayed, input);
      expect('rule' in next, `${replayed.state} then ${event.step}`).toBe(false);
      replayed = next as RequestStatus;
    }
    expect(replayed.state).toBe(view.state);
    const times = view.events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    // The clock runs exactly while the request is complete and undecided.
    const running = view.clock.deadlineOn !== null && !view.clock.stopped;
    expect(running).toBe(view.state === 'complete' || view.state === 'in_review');
    // No decision without completeness: a decided request went through accept_complete first.
    const steps = view.events.map((e) => e.step);
    if (steps.includes('decide')) {
      expect(steps.indexOf('accept_complete')).toBeGreaterThan(-1);
      expect(steps.lastIndexOf('accept_complete')).toBeLessThan(steps.indexOf('decide'));
      expect(view.outcome).not.toBeNull();
    }
  }

  it('keeps its invariants, and only the steps the state machine allows succeed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(command, { minLength: 1, maxLength: 12 }),
        async (complete, commands) => {
          let view = await aDraft(complete);
          for (const c of commands) {
            const before = view;
            const { url, body } = bodyOf(c, view.revision);
            const response = await agents[c.by].post(`/api/requests/${view.id}/${url}`, body);
            expect(response.statusCode, response.body).toBeLessThan(500);
            view = (await agents.ib.get(`/api/requests/${view.id}`)).json();
            checkInvariants(view);
            const input: StepInput =
              c.step === 'decide' ? { step: 'decide', outcome: c.outcome } : { step: c.step };
            const allowedByStateMachine = !('rule' in nextStatus(before, input));
            if (response.statusCode === 200) {
              expect(allowedByStateMachine, `${before.state} then ${c.step}`).toBe(true);
              expect(view.revision).toBe(before.revision + 1);
            } else {
              // Refused (by the policy, the state machine or completeness): nothing changed.
              expect(view.revision).toBe(before.revision);
              expect(view.events.length).toBe(before.events.length);
            }
            if (c.step === 'accept_complete' && response.statusCode === 200)
              expect(before.missing).toEqual([]);
          }
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
    // A few hundred requests through the API: it takes its time on a loaded machine.
  }, 180_000);
});
