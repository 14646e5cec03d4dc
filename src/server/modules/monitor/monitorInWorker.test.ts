// docs/decisions/0041-monitor-figures-in-a-worker.md: the monitor's figures are counted in a worker
// thread, so the server's thread keeps answering meanwhile. Shown on the facts of a made-up SWV of
// 30 schools (not hand-worked: monitor.test.ts and src/domain/monitor.test.ts prove the numbers):
// the worker's answer is the one counted here, the thread turns while the worker counts (it cannot
// while the same count runs on it), and a worker stopped mid-call fails that call and is replaced.
import { afterAll, describe, expect, it } from 'vitest';
import type { MonitorFilter, MonitorSchool } from '../../../domain/monitor.ts';
import { type Facts, monitorFigures } from './monitor.figures.ts';
import { monitorCallsWaiting, monitorFiguresInWorker, stopMonitorWorker } from './monitorInWorker.ts';

/** A small seeded generator (the same facts on every run). */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(values: readonly T[]) => values[int(values.length)]!;
  /** A day of the school years 2021-2022 … 2026-2027 (up to the test's today). */
  const day = () => {
    const date = new Date(Date.UTC(2021, 7, 1) + int(5 * 365 + 110) * 86_400_000);
    return date.toISOString().slice(0, 10);
  };
  return { next, int, pick, day };
}

const addDays = (on: string, days: number) =>
  new Date(Date.parse(on) + days * 86_400_000).toISOString().slice(0, 10);

function madeUpFacts(): Facts {
  const r = seeded(15);
  const wijken = ['Noord', 'Oost', 'Zuid', 'West', 'Centrum', 'Haven'];
  const special = ['sbo', 'sbo', 'so', 'so', 'vso', 'opdc'] as const;
  const kinds: MonitorSchool['kind'][] = [...Array(24).fill('bao'), ...special];
  const schools: MonitorSchool[] = kinds.map((kind, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `School ${i}`,
    wijk: wijken[i % wijken.length]!,
    kind,
    municipality: i % 3 === 0 ? 'Vleuten' : 'Utrecht',
  }));
  const school = () => r.pick(schools).id;
  const types = ['tlv_sbo', 'tlv_so', 'arrangement', 'ambulant', 'opdc_placement', 'reading_clinic'];
  const requests: Facts['requests'] = Array.from({ length: 2000 }, () => {
    const completeOn = r.day();
    const decided = r.next() < 0.85;
    const typeCode = r.pick(types);
    return {
      schoolId: school(),
      typeCode,
      isTlv: typeCode.startsWith('tlv_'),
      crisis: r.next() < 0.05,
      outcome: decided ? r.pick(['granted', 'partly_granted', 'rejected'] as const) : null,
      category: typeCode.startsWith('tlv_') ? r.pick(['1', '2', '3']) : null,
      completeOn,
      deadlineOn: addDays(completeOn, 42),
      decidedOn: decided ? addDays(completeOn, r.int(60)) : null,
      withdrawnOn: decided ? null : addDays(completeOn, r.int(30)),
      periodFrom: decided ? addDays(completeOn, 30 + r.int(60)) : null,
      budgetCents: typeCode === 'arrangement' ? 100_000 + r.int(500_000) : null,
      provider: 'swv',
      evaluationOutcome: r.next() < 0.5 ? r.pick(['reached', 'partly', 'not_reached']) : null,
      plannedReturnOn: typeCode === 'opdc_placement' ? addDays(completeOn, 200) : null,
      returnedOn: typeCode === 'opdc_placement' && r.next() < 0.5 ? addDays(completeOn, 150) : null,
    };
  });
  const pupilDates = ['2022-10-01', '2023-10-01', '2024-10-01', '2025-10-01', '2026-10-01'];
  return {
    schools,
    requestTypes: types.map((code) => ({ code, name: code })),
    pupils: pupilDates.flatMap((on) =>
      schools.map((s) => ({ on, schoolId: s.id, pupils: 100 + r.int(400) })),
    ),
    requests,
    incomplete: Array.from({ length: 1500 }, () => ({
      schoolId: school(),
      typeCode: r.pick(types),
      on: r.day(),
      reason: r.pick(['question_unclear', 'other', null] as const),
    })),
    absence: Array.from({ length: 1200 }, () => {
      const startedOn = r.day();
      return {
        schoolId: r.next() < 0.05 ? null : school(),
        kind: r.pick(['absolute', 'relative_long', 'exemption'] as const),
        startedOn,
        endedOn: r.next() < 0.7 ? addDays(startedOn, 10 + r.int(300)) : null,
        ending: r.pick(['back_to_school', 'other_school', null]),
        exemptionArticle: null,
        offerHours: null,
        offers: r.next() < 0.6 ? [{ fromOn: addDays(startedOn, r.int(90)), hours: 4 + r.int(10) }] : [],
      };
    }),
    registers: {
      objections: Array.from({ length: 300 }, () => ({
        schoolId: school(),
        on: r.day(),
        state: r.pick(['received', 'decided', 'withdrawn']),
        outcome: r.pick(['upheld', 'rejected', null]),
      })),
      disputes: Array.from({ length: 100 }, () => ({ schoolId: school(), on: r.day(), outcome: null })),
      complaints: Array.from({ length: 200 }, () => ({ schoolId: school(), on: r.day(), state: 'received' })),
      signals: Array.from({ length: 200 }, () => ({ schoolId: school(), on: r.day(), kind: 'question' })),
    },
    levels: {
      changes: Array.from({ length: 3000 }, (_, i) => ({
        studentId: `child-${i % 2000}`,
        level: 1 + r.int(4),
        previousLevel: r.next() < 0.8 ? 1 + r.int(4) : null,
        effectiveOn: r.day(),
        schoolId: school(),
      })),
      pupils: schools.map((s) => ({ schoolId: s.id, pupils: 100 + r.int(400) })),
    },
    surveys: Array.from({ length: 2000 }, () => ({
      schoolId: school(),
      schoolYear: r.pick(['2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']),
      respondent: r.pick(['parent', 'pupil'] as const),
      overall: r.next() < 0.9 ? 1 + r.int(5) : null,
    })),
    transitions: Array.from({ length: 1500 }, () => {
      const movesOn = r.day();
      const from = r.pick(schools);
      return {
        direction: r.pick(['within', 'outgoing', 'incoming'] as const),
        moveKind: r.pick(['to_regular', 'to_special', 'po_vo']),
        fromSchoolId: from.id,
        toSchoolId: school(),
        fromKind: from.kind,
        movesOn,
        handedOverOn: r.next() < 0.7 ? addDays(movesOn, -10) : null,
        riskFlags: r.next() < 0.3 ? ['safety'] : [],
        decidedOn: r.next() < 0.6 ? addDays(movesOn, -20) : null,
        outcome: r.pick(['placed', 'not_placed', null] as const),
        startedOn: r.next() < 0.5 ? movesOn : null,
      };
    }),
    waits: Array.from({ length: 800 }, () => {
      const since = r.day();
      return {
        schoolId: school(),
        kind: r.pick(['sbo', 'so', 'vso', 'opdc', 'arrangement'] as const),
        since,
        endedOn: r.next() < 0.6 ? addDays(since, 20 + r.int(200)) : null,
        ending: r.pick(['placed', 'elsewhere', 'withdrawn', null] as const),
      };
    }),
    budgetCents: 250_000_000,
    participationReference: 3.5,
  };
}

const facts = madeUpFacts();
const year = '2026-2027';
const today = '2026-11-23';
const filter: MonitorFilter & { municipality: string | null } = {
  wijk: 'Zuid',
  kind: null,
  requestType: null,
  municipality: null,
};

/** How often a 0 ms timer ran on this thread while `work` was under way. */
async function timerTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  try {
    const result = await work();
    return { result, turns };
  } finally {
    running = false;
  }
}

describe('the monitor’s figures in a worker thread', () => {
  afterAll(() => stopMonitorWorker());

  it('answers what the same count gives on this thread', async () => {
    const inWorker = await monitorFiguresInWorker(facts, year, filter, today);
    expect(inWorker).toEqual(monitorFigures(facts, year, filter, today));
    expect(inWorker.trend.map((t) => t.year)).toEqual([
      '2022-2023',
      '2023-2024',
      '2024-2025',
      '2025-2026',
      '2026-2027',
    ]);
    expect(inWorker.requests.total).toBeGreaterThan(0);
  });

  it('leaves this thread free while it counts: timers run meanwhile, as they cannot while it counts here', async () => {
    // The same count on this thread, behind the same kind of promise: not one timer gets in.
    const here = await timerTurnsDuring(async () => monitorFigures(facts, year, filter, today));
    expect(here.turns).toBe(0);
    const there = await timerTurnsDuring(() => monitorFiguresInWorker(facts, year, filter, today));
    expect(there.result).toEqual(here.result);
    expect(there.turns).toBeGreaterThan(0);
  });

  it('fails a call whose worker stops, in the one internal error, and counts the next in a new worker', async () => {
    const call = monitorFiguresInWorker(facts, year, filter, today);
    expect(monitorCallsWaiting()).toBe(1);
    await stopMonitorWorker();
    await expect(call).rejects.toThrow(/^the monitor figures worker stopped \(1\)$/);
    expect(monitorCallsWaiting()).toBe(0);
    expect((await monitorFiguresInWorker(facts, year, filter, today)).trend).toHaveLength(5);
  });
});
