// The monitor's one use case: the figures of the actor's SWV for a school year under the page's
// filters, with the trend over the years before it. Counts only, suppressed as whole tables on the
// server (src/domain/smallCells.ts); every query writes one access-log row (action search, no
// child), like the other lists. One transaction writes that row and reads the facts (on the replica
// when one is fit, db/replica.ts) and checks the filters against them; the figures are then counted
// in a worker thread (monitor.figures.ts, monitorInWorker.ts, docs/decisions/0041-…), after the
// commit, so neither the server's thread nor a database connection waits on the counting.

import type { MonitorQuery, MonitorView } from '../../../contracts/monitor.ts';
import { amsterdamToday, schoolYearBounds, schoolYearOf } from '../../../domain/calendar.ts';
import {
  type MonitorFilter,
  nationalParticipationReference,
  participationCountDate,
  trendYears,
  yearsUpTo,
} from '../../../domain/monitor.ts';
import { smallestShownCount } from '../../../domain/smallCells.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeLogged, inTransaction } from '../../access/authorize.ts';
import type { Tx } from '../../db/client.ts';
import { readOnReplica } from '../../db/replica.ts';
import { AppError } from '../../http/errors.ts';
import { toCsv, toXlsx } from './monitor.export.ts';
import type { Facts } from './monitor.figures.ts';
import * as queries from './monitor.queries.ts';
import { monitorFiguresInWorker } from './monitorInWorker.ts';

/** The school years the page offers: this one and the five before it, newest first. */
export function offeredYears(today: string): string[] {
  return yearsUpTo(schoolYearOf(today), trendYears + 1).reverse();
}

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
  const { facts, wijken, municipalities } = await inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'monitor', swvId },
      log: { swvId, studentId: null, action: logAction, objectType: 'monitor', objectId: null },
    });
    // The access-log row above is written on the primary; the facts come from the replica when
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
    return { facts, wijken, municipalities };
  });
  // Seconds of counting on a large SWV: off this thread, so other requests go on meanwhile.
  const figures = await monitorFiguresInWorker(facts, year, filter, today);
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
  };
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
