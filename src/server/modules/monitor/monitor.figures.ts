// The monitor's figures from the facts its queries read (monitor.queries.ts): one school year
// under the page's filters, and the trend over the years before it up to that year. Pure counting
// on plain data, run in a worker thread (monitorWorker.ts, docs/decisions/0041-…) so the server's
// thread keeps answering while it counts and suppresses. The facts go in and the figures come out
// by structured clone: both stay plain data (strings, numbers, null, arrays and objects of them).

import { absenceEndings, absenceKinds } from '../../../domain/absence.ts';
import { nationalAbsenceSource } from '../../../domain/absenceNational.ts';
import { schoolYearOf } from '../../../domain/calendar.ts';
import {
  type AbsenceFactsForMonitor,
  answersIn,
  arrangementEffects,
  arrangementsStartingIn,
  cellOf,
  daysToOffer,
  endingsIn,
  type FigureFacts,
  leadTime,
  levelMovement,
  levelMovements,
  type MonitorFilter,
  type MonitorSchool,
  meanScore,
  median,
  monitorDurationBuckets,
  monitorIncompleteReasons,
  monitorPlaceKinds,
  monitorTlvCategories,
  monitorWaitingBuckets,
  nationalAbsenceOf,
  offerStates,
  opdcPlacementsIn,
  opdcPlacementsOf,
  opdcPlacementType,
  opdcStates,
  participation,
  participationCountDate,
  placedFromListIn,
  publishFigure,
  requestResultIn,
  requestResults,
  returnOrigins,
  returnsIn,
  satisfactionRespondents,
  schoolInFilter,
  thuiszittersIn,
  tlvsStartingIn,
  transitionRisks,
  transitionStates,
  transitionsIn,
  waitingCountDate,
  waitingOn,
  wholeSwv,
  yearsUpTo,
} from '../../../domain/monitor.ts';
import {
  complaintStates,
  disputeOutcomes,
  objectionOutcomes,
  supportSignalKinds,
} from '../../../domain/objections.ts';
import { smallestShownCount } from '../../../domain/smallCells.ts';
import type * as queries from './monitor.queries.ts';

/** What the monitor's queries read of one SWV for a school year and the years before it. */
export type Facts = {
  schools: MonitorSchool[];
  requestTypes: { code: string; name: string }[];
  pupils: { on: string; schoolId: string; pupils: number }[];
  requests: Awaited<ReturnType<typeof queries.requestFacts>>;
  incomplete: Awaited<ReturnType<typeof queries.incompleteFacts>>;
  absence: AbsenceFactsForMonitor[];
  registers: Awaited<ReturnType<typeof queries.registerFacts>>;
  levels: Awaited<ReturnType<typeof queries.levelFacts>>;
  surveys: Awaited<ReturnType<typeof queries.surveyFacts>>;
  transitions: Awaited<ReturnType<typeof queries.transitionFacts>>;
  waits: Awaited<ReturnType<typeof queries.waitFacts>>;
  budgetCents: number | null;
  participationReference: number;
};

const inYear = (date: string | null, year: string) => date !== null && schoolYearOf(date) === year;

function figuresOf(facts: Facts, year: string, filter: MonitorFilter, today: string) {
  const { schools } = facts;
  const typeCodes = facts.requestTypes.map((t) => t.code);
  const publish = (dimensions: { name: string; values: readonly string[] }[], rows: FigureFacts) =>
    publishFigure({ schools, dimensions, facts: rows, filter, typeDimension: 'type' });
  const schoolMap = new Map(schools.map((s) => [s.id, s]));
  const inScope = (schoolId: string | null) => schoolInFilter(schoolMap, schoolId, filter);
  const typeMatches = (code: string) => filter.requestType === null || filter.requestType === code;

  const requests = publish(
    [
      { name: 'type', values: typeCodes },
      { name: 'outcome', values: requestResults },
    ],
    facts.requests.flatMap((r) => {
      const result = requestResultIn(r, year);
      return result ? [{ schoolId: r.schoolId, values: [r.typeCode, result] }] : [];
    }),
  );
  const scoped = facts.requests.filter((r) => inScope(r.schoolId) && typeMatches(r.typeCode));
  // The number behind each lead time is a count like any other: published from its own suppressed
  // table, so no filter minus another gives a small group away. The statistics show only beside it.
  const decidedWithClock = publish(
    [
      { name: 'type', values: typeCodes },
      { name: 'clock', values: ['ordinary', 'crisis'] },
    ],
    facts.requests
      .filter((r) => r.outcome !== null && r.completeOn !== null && inYear(r.decidedOn, year))
      .map((r) => ({ schoolId: r.schoolId, values: [r.typeCode, r.crisis ? 'crisis' : 'ordinary'] })),
  );
  const typeNode = filter.requestType ?? '*';
  const leadOf = (crisis: boolean) => {
    const shown = cellOf(decidedWithClock, [typeNode, crisis ? 'crisis' : 'ordinary']);
    const stats = leadTime(scoped, year, crisis);
    return shown === null || shown < smallestShownCount
      ? { decided: shown, medianDays: null, p90Days: null, withinDeadline: null }
      : { ...stats, decided: shown };
  };
  const incomplete = publish(
    [
      { name: 'type', values: typeCodes },
      { name: 'reason', values: monitorIncompleteReasons },
    ],
    facts.incomplete
      .filter((e) => inYear(e.on, year))
      .map((e) => ({ schoolId: e.schoolId, values: [e.typeCode, e.reason ?? 'other'] })),
  );
  const tlvTypes = [...new Set(facts.requests.filter((r) => r.isTlv).map((r) => r.typeCode))];
  const tlvTypeCodes = typeCodes.filter((c) => tlvTypes.includes(c) || c.startsWith('tlv_'));
  const tlvs = publish(
    [
      { name: 'type', values: tlvTypeCodes },
      { name: 'category', values: monitorTlvCategories },
    ],
    tlvsStartingIn(facts.requests, year).map((r) => ({
      schoolId: r.schoolId,
      values: [r.typeCode, r.category ?? 'none'],
    })),
  );
  const arrangementList = arrangementsStartingIn(facts.requests, year);
  const arrangementTypes = typeCodes.filter((c) => !tlvTypeCodes.includes(c));
  const arrangements = publish(
    [
      { name: 'type', values: arrangementTypes },
      { name: 'effect', values: arrangementEffects },
    ],
    arrangementList.map((r) => ({
      schoolId: r.schoolId,
      values: [r.typeCode, r.evaluationOutcome ?? 'not_evaluated'],
    })),
  );
  const scopedArrangements = arrangementList.filter((r) => inScope(r.schoolId) && typeMatches(r.typeCode));
  const thuiszitterKinds = absenceKinds.filter((k) => k === 'absolute' || k === 'relative_long');
  const thuiszitters = publish(
    [
      { name: 'kind', values: thuiszitterKinds },
      { name: 'bucket', values: monitorDurationBuckets },
      { name: 'offer', values: offerStates },
    ],
    thuiszittersIn(facts.absence, year).map((t) => ({
      schoolId: t.schoolId,
      values: [t.kind, t.bucket, t.offer],
    })),
  );
  const offerDays = daysToOffer(
    facts.absence.filter((c) => inScope(c.schoolId)),
    year,
  );
  const absenceEndingsView = publish(
    [{ name: 'ending', values: absenceEndings }],
    endingsIn(facts.absence, year).map((c) => ({ schoolId: c.schoolId, values: [c.ending!] })),
  );
  const { objections, disputes, complaints, signals } = facts.registers;
  const objectionResults = [...objectionOutcomes, 'withdrawn', 'open'] as const;
  const objectionsView = publish(
    [{ name: 'outcome', values: objectionResults }],
    objections
      .filter((o) => inYear(o.on, year))
      .map((o) => ({
        schoolId: o.schoolId,
        values: [o.outcome ?? (o.state === 'withdrawn' ? 'withdrawn' : 'open')],
      })),
  );
  const disputesView = publish(
    [{ name: 'outcome', values: [...disputeOutcomes, 'open'] }],
    disputes
      .filter((d) => inYear(d.on, year))
      .map((d) => ({ schoolId: d.schoolId, values: [d.outcome ?? 'open'] })),
  );
  const complaintsView = publish(
    [{ name: 'state', values: complaintStates }],
    complaints.filter((c) => inYear(c.on, year)).map((c) => ({ schoolId: c.schoolId, values: [c.state] })),
  );
  const signalsView = publish(
    [{ name: 'kind', values: supportSignalKinds }],
    signals.filter((s) => inYear(s.on, year)).map((s) => ({ schoolId: s.schoolId, values: [s.kind] })),
  );
  // Support levels: the children with a change by their movement; the others at their school stay.
  const byStudent = new Map<string, typeof facts.levels.changes>();
  for (const c of facts.levels.changes)
    byStudent.set(c.studentId, [...(byStudent.get(c.studentId) ?? []), c]);
  const changed = new Map<string, number>();
  const levelRows: FigureFacts = [];
  for (const changes of byStudent.values()) {
    const movement = levelMovement(changes, year);
    if (movement === null) continue;
    changed.set(changes[0]!.schoolId, (changed.get(changes[0]!.schoolId) ?? 0) + 1);
    levelRows.push({ schoolId: changes[0]!.schoolId, values: [movement] });
  }
  for (const p of facts.levels.pupils) {
    const rest = p.pupils - (changed.get(p.schoolId) ?? 0);
    if (rest > 0) levelRows.push({ schoolId: p.schoolId, values: ['stay'], count: rest });
  }
  const levels = publish([{ name: 'movement', values: levelMovements }], levelRows);
  const offerCount = publish(
    [],
    facts.absence.flatMap((c) =>
      daysToOffer([c], year).length > 0 ? [{ schoolId: c.schoolId, values: [] }] : [],
    ),
  ).total;
  const answerCount = publish(
    [],
    facts.surveys
      .filter((s) => s.schoolYear === year && s.overall !== null)
      .map((s) => ({ schoolId: s.schoolId, values: [] })),
  ).total;
  const overall = facts.surveys
    .filter((s) => s.schoolYear === year && s.overall !== null && inScope(s.schoolId))
    .map((s) => s.overall!);
  // Parents' and pupils' answers apart: the counts from one suppressed table, each mean only
  // beside a shown count of five or more.
  const yearAnswers = answersIn(facts.surveys, year);
  const answersByRespondent = publish(
    [{ name: 'respondent', values: satisfactionRespondents }],
    yearAnswers.map((a) => ({ schoolId: a.schoolId, values: [a.respondent] })),
  );
  const satisfactionMeans = satisfactionRespondents.map((respondent) => {
    const shown = cellOf(answersByRespondent, [respondent]);
    const scores = yearAnswers
      .filter((a) => a.respondent === respondent && inScope(a.schoolId))
      .map((a) => a.overall!);
    return {
      respondent,
      overallMean: shown === null || shown < smallestShownCount ? null : meanScore(scores),
    };
  });
  const opdcPlacements = publish(
    [{ name: 'opdc', values: opdcStates }],
    opdcPlacementsIn(opdcPlacementsOf(facts.requests), year, today).map((p) => ({
      schoolId: p.schoolId,
      values: [p.state],
    })),
  );
  const returns = publish(
    [{ name: 'origin', values: returnOrigins }],
    returnsIn(facts.transitions, year).map((r) => ({ schoolId: r.schoolId, values: [r.origin] })),
  );
  const transitions = publish(
    [
      { name: 'risk', values: transitionRisks },
      { name: 'move', values: transitionStates },
    ],
    transitionsIn(facts.transitions, year).map((m) => ({ schoolId: m.schoolId, values: [m.risk, m.state] })),
  );
  const waiting = publish(
    [
      { name: 'place', values: monitorPlaceKinds },
      { name: 'wait', values: monitorWaitingBuckets },
    ],
    waitingOn(facts.waits, year).map((w) => ({ schoolId: w.schoolId, values: [w.kind, w.bucket] })),
  );
  const placedFromList = placedFromListIn(facts.waits, year);
  const placedCount = publish(
    [],
    placedFromList.map((p) => ({ schoolId: p.schoolId, values: [] })),
  ).total;
  const placedDays = placedFromList.filter((p) => inScope(p.schoolId)).map((p) => p.days);
  const countDate = participationCountDate(year);
  const shares = participation(
    schools,
    facts.pupils.filter((p) => p.on === countDate),
    filter,
  );
  const grantedCents = scopedArrangements.reduce((sum, r) => sum + (r.budgetCents ?? 0), 0);
  const national = nationalAbsenceOf(year);
  return {
    participation: { countDate, reference: facts.participationReference, ...shares },
    requests,
    leadTime: { ordinary: leadOf(false), crisis: leadOf(true) },
    incomplete,
    tlvs,
    arrangements,
    arrangementCost: {
      // Money of the whole SWV only: a filter's amount minus another's could be one child's arrangement.
      grantedCents: wholeSwv(filter) && arrangements.total !== null ? grantedCents : null,
      budgetCents: facts.budgetCents,
    },
    thuiszitters,
    daysToOffer: {
      count: offerCount,
      medianDays: offerCount !== null && offerCount >= smallestShownCount ? median(offerDays) : null,
    },
    absenceEndings: absenceEndingsView,
    national: national ? { source: nationalAbsenceSource, ...national } : null,
    objections: objectionsView,
    disputes: disputesView,
    complaints: complaintsView,
    signals: signalsView,
    satisfaction: {
      answers: answerCount,
      overallMean:
        answerCount !== null && answerCount >= smallestShownCount
          ? Math.round((overall.reduce((s, n) => s + n, 0) / overall.length) * 10) / 10
          : null,
    },
    satisfactionByRespondent: { answers: answersByRespondent, means: satisfactionMeans },
    levels,
    opdc: {
      offered:
        facts.schools.some((s) => s.kind === 'opdc') ||
        facts.requestTypes.some((t) => t.code === opdcPlacementType),
      placements: opdcPlacements,
    },
    returns,
    transitions,
    waiting: {
      countDate: waitingCountDate(year),
      onCountDate: waiting,
      placed: {
        count: placedCount,
        medianDays: placedCount !== null && placedCount >= smallestShownCount ? median(placedDays) : null,
      },
    },
  };
}

/** The figures of `year` under `filter`, with the trend's headline figures of it and the years before. */
export function monitorFigures(facts: Facts, year: string, filter: MonitorFilter, today: string) {
  const figures = figuresOf(facts, year, filter, today);
  const trend = yearsUpTo(year).map((y) => {
    const f = y === year ? figures : figuresOf(facts, y, filter, today);
    return {
      year: y,
      participation: f.participation.share,
      requests: f.requests.total,
      tlvs: f.tlvs.total,
      thuiszitters: f.thuiszitters.total,
      objections: f.objections.total,
      medianLeadDays: f.leadTime.ordinary.medianDays,
      waiting: f.waiting.onCountDate.total,
      returns: f.returns.total,
      openRisks: cellOf(f.transitions, ['with_risks', 'open']),
    };
  });
  return { ...figures, trend };
}
