// The rules of the plan's evaluation cycle and of the parents' agreement per version (docs/domain.md
// "Plan"). Pure: no I/O, used by the server, the web app and the demo data alike.
import {
  type AgreementOwner,
  addMonths,
  defaultEvaluationMonths,
  maxOppEvaluationMonths,
  parentsAgreed,
} from './childFile.ts';
import { type Refusal, refuse } from './refusal.ts';

/** One active version per child; an evaluation closes it (and opens the next). */
export const planStatuses = ['active', 'closed'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Who gave a response: one function for the plan and the level-4 rule alike. */
export { parentKeyOf } from './childFile.ts';

export const parentAgreementStatuses = ['none', 'agreed', 'not_agreed'] as const;
export type ParentAgreementStatus = (typeof parentAgreementStatuses)[number];

/** Where one text stands with the parents (its responses only): no response yet, agreed (parentsAgreed), or not. */
export function parentAgreementOf(
  responses: readonly {
    parentUserId: string | null;
    parentName: string;
    agrees: boolean;
    respondedAt: Date;
  }[],
): ParentAgreementStatus {
  if (responses.length === 0) return 'none';
  return parentsAgreed(responses) ? 'agreed' : 'not_agreed';
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

// --- the rules a change must keep (422 `rule_violated`, details.rule) ----------------------------

/** Why a change to a plan is refused; one more, `active_plan_exists`, answers 409 (a second plan). */
export const planRefusals = [
  'plan_closed',
  'active_plan_exists',
  'evaluated_in_future',
  'evaluated_before_start',
  /** An evaluation did not say what happens with a goal whose target date has passed. */
  'goal_decision_missing',
  ...evaluationDateRefusals,
] as const;
export type PlanRule = (typeof planRefusals)[number];

/** Only the active version changes: an evaluated one is kept as it was. */
export function planNotActive(plan: { status: PlanStatus }): Refusal<'plan_closed'> | null {
  return plan.status === 'active'
    ? null
    : refuse('plan_closed', 'An evaluated version can no longer be changed');
}

/** The evaluation date of a cycle starting on `startedOn` (evaluationDateRefusal), as a refusal. */
export function evaluationDateNotAllowed(
  startedOn: string,
  dueOn: string,
  hasDevelopmentPerspective: boolean,
  message = 'The evaluation date is not allowed',
): Refusal<EvaluationDateRefusal> | null {
  const rule = evaluationDateRefusal(startedOn, dueOn, hasDevelopmentPerspective);
  return rule ? refuse(rule, message) : null;
}

/** An evaluation is dated between the version's start and today (the server's day in Amsterdam). */
export function evaluatedOnNotAllowed(
  evaluatedOn: string,
  startedOn: string,
  today: string,
): Refusal<'evaluated_in_future' | 'evaluated_before_start'> | null {
  if (evaluatedOn > today)
    return refuse('evaluated_in_future', 'An evaluation cannot be dated in the future');
  if (evaluatedOn < startedOn)
    return refuse('evaluated_before_start', 'The evaluation lies before this version began');
  return null;
}

/** Every goal whose target date has come is decided on (goalDecisionProblems' `missing`). */
export function goalDecisionsMissing(
  problems: readonly GoalDecisionProblem[],
): Refusal<'goal_decision_missing'> | null {
  const goalIds = problems.flatMap((p) => (p.problem === 'missing' ? [p.goalId] : []));
  return goalIds.length === 0
    ? null
    : refuse('goal_decision_missing', 'Say what happens with each goal whose target date has passed', {
        goalIds,
      });
}

// --- the action part and its versions ---------------------------------------------------------
//
// Parents agree with the action part (handelingsdeel) of a plan (WPO art. 40a, WVO art. 26), and an
// agreement belongs to the text they saw. Within one version (an evaluation cycle) the action part
// is numbered by amendment: 0 is the version's first text; a change to the action part after a
// parent answered makes the next amendment, which awaits the parents. The latest amendment the
// parents agreed to stays the one in force until they agree with a newer one.

export type ActionPartGoal = {
  id: string;
  description: string;
  baseline: string;
  target: string;
  targetDate: string;
};

export type ActionPartAgreement = {
  id: string;
  action: string;
  owner: AgreementOwner;
  partnerOrganisationId: string | null;
  dueOn: string | null;
};

/**
 * What the parents agree with: whether the plan is an OPP, the deviations from the regular
 * programme (an OPP's part only), the goals and the agreements (what, who, by when). Not in it:
 * the picture of the child and the needs (consulted, not agreed), the progress of a goal and
 * whether an agreement is done (carrying the plan out is no change of it).
 */
export type ActionPart = {
  hasDevelopmentPerspective: boolean;
  programmeDeviations: string;
  goals: ActionPartGoal[];
  agreements: ActionPartAgreement[];
};

/** The action part of a plan as it stands, keeping only what the parents agree with. */
export function actionPartOf(plan: {
  hasDevelopmentPerspective: boolean;
  programmeDeviations: string;
  goals: readonly ActionPartGoal[];
  agreements: readonly ActionPartAgreement[];
}): ActionPart {
  return {
    hasDevelopmentPerspective: plan.hasDevelopmentPerspective,
    // Hidden outside an OPP: text nobody is shown is no part of what the parents agree with.
    programmeDeviations: plan.hasDevelopmentPerspective ? plan.programmeDeviations : '',
    goals: plan.goals.map(({ id, description, baseline, target, targetDate }) => ({
      id,
      description,
      baseline,
      target,
      targetDate,
    })),
    agreements: plan.agreements.map(({ id, action, owner, partnerOrganisationId, dueOn }) => ({
      id,
      action,
      owner,
      partnerOrganisationId,
      dueOn,
    })),
  };
}

/** One difference between the agreed action part and the current one; an item added has no `before`. */
export type ActionPartChange =
  | { part: 'development_perspective'; before: boolean; after: boolean }
  | { part: 'programme_deviations'; before: string; after: string }
  | { part: 'goal'; before: ActionPartGoal | null; after: ActionPartGoal | null }
  | { part: 'agreement'; before: ActionPartAgreement | null; after: ActionPartAgreement | null };

const sameItem = <T extends { id: string }>(a: T, b: T) =>
  (Object.keys(a) as (keyof T)[]).every((key) => key === 'id' || a[key] === b[key]);

/** Items matched by id: changed or added in the current order, then the ones removed. */
function itemChanges<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): { before: T | null; after: T | null }[] {
  const earlier = new Map(before.map((item) => [item.id, item]));
  const later = new Set(after.map((item) => item.id));
  const changes: { before: T | null; after: T | null }[] = [];
  for (const item of after) {
    const was = earlier.get(item.id);
    if (!was) changes.push({ before: null, after: item });
    else if (!sameItem(was, item)) changes.push({ before: was, after: item });
  }
  for (const item of before) if (!later.has(item.id)) changes.push({ before: item, after: null });
  return changes;
}

/**
 * What changed in the action part since the agreed text: the list the parents are shown before
 * they are asked again. The order of goals and agreements is no change; their content is.
 */
export function actionPartChanges(agreed: ActionPart, current: ActionPart): ActionPartChange[] {
  const changes: ActionPartChange[] = [];
  if (agreed.hasDevelopmentPerspective !== current.hasDevelopmentPerspective) {
    changes.push({
      part: 'development_perspective',
      before: agreed.hasDevelopmentPerspective,
      after: current.hasDevelopmentPerspective,
    });
  }
  if (agreed.programmeDeviations !== current.programmeDeviations) {
    changes.push({
      part: 'programme_deviations',
      before: agreed.programmeDeviations,
      after: current.programmeDeviations,
    });
  }
  for (const change of itemChanges(agreed.goals, current.goals)) changes.push({ part: 'goal', ...change });
  for (const change of itemChanges(agreed.agreements, current.agreements))
    changes.push({ part: 'agreement', ...change });
  return changes;
}

export const isActionPartChanged = (before: ActionPart, after: ActionPart): boolean =>
  actionPartChanges(before, after).length > 0;

/**
 * The amendment a change of the action part is written under: the same while no parent answered
 * it (still the text being put to them), the next once one did (their answer stays with the text
 * they saw, and the new text awaits them).
 */
export function amendmentAfterChange(amendment: number, answered: boolean): number {
  return answered ? amendment + 1 : amendment;
}

/** How a version and its amendment are named: "3" for its first text, "3.1" for the first change. */
export function versionLabel(version: number, amendment: number): string {
  return amendment === 0 ? String(version) : `${version}.${amendment}`;
}

type AmendmentResponse = {
  parentUserId: string | null;
  parentName: string;
  agrees: boolean;
  respondedAt: Date;
  amendment: number;
};

/** Where the given amendment stands with the parents: only the answers given on that text count. */
export function parentAgreementWith(
  responses: readonly AmendmentResponse[],
  amendment: number,
): ParentAgreementStatus {
  return parentAgreementOf(responses.filter((r) => r.amendment === amendment));
}

/**
 * The text in force: the latest amendment the parents agreed to, and when the last of them did;
 * null while they agreed with none. A "no" to a newer text leaves the agreed one in force.
 */
export function amendmentInForce(
  responses: readonly AmendmentResponse[],
): { amendment: number; agreedAt: Date } | null {
  const amendments = [...new Set(responses.map((r) => r.amendment))].sort((a, b) => b - a);
  for (const amendment of amendments) {
    const answers = responses.filter((r) => r.amendment === amendment);
    if (parentAgreementOf(answers) !== 'agreed') continue;
    const agreedAt = new Date(Math.max(...answers.map((r) => r.respondedAt.getTime())));
    return { amendment, agreedAt };
  }
  return null;
}

/**
 * Whether an answer from someone who read the plan at `seenRevision` answers the action part as
 * it is now: not when the action part changed after they read it (they would agree with text
 * they never saw), nor for a revision that never existed.
 */
export function answersCurrentText(
  seenRevision: number,
  plan: { revision: number; actionPartRevision: number },
): boolean {
  return seenRevision >= plan.actionPartRevision && seenRevision <= plan.revision;
}

// --- the plan over time -----------------------------------------------------------------------

/**
 * An agreement is overdue when it is not done and its date lies before `today` (the server's day
 * in Amsterdam): on the date itself it is still on time. Without a date it never is.
 */
export function isAgreementOverdue(
  agreement: { dueOn: string | null; done: boolean },
  today: string,
): boolean {
  return !agreement.done && agreement.dueOn !== null && agreement.dueOn < today;
}

/** What an evaluation decides about a goal: reached, go on with a new target date, or stop. */
export const goalOutcomes = ['reached', 'continued', 'stopped'] as const;
export type GoalOutcome = (typeof goalOutcomes)[number];

export type GoalDecision =
  | { goalId: string; outcome: 'reached' | 'stopped' }
  | { goalId: string; outcome: 'continued'; newTargetDate: string };

/**
 * A goal must be decided on at an evaluation when its target date has come by the day of the
 * evaluation: carrying it over unchanged would keep a date that already passed.
 */
export const isGoalDueAt = (goal: { targetDate: string }, evaluatedOn: string): boolean =>
  goal.targetDate <= evaluatedOn;

export type GoalDecisionProblem =
  | { problem: 'missing'; goalId: string }
  | { problem: 'not_a_goal'; index: number }
  | { problem: 'twice'; index: number }
  | { problem: 'new_date_not_after_evaluation'; index: number };

/**
 * What is wrong with an evaluation's decisions on the goals: every goal due at the evaluation has
 * one, each decision names a goal of the version once, and a goal that goes on gets a target date
 * after the evaluation. A goal not yet due may be decided on too (reached early, or stopped).
 */
export function goalDecisionProblems(
  goals: readonly { id: string; targetDate: string }[],
  decisions: readonly GoalDecision[],
  evaluatedOn: string,
): GoalDecisionProblem[] {
  const problems: GoalDecisionProblem[] = [];
  const ids = new Set(goals.map((g) => g.id));
  const decided = new Set<string>();
  decisions.forEach((decision, index) => {
    if (!ids.has(decision.goalId)) problems.push({ problem: 'not_a_goal', index });
    else if (decided.has(decision.goalId)) problems.push({ problem: 'twice', index });
    else if (decision.outcome === 'continued' && decision.newTargetDate <= evaluatedOn)
      problems.push({ problem: 'new_date_not_after_evaluation', index });
    decided.add(decision.goalId);
  });
  for (const goal of goals) {
    if (isGoalDueAt(goal, evaluatedOn) && !decided.has(goal.id))
      problems.push({ problem: 'missing', goalId: goal.id });
  }
  return problems;
}

/** A decided goal as the next version records it: which goal, its old date, and what became of it. */
export type GoalOutcomeRecord = {
  description: string;
  targetDate: string;
  outcome: GoalOutcome;
  newTargetDate: string | null;
};

/**
 * The goals the next version starts with, and the record of the decided ones: a goal reached or
 * stopped ends with this version; one that goes on carries its new target date; one not decided
 * on goes on as it was. Expects decisions without problems (goalDecisionProblems).
 */
export function applyGoalDecisions<Goal extends { id: string; description: string; targetDate: string }>(
  goals: readonly Goal[],
  decisions: readonly GoalDecision[],
): { carried: Goal[]; outcomes: GoalOutcomeRecord[] } {
  const byGoal = new Map(decisions.map((d) => [d.goalId, d]));
  const carried: Goal[] = [];
  const outcomes: GoalOutcomeRecord[] = [];
  for (const goal of goals) {
    const decision = byGoal.get(goal.id);
    if (!decision) {
      carried.push(goal);
      continue;
    }
    const newTargetDate = decision.outcome === 'continued' ? decision.newTargetDate : null;
    outcomes.push({
      description: goal.description,
      targetDate: goal.targetDate,
      outcome: decision.outcome,
      newTargetDate,
    });
    if (newTargetDate) carried.push({ ...goal, targetDate: newTargetDate });
  }
  return { carried, outcomes };
}

// --- the printed plan's file name ---------------------------------------------------------------

// Letters that Unicode does not decompose into a base letter and an accent.
const asciiLetters: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ø: 'O',
  ø: 'o',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ı: 'i',
  Þ: 'Th',
  þ: 'th',
  Ħ: 'H',
  ħ: 'h',
};

/**
 * Words joined by hyphens: anything that is not a letter or digit separates. Whole words up to
 * 80 characters: a name, not a story.
 */
function hyphenated(text: string, letter: RegExp): string {
  const words = [...text]
    .map((char) => (letter.test(char) ? char : ' '))
    .join('')
    .split(' ');
  let joined = '';
  for (const word of words.filter(Boolean)) {
    const next = joined ? `${joined}-${word}` : word;
    if ([...next].length > 80) break;
    joined = next;
  }
  return joined;
}

/**
 * The name of a printed plan: the kind, the child's name and the version, as
 * `OPP-Hugo-Brouwer-versie-2.pdf`. `utf8` keeps the name as written (for `filename*`); `ascii`
 * spells it without accents (Şahin → Sahin, Łukasz → Lukasz) for `filename`, for programs that
 * know only that. Neither holds a quote, slash or control character, so both are safe in a header.
 */
export function planPdfFileName(input: {
  hasDevelopmentPerspective: boolean;
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  versionLabel: string;
}): { ascii: string; utf8: string } {
  const kind = input.hasDevelopmentPerspective ? 'OPP' : 'Groeidocument';
  const name = [input.givenName, input.familyNamePrefix, input.familyName].join(' ').normalize('NFC');
  const version = `versie-${input.versionLabel}`;
  const utf8Name = hyphenated(name, /[\p{L}\p{M}\p{N}]/u);
  const asciiName = hyphenated(
    [...name]
      .map((char) => asciiLetters[char] ?? char)
      .join('')
      .normalize('NFKD')
      .replace(/\p{M}/gu, ''),
    /[A-Za-z0-9]/,
  );
  const join = (childName: string) => `${[kind, childName, version].filter(Boolean).join('-')}.pdf`;
  return { ascii: join(asciiName), utf8: join(utf8Name).normalize('NFC') };
}
