// The monitor's one use case: the figures of the actor's SWV for a school year under the page's
// filters, with the trend over the years before it. Counts only, suppressed as whole tables on the
// server (src/domain/smallCells.ts); every query writes one access-log row (action search, no
// child), like the other lists.

import type { MonitorQuery, MonitorView } from '../../../contracts/monitor.ts';
import { absenceEndings, absenceKinds } from '../../../domain/absence.ts';
import { nationalAbsenceSource } from '../../../domain/absenceNational.ts';
import { amsterdamToday, schoolYearBounds, schoolYearOf } from '../../../domain/calendar.ts';
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
  nationalParticipationReference,
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
  trendYears,
  waitingCountDate,
  waitingOn,
  yearsUpTo,
} from '../../../domain/monitor.ts';
import {
  complaintStates,
  disputeOutcomes,
  objectionOutcomes,
  supportSignalKinds,
} from '../../../domain/objections.ts';
import { smallestShownCount } from '../../../domain/smallCells.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeLogged, inTransaction } from '../../access/authorize.ts';
import type { Tx } from '../../db/client.ts';
import { readOnReplica } from '../../db/replica.ts';
import { AppError } from '../../http/errors.ts';
import { toCsv, toXlsx } from './monitor.export.ts';
import * as queries from './monitor.queries.ts';

const inYear = (date: string | null, year: string) => date !== null && schoolYearOf(date) === year;

/** The school years the page offers: this one and the five before it, newest first. */
export function offeredYears(today: string): string[] {
  return yearsUpTo(schoolYearOf(today), trendYears + 1).reverse();
}

type Facts = {
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

async function readFacts(tx: Tx, swvId: string, year: string): Promise<Facts> {
  const years = yearsUpTo(year);
  const window = { from: schoolYearBounds(years[0]!).from, to: schoolYearBounds(year).to };
  return {
    schools: await queries.schoolsOf(tx, swvId),
    requestTypes: await queries.requestTypesOf(tx, swvId),
    pupils: await queries.pupilsOn(tx, swvId, years.map(participationCountDate)),
    requests: await queries.requestFacts(tx, swvId, window),
    incomplete: await queries.incompleteFacts(tx, swvId, window),
    absence: await queries.absenceFacts(tx, swvId, window),
    registers: await queries.registerFacts(tx, swvId, window),
    levels: await queries.levelFacts(tx, swvId),
    surveys: await queries.surveyFacts(tx, swvId, years),
    transitions: await queries.transitionFacts(tx, swvId, window),
    waits: await queries.waitFacts(tx, swvId, window),
    budgetCents: await queries.budgetOf(tx, swvId, year),
    participationReference:
      (await queries.participationReferenceOf(tx, swvId)) ?? nationalParticipationReference,
  };
}

/** The figures of one school year from the facts. */
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
      grantedCents:
        filter.wijk === null &&
        filter.kind === null &&
        filter.requestType === null &&
        arrangements.total !== null
          ? grantedCents
          : null,
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

export async function monitorOf(
  ctx: Context,
  query: MonitorQuery,
  logAction: 'search' | 'export' = 'search',
): Promise<MonitorView> {
  const swvId = ownSwv(ctx);
  const today = amsterdamToday(ctx.now);
  const year = query.year ?? schoolYearOf(today);
  const filter: MonitorFilter & { municipality: string | null } = {
    wijk: query.wijk ?? null,
    kind: query.kind ?? null,
    requestType: query.requestType ?? null,
    municipality: query.municipality ?? null,
  };
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'monitor', swvId },
      log: { swvId, studentId: null, action: logAction, objectType: 'monitor', objectId: null },
    });
    // The access-log row above is written on the primary; the figures come from the replica when
    // one is fit to read (db/replica.ts), else from this transaction.
    const facts = await readOnReplica(ctx.reading, tx, (reader) => readFacts(reader, swvId, year));
    const wijken = [...new Set(facts.schools.map((s) => s.wijk))].sort((a, b) => a.localeCompare(b, 'nl'));
    if (filter.wijk !== null && !wijken.includes(filter.wijk))
      throw new AppError('bad_request', 'No such wijk in this SWV', { field: 'wijk' });
    const municipalities = [...new Set(facts.schools.map((s) => s.municipality))].sort((a, b) =>
      a.localeCompare(b, 'nl'),
    );
    if (filter.municipality !== null && !municipalities.includes(filter.municipality))
      throw new AppError('bad_request', 'No such municipality among this SWV’s schools', {
        field: 'municipality',
      });
    if (filter.requestType !== null && !facts.requestTypes.some((t) => t.code === filter.requestType))
      throw new AppError('bad_request', 'No such request type in this SWV', { field: 'requestType' });
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
    return {
      year,
      filter,
      options: {
        years: offeredYears(today),
        wijken,
        municipalities,
        kinds: [...new Set(facts.schools.map((s) => s.kind))].sort(),
        requestTypes: facts.requestTypes,
      },
      schools: facts.schools.map(({ id, name, wijk, kind, municipality }) => ({
        id,
        name,
        wijk,
        kind,
        municipality,
      })),
      threshold: smallestShownCount,
      ...figures,
      trend,
    };
  });
}

/** The figures as a file, logged as an export. */
export async function exportMonitor(ctx: Context, query: MonitorQuery & { format: 'csv' | 'xlsx' }) {
  const { format, ...rest } = query;
  const view = await monitorOf(ctx, rest, 'export');
  const scope = [view.filter.municipality, view.filter.wijk, view.filter.kind].filter(Boolean).join('-');
  const fileName = `monitor-${view.year}${scope ? `-${scope}` : ''}.${format}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
  return format === 'csv'
    ? { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(view), 'utf8') }
    : {
        fileName,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await toXlsx(view),
      };
}
