// The rules of the child's file (docs/domain.md, "The child's file"): support levels, the one plan and
// its evaluation cycle, agreement owners, document classes. Pure: no I/O, used by server and web.

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
export type SupportLevelRefusal = (typeof supportLevelRefusals)[number];

/**
 * Level 4 only with an active plan that has a development perspective (OPP) and the parents'
 * agreement with its action part. Levels 1–3 need nothing. Returns why not, or null when allowed.
 */
export function supportLevelRefusal(
  level: SupportLevel,
  plan: ActivePlanFacts | null,
): SupportLevelRefusal | null {
  if (!isExtraSupport(level)) return null;
  if (plan === null) return 'no_active_plan';
  if (!plan.hasDevelopmentPerspective) return 'no_development_perspective';
  if (!plan.parentsAgreed) return 'no_parent_agreement';
  return null;
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
 * The parents agree when every parent who responded to this version agreed in their latest
 * response, and at least one did. One "no" stands until that parent changes it.
 */
export function parentsAgreed(
  responses: readonly { parentKey: string; agrees: boolean; respondedAt: Date }[],
): boolean {
  const latest = new Map<string, { agrees: boolean; respondedAt: Date }>();
  for (const response of responses) {
    const seen = latest.get(response.parentKey);
    if (!seen || seen.respondedAt <= response.respondedAt) latest.set(response.parentKey, response);
  }
  return latest.size > 0 && [...latest.values()].every((response) => response.agrees);
}
