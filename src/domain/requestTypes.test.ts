import { describe, expect, it } from 'vitest';
import {
  defaultRequestTypes,
  defaultRequestTypesFor,
  missingItems,
  type RequestFacts,
  type RequiredItem,
} from './requestTypes.ts';

const nothing: RequestFacts = {
  plan: null,
  parentsConsentInForce: false,
  parentsView: null,
  extends: null,
  expertAdvices: [],
  plannedReturnOn: null,
  teamQuestion: null,
};

const requiredOf = (code: string): readonly RequiredItem[] =>
  defaultRequestTypes.find((type) => type.code === code)!.required;

describe('the default catalogue', () => {
  it('offers each sector its own types, crisis placements on a one-day clock', () => {
    expect(defaultRequestTypesFor('PO').map((type) => type.code)).toEqual([
      'consultation',
      'arrangement',
      'tlv_sbo',
      'tlv_so',
      'crisis_placement',
      'reading_clinic',
      'team_training',
    ]);
    expect(defaultRequestTypesFor('VO').map((type) => type.code)).toEqual([
      'consultation',
      'arrangement',
      'tlv_vso',
      'tlv_pro',
      'opdc_placement',
      'crisis_placement',
      'team_training',
    ]);
    for (const type of defaultRequestTypes) {
      expect(type.crisis, type.code).toBe(type.code === 'crisis_placement');
      // A TLV is always the committee's decision.
      if (type.isTlv) expect(type.decidedBy, type.code).toBe('committee');
    }
    expect(new Set(defaultRequestTypes.map((type) => type.code)).size).toBe(defaultRequestTypes.length);
  });
});

describe('completeness', () => {
  const fullChild: RequestFacts = {
    ...nothing,
    plan: { hasPicture: true, goalCount: 2 },
    parentsConsentInForce: true,
    parentsView: 'Wij willen graag dat hij naar het SBO gaat.',
    expertAdvices: [
      { expertise: 'orthopedagoog', adviserUserId: 'a' },
      { expertise: 'other', adviserUserId: 'b' },
    ],
  };

  it('lists every missing item of an empty arrangement request, in the catalogue’s order', () => {
    expect(missingItems(requiredOf('arrangement'), nothing)).toEqual([
      'plan_picture',
      'plan_goals',
      'parents_consent',
    ]);
    expect(missingItems(requiredOf('arrangement'), fullChild)).toEqual([]);
  });

  it('needs a plan with a picture and at least one goal', () => {
    const required = requiredOf('arrangement');
    expect(missingItems(required, { ...fullChild, plan: { hasPicture: false, goalCount: 1 } })).toEqual([
      'plan_picture',
    ]);
    expect(missingItems(required, { ...fullChild, plan: { hasPicture: true, goalCount: 0 } })).toEqual([
      'plan_goals',
    ]);
  });

  it('rests a TLV on two advices by two experts, one an orthopedagoog or psycholoog, and on the parents’ view', () => {
    const required = requiredOf('tlv_so');
    expect(missingItems(required, fullChild)).toEqual([]);
    const oneExpertTwice = {
      ...fullChild,
      expertAdvices: [
        { expertise: 'psycholoog' as const, adviserUserId: 'a' },
        { expertise: 'psycholoog' as const, adviserUserId: 'a' },
      ],
    };
    expect(missingItems(required, oneExpertTwice)).toEqual(['two_expert_advices']);
    const noBehaviouralExpert = {
      ...fullChild,
      expertAdvices: [
        { expertise: 'other' as const, adviserUserId: 'a' },
        { expertise: 'other' as const, adviserUserId: 'b' },
      ],
    };
    expect(missingItems(required, noBehaviouralExpert)).toEqual(['two_expert_advices']);
    expect(missingItems(required, { ...fullChild, parentsView: '   ' })).toEqual(['parents_view']);
  });

  it('asks an extension for the evaluation of what it extends', () => {
    const required = requiredOf('arrangement');
    expect(missingItems(required, { ...fullChild, extends: { evaluated: false } })).toEqual([
      'previous_evaluation',
    ]);
    expect(missingItems(required, { ...fullChild, extends: { evaluated: true } })).toEqual([]);
  });

  it('asks a temporary placement for its return date and a team’s training for its question', () => {
    expect(missingItems(requiredOf('opdc_placement'), fullChild)).toEqual(['planned_return']);
    expect(
      missingItems(requiredOf('opdc_placement'), { ...fullChild, plannedReturnOn: '2027-03-01' }),
    ).toEqual([]);
    expect(missingItems(requiredOf('team_training'), nothing)).toEqual(['team_question']);
    expect(
      missingItems(requiredOf('team_training'), { ...nothing, teamQuestion: 'Omgaan met ADHD in groep 5' }),
    ).toEqual([]);
  });
});
