// The rules of the plan's evaluation cycle and of the parents' agreement per version (DESIGN §2
// "Plan"). Pure: no I/O, used by the server, the web app and the demo data alike.
import { addMonths, defaultEvaluationMonths, maxOppEvaluationMonths, parentsAgreed } from './childFile.ts';

/**
 * Who gave a response, for "the latest response per parent": a parent with an account by their
 * user, a response from paper by the name on the form (as the level-4 rule keys them too).
 */
export function parentKeyOf(response: { parentUserId: string | null; parentName: string }): string {
  return response.parentUserId ?? response.parentName;
}

export const parentAgreementStatuses = ['none', 'agreed', 'not_agreed'] as const;
export type ParentAgreementStatus = (typeof parentAgreementStatuses)[number];

/** Where a version stands with the parents: no response yet, agreed (parentsAgreed), or not. */
export function parentAgreementOf(
  responses: readonly {
    parentUserId: string | null;
    parentName: string;
    agrees: boolean;
    respondedAt: Date;
  }[],
): ParentAgreementStatus {
  if (responses.length === 0) return 'none';
  const keyed = responses.map((r) => ({
    parentKey: parentKeyOf(r),
    agrees: r.agrees,
    respondedAt: r.respondedAt,
  }));
  return parentsAgreed(keyed) ? 'agreed' : 'not_agreed';
}

/**
 * The last evaluation date that counts as due on `today` (isEvaluationDue in childFile.ts): the
 * same rule as a bound, so a query can select the plans whose evaluation is due.
 */
export function evaluationDueCutoff(today: string, withinDays = 14): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10);
}

/** The default next evaluation: six months after the start of the cycle. */
export const defaultEvaluationDueOn = (startedOn: string): string =>
  addMonths(startedOn, defaultEvaluationMonths);

export const evaluationDateRefusals = ['due_before_start', 'opp_evaluated_yearly'] as const;
export type EvaluationDateRefusal = (typeof evaluationDateRefusals)[number];

/**
 * Whether a cycle that starts on `startedOn` may have its evaluation due on `dueOn`: after the
 * start, and for an OPP at most twelve months later (an OPP is evaluated with the parents at least
 * yearly, WPO art. 40a). Returns why not, or null.
 */
export function evaluationDateRefusal(
  startedOn: string,
  dueOn: string,
  hasDevelopmentPerspective: boolean,
): EvaluationDateRefusal | null {
  if (dueOn <= startedOn) return 'due_before_start';
  if (hasDevelopmentPerspective && dueOn > addMonths(startedOn, maxOppEvaluationMonths)) {
    return 'opp_evaluated_yearly';
  }
  return null;
}
