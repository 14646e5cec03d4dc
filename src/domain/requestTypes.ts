// The request catalogue an SWV starts with, and completeness as a rule (docs/domain.md, "Requests
// and decisions"): a request is complete when every item its type requires is there, and the
// school sees exactly which are missing before it submits. An SWV administrator may change the
// types, their items and deadlines; these are the defaults a new SWV gets.

import type { Sector } from './organisation.ts';

/** What a type may require; each is checked against the child's file or the request itself. */
export const requiredItems = [
  /** The plan's picture of the child and needs, from the child's active plan. */
  'plan_picture',
  /** At least one goal in the active plan. */
  'plan_goals',
  /** The parents' consent (purpose `request_arrangement`) in force. */
  'parents_consent',
  /** The parents' view, in their words, on the request itself. */
  'parents_view',
  /** For an extension: the evaluation of the arrangement it extends. */
  'previous_evaluation',
  /** For a TLV: two expert advices, one of an orthopedagoog or psycholoog. */
  'two_expert_advices',
  /** For a temporary placement: the planned date of return. */
  'planned_return',
  /** For a team's training: what the team asks and who is in it. */
  'team_question',
] as const;
export type RequiredItem = (typeof requiredItems)[number];

export const requestSubjects = ['child', 'team'] as const;
export type RequestSubject = (typeof requestSubjects)[number];

export const tlvCategories = ['low', 'medium', 'high'] as const;
export type TlvCategory = (typeof tlvCategories)[number];

export type RequestTypeDefinition = {
  code: string;
  /** The Dutch name an SWV starts with; its administrator may rename it. */
  name: string;
  subject: RequestSubject;
  /** The sectors whose SWVs offer it by default. */
  sectors: readonly Sector[];
  required: readonly RequiredItem[];
  /** A crisis placement runs on the SWV's crisis period (default 1 working day), not the ordinary one. */
  crisis: boolean;
  /** A TLV for special schools names its funding category. */
  hasCategory: boolean;
  /** A TLV (toelaatbaarheidsverklaring): decided by the committee, on two expert advices. */
  isTlv: boolean;
  /** Who decides when the SWV lets consultants decide; a TLV is always the committee's. */
  decidedBy: Decider;
};

const childRequest = ['plan_picture', 'plan_goals', 'parents_consent'] as const;
const tlv = [...childRequest, 'parents_view', 'two_expert_advices'] as const;

/** The default decision period: two weeks of working days. Crisis placements have their own. */
export const defaultDeadlineDays = 10;
export const defaultCrisisDeadlineDays = 1;

const ordinary = { crisis: false, hasCategory: false, isTlv: false, decidedBy: 'committee' } as const;

export const defaultRequestTypes: readonly RequestTypeDefinition[] = [
  {
    ...ordinary,
    code: 'consultation',
    name: 'Consultatie (consulent of specialist cluster 3/4)',
    subject: 'child',
    sectors: ['PO', 'VO'],
    required: ['parents_consent'],
    decidedBy: 'consultant',
  },
  {
    ...ordinary,
    code: 'arrangement',
    name: 'Arrangement (extra ondersteuning)',
    subject: 'child',
    sectors: ['PO', 'VO'],
    required: childRequest,
    decidedBy: 'consultant',
  },
  {
    ...ordinary,
    code: 'tlv_sbo',
    name: 'TLV speciaal basisonderwijs',
    subject: 'child',
    sectors: ['PO'],
    required: tlv,
    isTlv: true,
  },
  {
    ...ordinary,
    code: 'tlv_so',
    name: 'TLV speciaal onderwijs',
    subject: 'child',
    sectors: ['PO'],
    required: tlv,
    isTlv: true,
    hasCategory: true,
  },
  {
    ...ordinary,
    code: 'tlv_vso',
    name: 'TLV voortgezet speciaal onderwijs',
    subject: 'child',
    sectors: ['VO'],
    required: tlv,
    isTlv: true,
    hasCategory: true,
  },
  {
    ...ordinary,
    code: 'tlv_pro',
    name: 'TLV praktijkonderwijs',
    subject: 'child',
    sectors: ['VO'],
    required: tlv,
    isTlv: true,
  },
  {
    ...ordinary,
    code: 'opdc_placement',
    name: 'Plaatsing OPDC (tijdelijk, met terugkeer)',
    subject: 'child',
    sectors: ['VO'],
    required: [...childRequest, 'planned_return'],
  },
  {
    ...ordinary,
    code: 'crisis_placement',
    name: 'Crisisplaatsing',
    subject: 'child',
    sectors: ['PO', 'VO'],
    required: ['parents_consent'],
    crisis: true,
  },
  {
    ...ordinary,
    code: 'reading_clinic',
    name: 'Dyslexiezorg / leesbehandeling',
    subject: 'child',
    sectors: ['PO'],
    required: childRequest,
    decidedBy: 'consultant',
  },
  {
    ...ordinary,
    code: 'team_training',
    name: 'Scholing of ondersteuning voor een team',
    subject: 'team',
    sectors: ['PO', 'VO'],
    required: ['team_question'],
    decidedBy: 'consultant',
  },
];

export function defaultRequestTypesFor(sector: Sector): RequestTypeDefinition[] {
  return defaultRequestTypes.filter((type) => type.sectors.includes(sector));
}

/** An expert's advice on a request; a TLV rests on two, one of them an orthopedagoog or psycholoog. */
export type ExpertAdvice = { expertise: AdviceExpertise; adviserUserId: string };

/** What the file and the request hold, as far as completeness asks. */
export type RequestFacts = {
  plan: { hasPicture: boolean; goalCount: number } | null;
  parentsConsentInForce: boolean;
  parentsView: string | null;
  /** The request extends an earlier arrangement; then its evaluation is required too. */
  extends: { evaluated: boolean } | null;
  expertAdvices: readonly ExpertAdvice[];
  plannedReturnOn: string | null;
  teamQuestion: string | null;
};

function isPresent(item: RequiredItem, facts: RequestFacts): boolean {
  switch (item) {
    case 'plan_picture':
      return facts.plan?.hasPicture === true;
    case 'plan_goals':
      return (facts.plan?.goalCount ?? 0) > 0;
    case 'parents_consent':
      return facts.parentsConsentInForce;
    case 'parents_view':
      return (facts.parentsView ?? '').trim() !== '';
    case 'previous_evaluation':
      return facts.extends?.evaluated === true;
    case 'two_expert_advices': {
      const advisers = new Set(facts.expertAdvices.map((advice) => advice.adviserUserId));
      const behavioural = facts.expertAdvices.some(
        (advice) => advice.expertise === 'orthopedagoog' || advice.expertise === 'psycholoog',
      );
      return advisers.size >= 2 && behavioural;
    }
    case 'planned_return':
      return facts.plannedReturnOn !== null;
    case 'team_question':
      return (facts.teamQuestion ?? '').trim() !== '';
  }
}

/**
 * The items a request still lacks, in the catalogue's order: empty means complete. An extension
 * also needs the evaluation of what it extends, whatever its type says.
 */
export function missingItems(required: readonly RequiredItem[], facts: RequestFacts): RequiredItem[] {
  const needed = facts.extends ? [...required, 'previous_evaluation' as const] : required;
  return requiredItems.filter((item) => needed.includes(item) && !isPresent(item, facts));
}

/** What an adviser brings to a request; a TLV needs an orthopedagoog or psycholoog among two. */
export const adviceExpertises = ['orthopedagoog', 'psycholoog', 'other'] as const;
export type AdviceExpertise = (typeof adviceExpertises)[number];

/** Who decides a type: the committee (always for a TLV), or a consultant where the SWV lets them. */
export const deciders = ['committee', 'consultant'] as const;
export type Decider = (typeof deciders)[number];

/** How an arrangement's evaluation judged its goals. */
export const evaluationOutcomes = ['goals_reached', 'partly_reached', 'not_reached'] as const;
export type EvaluationOutcome = (typeof evaluationOutcomes)[number];

/** Why the SWV sends a request back as incomplete: one of the missing items, or something else. */
export const incompleteReasons = [...requiredItems, 'question_unclear', 'other'] as const;
export type IncompleteReason = (typeof incompleteReasons)[number];
