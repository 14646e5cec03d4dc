// Objections against a decision, disputes at the national disputes committee, complaints and the
// signals of the parent and youth support point (docs/domain.md, "Objections, disputes,
// complaints"). Pure: no I/O.

/** Who may file an objection against a decision on a request. */
export const objectionFilers = ['parent', 'school'] as const;
export type ObjectionFiler = (typeof objectionFilers)[number];

/** received → (a TLV: advice asked of the LBT → advice received) → hearing → decided; or withdrawn. */
export const objectionStates = [
  'received',
  'advice_requested',
  'advice_received',
  'hearing',
  'decided',
  'withdrawn',
] as const;
export type ObjectionState = (typeof objectionStates)[number];

export const objectionOutcomes = ['upheld', 'rejected'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];

/** The steps on an objection's timeline. */
export const objectionSteps = [
  'receive',
  'request_advice',
  'receive_advice',
  'hold_hearing',
  'decide',
  'withdraw',
] as const;
export type ObjectionStep = (typeof objectionSteps)[number];

/** What a dispute at the national disputes committee (Geschillencommissie) is about. */
export const disputeSubjects = ['admission', 'removal', 'plan'] as const;
export type DisputeSubject = (typeof disputeSubjects)[number];

export const disputeOutcomes = ['well_founded', 'partly_well_founded', 'unfounded', 'withdrawn'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const complaintStates = ['received', 'in_progress', 'closed'] as const;
export type ComplaintState = (typeof complaintStates)[number];

/** What the parent and youth support point (ouder- en jeugdsteunpunt) was asked. */
export const supportSignalKinds = ['question', 'advice', 'mediation'] as const;
export type SupportSignalKind = (typeof supportSignalKinds)[number];

export const supportSignalOutcomes = ['answered', 'referred', 'agreement', 'no_agreement', 'open'] as const;
export type SupportSignalOutcome = (typeof supportSignalOutcomes)[number];
