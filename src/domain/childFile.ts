// The rules of the child's file (docs/domain.md, "The child's file"): support levels, the one plan and
// its evaluation cycle, agreement owners, documents, the school career. Pure: no I/O, used by server and web.
import { type Refusal, refuse } from './refusal.ts';

export const supportLevels = [1, 2, 3, 4] as const;
export type SupportLevel = (typeof supportLevels)[number];

/** Levels 1–3 are basisondersteuning; 4 is extra ondersteuning, arranged by the SWV. */
export const isExtraSupport = (level: number): boolean => level === 4;

/** Who carries out an agreement of the plan's action part (handelingsdeel). */
export const agreementOwners = [
  'school',
  'parents',
  'buurtteam',
  'jgz',
  'leerplicht',
  'swv',
  'outside_help',
] as const;
export type AgreementOwner = (typeof agreementOwners)[number];

export const caseMeetingKinds = ['mdo', 'kernteam'] as const;
export type CaseMeetingKind = (typeof caseMeetingKinds)[number];

export const documentClassifications = ['ordinary', 'medical_psychological'] as const;
export type DocumentClassification = (typeof documentClassifications)[number];

/** What the level-4 rule needs to know of the child's active plan. */
export type ActivePlanFacts = {
  hasDevelopmentPerspective: boolean;
  /** The parents agreed with this version's action part (the latest response of a parent). */
  parentsAgreed: boolean;
};

export const supportLevelRefusals = [
  'no_active_plan',
  'no_development_perspective',
  'no_parent_agreement',
] as const;
export type SupportLevelRule = (typeof supportLevelRefusals)[number];

/**
 * Level 4 only with an active plan that has a development perspective (OPP) and the parents'
 * agreement with its action part. Levels 1–3 need nothing. Returns why not, or null when allowed.
 */
export function supportLevelRefusal(
  level: SupportLevel,
  plan: ActivePlanFacts | null,
): Refusal<SupportLevelRule> | null {
  if (!isExtraSupport(level)) return null;
  const rule: SupportLevelRule | null =
    plan === null
      ? 'no_active_plan'
      : !plan.hasDevelopmentPerspective
        ? 'no_development_perspective'
        : !plan.parentsAgreed
          ? 'no_parent_agreement'
          : null;
  return rule && refuse(rule, 'Level 4 needs an active OPP that the parents agreed to');
}

/** A change of level takes effect today or earlier: it records what was decided, not a plan. */
export function effectiveOnRefusal(effectiveOn: string, today: string): Refusal<'future'> | null {
  return effectiveOn > today
    ? refuse('future', 'The level cannot take effect in the future', { fields: { effectiveOn: 'future' } })
    : null;
}

/**
 * A medical-psychological report is for the IB'er and the consultant only (docs/decisions/0004):
 * it is never shared with the parents through the portal.
 */
export function documentSharingRefusal(
  classification: DocumentClassification,
  sharedWithParents: boolean,
): Refusal<'medical_not_shared'> | null {
  return classification === 'medical_psychological' && sharedWithParents
    ? refuse('medical_not_shared', 'A medical-psychological document is not shared with parents', {
        fields: { sharedWithParents: 'medical_not_shared' },
      })
    : null;
}

/**
 * What a move to another group (at the same school) does to the open enrolment: it closes today and
 * a new one opens, or, when the open one began today, that one is corrected instead, so no period
 * of no days stays behind. Without an open enrolment a new one opens.
 */
export function groupMove(
  open: { startedOn: string } | undefined,
  today: string,
): 'correct_open' | 'close_and_open' | 'open' {
  if (!open) return 'open';
  return open.startedOn === today ? 'correct_open' : 'close_and_open';
}

/** A plan is evaluated every 6 months by default; an OPP at least yearly with the parents. */
export const defaultEvaluationMonths = 6;
export const maxOppEvaluationMonths = 12;

/** The date `months` after `date` (YYYY-MM-DD), clamped to the month's last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whether the plan's evaluation is due within `withinDays` of today (or overdue). */
export function isEvaluationDue(evaluationDueOn: string, today: string, withinDays = 14): boolean {
  const due = Date.parse(`${evaluationDueOn}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  return due - now <= withinDays * 86_400_000;
}

/**
 * Who gave a response, for "the latest response per parent": a parent with an account by their
 * user, a response from paper by the name on the form as recorded.
 */
export function parentKeyOf(response: { parentUserId: string | null; parentName: string }): string {
  return response.parentUserId ?? response.parentName;
}

/**
 * The parents agree when every parent who responded to this version agreed in their latest
 * response, and at least one did. One "no" stands until that parent changes it.
 */
export function parentsAgreed(
  responses: readonly {
    parentUserId: string | null;
    parentName: string;
    agrees: boolean;
    respondedAt: Date;
  }[],
): boolean {
  const latest = new Map<string, { agrees: boolean; respondedAt: Date }>();
  for (const response of responses) {
    const key = parentKeyOf(response);
    const seen = latest.get(key);
    if (!seen || seen.respondedAt <= response.respondedAt) latest.set(key, response);
  }
  return latest.size > 0 && [...latest.values()].every((response) => response.agrees);
}
