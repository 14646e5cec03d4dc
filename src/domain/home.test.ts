import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent.ts';
import {
  isEvaluationOverdue,
  isHeldPlanStage,
  type ParentFacts,
  parentWaitingItems,
  planStage,
  planStages,
} from './home.ts';

const today = '2026-12-02';
const now = new Date('2026-12-02T10:00:00Z');
const me = 'parent-1';
const at = (iso: string) => new Date(iso);

const child = (facts: Partial<ParentFacts> = {}): ParentFacts => ({
  studentId: 'child-1',
  activePlan: null,
  caseTeam: [],
  consents: [],
  meetings: [],
  ...facts,
});
const answer = (parentUserId: string | null, agrees: boolean, amendment = 0) => ({
  parentUserId,
  parentName: parentUserId ?? 'Op papier',
  agrees,
  respondedAt: at('2026-11-01T10:00:00Z'),
  amendment,
});
const plan = (responses: ReturnType<typeof answer>[] = [], amendment = 0) => ({
  id: 'plan-1',
  version: 2,
  amendment,
  responses,
});
const buurtteam = {
  partnerOrganisationId: 'org-b',
  validFrom: '2026-09-01',
  validUntil: null,
  endedAt: null,
};
const consentFor = (organisation: string, over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  purpose: 'share_with_partner',
  partnerOrganisationId: organisation,
  givenOn: '2026-09-01',
  expiresOn: null,
  withdrawnAt: null,
  ...over,
});
const kinds = (facts: ParentFacts[]) => parentWaitingItems(facts, me, today, now).map((item) => item.kind);

describe('what waits for a parent', () => {
  it('asks for an answer to the active plan until this parent or the parents together answered', () => {
    expect(parentWaitingItems([child({ activePlan: plan() })], me, today, now)).toEqual([
      { kind: 'plan_answer', studentId: 'child-1', planId: 'plan-1', version: 2, amendment: 0 },
    ]);
    // Their own "no" is an answer too: the school talks with them, the home does not nag.
    expect(kinds([child({ activePlan: plan([answer(me, false)]) })])).toEqual([]);
    // The other parent agreed: the plan is agreed, nobody waits for this one.
    expect(kinds([child({ activePlan: plan([answer('parent-2', true)]) })])).toEqual([]);
    // The other parent said no: this parent's own answer still counts.
    expect(kinds([child({ activePlan: plan([answer('parent-2', false)]) })])).toEqual(['plan_answer']);
    // An agreement recorded from paper counts as the parents' agreement.
    expect(kinds([child({ activePlan: plan([answer(null, true)]) })])).toEqual([]);
  });

  it('asks again when the action part changed after they agreed (a new amendment)', () => {
    expect(kinds([child({ activePlan: plan([answer(me, true, 0)], 1) })])).toEqual(['plan_answer']);
    expect(kinds([child({ activePlan: plan([answer(me, true, 0), answer(me, true, 1)], 1) })])).toEqual([]);
  });

  it('asks for consent for a partner on the case team without it, but not after a withdrawal', () => {
    expect(parentWaitingItems([child({ caseTeam: [buurtteam] })], me, today, now)).toEqual([
      { kind: 'consent', studentId: 'child-1', partnerOrganisationId: 'org-b' },
    ]);
    expect(kinds([child({ caseTeam: [buurtteam], consents: [consentFor('org-b')] })])).toEqual([]);
    // Consent for another organisation, or for another purpose, does not cover this one.
    expect(
      kinds([
        child({
          caseTeam: [buurtteam],
          consents: [consentFor('org-j'), { ...consentFor('org-b'), purpose: 'request_arrangement' }],
        }),
      ]),
    ).toEqual(['consent']);
    const withdrawn = consentFor('org-b', { withdrawnAt: at('2026-11-30T09:00:00Z') });
    expect(kinds([child({ caseTeam: [buurtteam], consents: [withdrawn] })])).toEqual([]);
    // Expired yesterday: it is asked again; starting on a later day: already given.
    const expired = consentFor('org-b', { expiresOn: '2026-12-01' });
    expect(kinds([child({ caseTeam: [buurtteam], consents: [expired] })])).toEqual(['consent']);
    const later = consentFor('org-b', { givenOn: '2026-12-03' });
    expect(kinds([child({ caseTeam: [buurtteam], consents: [later] })])).toEqual([]);
  });

  it('asks nothing for a partner who is not on the team today, and once per organisation', () => {
    const ended = { ...buurtteam, endedAt: at('2026-12-01T09:00:00Z') };
    const future = { ...buurtteam, validFrom: '2026-12-03' };
    const past = { ...buurtteam, validUntil: '2026-12-01' };
    expect(kinds([child({ caseTeam: [ended, future, past] })])).toEqual([]);
    // Until the last day inclusive; two people of one organisation ask once.
    const lastDay = { ...buurtteam, validUntil: today };
    expect(kinds([child({ caseTeam: [lastDay, buurtteam] })])).toEqual(['consent']);
  });

  it('invites to case meetings from today on, earliest first across children', () => {
    const items = parentWaitingItems(
      [
        child({
          meetings: [
            { id: 'm-past', heldOn: '2026-12-01' },
            { id: 'm-late', heldOn: '2027-01-10' },
          ],
        }),
        child({ studentId: 'child-2', meetings: [{ id: 'm-today', heldOn: today }] }),
      ],
      me,
      today,
      now,
    );
    expect(items).toEqual([
      { kind: 'meeting', studentId: 'child-2', meetingId: 'm-today', heldOn: today },
      { kind: 'meeting', studentId: 'child-1', meetingId: 'm-late', heldOn: '2027-01-10' },
    ]);
  });

  it('puts plans first, then consent, then meetings, and nothing when nothing waits', () => {
    const first = child({ meetings: [{ id: 'm', heldOn: '2026-12-10' }], caseTeam: [buurtteam] });
    const second = child({ studentId: 'child-2', activePlan: plan() });
    expect(kinds([first, second])).toEqual(['plan_answer', 'consent', 'meeting']);
    expect(kinds([child()])).toEqual([]);
    expect(kinds([])).toEqual([]);
  });
});

describe('where an active plan stands', () => {
  const filled = { goals: 2, agreements: 1, amendment: 0 };
  it('is a draft without a goal or an agreement, whatever was answered', () => {
    expect(planStage({ ...filled, goals: 0, responses: [] })).toBe('draft');
    expect(planStage({ ...filled, agreements: 0, responses: [answer(me, true)] })).toBe('draft');
  });

  it('awaits the parents until they answer the current text, then agreed or not', () => {
    expect(planStage({ ...filled, responses: [] })).toBe('awaiting_parents');
    expect(planStage({ ...filled, responses: [answer(me, true)] })).toBe('agreed');
    expect(planStage({ ...filled, responses: [answer(me, true), answer('p2', false)] })).toBe('not_agreed');
    // An answer to an earlier text is no answer to this one.
    expect(planStage({ ...filled, amendment: 1, responses: [answer(me, true, 0)] })).toBe('awaiting_parents');
  });
});

describe('an overdue evaluation', () => {
  it('is overdue from the day after its date', () => {
    expect(isEvaluationOverdue('2026-12-01', today)).toBe(true);
    expect(isEvaluationOverdue(today, today)).toBe(false);
    expect(isEvaluationOverdue('2026-12-03', today)).toBe(false);
  });
});

describe('a plan on hold at the school', () => {
  it('is a draft or waits for the parents; an answered plan is not on hold', () => {
    expect(planStages.filter(isHeldPlanStage)).toEqual(['draft', 'awaiting_parents']);
  });
});
