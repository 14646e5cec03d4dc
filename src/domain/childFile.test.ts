import { describe, expect, it } from 'vitest';
import {
  documentSharingRefusal,
  effectiveOnRefusal,
  groupMove,
  parentsAgreed,
  supportLevelRefusal,
} from './childFile.ts';

describe('the level-4 rule', () => {
  const agreedOpp = { hasDevelopmentPerspective: true, parentsAgreed: true };

  it('lets levels 1–3 be set without a plan', () => {
    for (const level of [1, 2, 3] as const) expect(supportLevelRefusal(level, null)).toBeNull();
  });

  it('sets level 4 only with an active OPP the parents agreed to, and says what is missing', () => {
    expect(supportLevelRefusal(4, agreedOpp)).toBeNull();
    expect(supportLevelRefusal(4, null)?.rule).toBe('no_active_plan');
    expect(supportLevelRefusal(4, { ...agreedOpp, hasDevelopmentPerspective: false })?.rule).toBe(
      'no_development_perspective',
    );
    expect(supportLevelRefusal(4, { ...agreedOpp, parentsAgreed: false })).toMatchObject({
      rule: 'no_parent_agreement',
      message: 'Level 4 needs an active OPP that the parents agreed to',
    });
  });

  it('takes effect today or earlier', () => {
    expect(effectiveOnRefusal('2026-11-23', '2026-11-23')).toBeNull();
    expect(effectiveOnRefusal('2026-01-01', '2026-11-23')).toBeNull();
    expect(effectiveOnRefusal('2026-11-24', '2026-11-23')).toMatchObject({
      rule: 'future',
      details: { fields: { effectiveOn: 'future' } },
    });
  });
});

describe('the parents’ agreement', () => {
  const at = (iso: string) => new Date(iso);

  it('needs every parent’s latest response to agree, and at least one response', () => {
    const response = (parentUserId: string | null, parentName: string, agrees: boolean, iso: string) => ({
      parentUserId,
      parentName,
      agrees,
      respondedAt: at(iso),
    });
    expect(parentsAgreed([])).toBe(false);
    expect(
      parentsAgreed([
        response('u1', 'Fatima El Amrani', false, '2026-11-01T10:00:00Z'),
        response('u1', 'Fatima El Amrani', true, '2026-11-02T10:00:00Z'),
        response(null, 'Said El Amrani', true, '2026-11-01T10:00:00Z'),
      ]),
    ).toBe(true);
    // A paper form is its signer's: a later "no" on paper stands beside an earlier "yes".
    expect(
      parentsAgreed([
        response(null, 'Said El Amrani', true, '2026-11-01T10:00:00Z'),
        response(null, 'Said El Amrani', false, '2026-11-02T10:00:00Z'),
        response('u1', 'Fatima El Amrani', true, '2026-11-02T10:00:00Z'),
      ]),
    ).toBe(false);
  });
});

describe('documents', () => {
  it('never shares a medical-psychological report with the parents', () => {
    expect(documentSharingRefusal('medical_psychological', true)).toMatchObject({
      rule: 'medical_not_shared',
      message: 'A medical-psychological document is not shared with parents',
      details: { fields: { sharedWithParents: 'medical_not_shared' } },
    });
    expect(documentSharingRefusal('medical_psychological', false)).toBeNull();
    expect(documentSharingRefusal('ordinary', true)).toBeNull();
  });
});

describe('a move to another group', () => {
  it('closes the open enrolment and opens one, or corrects one opened today', () => {
    expect(groupMove({ startedOn: '2026-09-01' }, '2026-11-23')).toBe('close_and_open');
    expect(groupMove({ startedOn: '2026-11-23' }, '2026-11-23')).toBe('correct_open');
    expect(groupMove(undefined, '2026-11-23')).toBe('open');
  });
});
