// The accountability dataset from a hand-made monitor answer (docs/domain.md, "The monitor"): each
// published cell becomes one row, a hidden cell stays hidden and flagged, a statistic over nothing
// is left out, the earlier years come from the trend under the same codes.
import { describe, expect, it } from 'vitest';
import type { FigureView, MonitorView } from '../../../contracts/monitor.ts';
import { datasetCsv, datasetRows } from './monitor.dataset.ts';

const figure = (dimension: string, counts: Record<string, number | null>): FigureView => ({
  dimensions: [dimension],
  values: [Object.keys(counts).filter((k) => k !== '*')],
  total: counts['*'] ?? null,
  cells: Object.entries(counts).map(([node, count]) => ({ nodes: [node], count })),
  byWijk: [
    { wijk: 'Noord', count: 9 },
    { wijk: 'Zuid', count: null },
  ],
  bySchool: [],
});
const empty = (dimension: string) => figure(dimension, { '*': 0 });

const view: MonitorView = {
  year: '2026-2027',
  filter: { wijk: null, kind: null, requestType: null, municipality: null },
  options: {
    years: [],
    wijken: ['Noord', 'Zuid'],
    municipalities: ['Utrecht'],
    kinds: ['bao'],
    requestTypes: [],
  },
  schools: [],
  threshold: 5,
  participation: {
    countDate: '2026-10-01',
    pupils: 400,
    special: 14,
    share: 3.5,
    reference: 3.5,
    perKind: [{ kind: 'sbo', count: 14 }],
  },
  // 12 granted, the rejected 2 hidden and the withdrawn with them.
  requests: {
    ...figure('outcome', { granted: 12, rejected: null, withdrawn: null, '*': 17 }),
    dimensions: ['outcome'],
  },
  leadTime: {
    ordinary: { decided: 14, medianDays: 6, p90Days: 9, withinDeadline: 0.857 },
    crisis: { decided: 0, medianDays: null, p90Days: null, withinDeadline: null },
  },
  incomplete: empty('reason'),
  tlvs: empty('category'),
  arrangements: empty('effect'),
  arrangementCost: { grantedCents: null, budgetCents: 5_000_000 },
  thuiszitters: empty('kind'),
  daysToOffer: { count: 0, medianDays: null },
  absenceEndings: empty('ending'),
  national: null,
  objections: empty('outcome'),
  disputes: empty('outcome'),
  complaints: empty('state'),
  signals: empty('kind'),
  satisfaction: { answers: null, overallMean: null },
  levels: empty('movement'),
  satisfactionByRespondent: { answers: empty('respondent'), means: [] },
  opdc: { offered: false, placements: empty('standing') },
  returns: figure('origin', { '*': 9, sbo: 6, so: null, opdc: null }),
  transitions: empty('risk'),
  waiting: {
    countDate: '2026-10-01',
    onCountDate: figure('place', { '*': 12, so: 12, sbo: 0 }),
    placed: { count: 7, medianDays: 120 },
  },
  trend: [
    {
      year: '2025-2026',
      participation: null,
      requests: 11,
      tlvs: 3,
      thuiszitters: null,
      objections: 0,
      medianLeadDays: 7,
      waiting: 15,
      returns: null,
      openRisks: null,
    },
    {
      year: '2026-2027',
      participation: 3.5,
      requests: 17,
      tlvs: 0,
      thuiszitters: 0,
      objections: 0,
      medianLeadDays: 6,
      waiting: null,
      returns: null,
      openRisks: null,
    },
  ],
};

describe('the accountability dataset', () => {
  const rows = datasetRows(view);
  const find = (indicator: string, breakdown: string, year = '2026-2027') =>
    rows.find((r) => r.indicator === indicator && r.breakdown === breakdown && r.schoolYear === year);

  it('turns each published cell into a row, hidden ones empty and flagged', () => {
    expect(find('aanvragen', 'totaal')).toMatchObject({ value: 17, unit: 'aantal', suppressed: false });
    expect(find('aanvragen', 'Uitkomst: Toegekend')).toMatchObject({ value: 12, suppressed: false });
    expect(find('aanvragen', 'Uitkomst: Afgewezen')).toMatchObject({ value: null, suppressed: true });
    expect(find('aanvragen', 'Uitkomst: Ingetrokken')).toMatchObject({ value: null, suppressed: true });
    expect(find('aanvragen', 'Wijk: Zuid')).toMatchObject({ value: null, suppressed: true });
    expect(find('deelname_sbo_so_vso', 'totaal')).toMatchObject({
      value: 3.5,
      unit: 'procent',
      countDate: '2026-10-01',
    });
    // The reference may be one the SWV set: never called national (an outside probe's finding).
    expect(find('deelname_referentie', 'totaal')?.label).not.toMatch(/^Landelijke/);
    expect(find('leerlingen', 'Soort school: Speciaal basisonderwijs (SBO)')).toMatchObject({ value: 14 });
    expect(find('binnen_termijn', 'Gewone aanvragen')).toMatchObject({ value: 85.7, unit: 'procent' });
    // Money: hidden granted amount, the budget in euro.
    expect(find('arrangementen_kosten', 'totaal')).toMatchObject({
      value: null,
      suppressed: true,
      unit: 'euro',
    });
    expect(find('arrangementen_budget', 'totaal')).toMatchObject({ value: 50_000, unit: 'euro' });
    // Hidden means null, and null means hidden: never a shown empty value.
    for (const r of rows) expect(r.suppressed, `${r.indicator} ${r.breakdown}`).toBe(r.value === null);
  });

  it('leaves out a statistic over nothing, and takes the earlier years from the trend', () => {
    expect(find('besluiten', 'Crisisplaatsingen')).toMatchObject({ value: 0, suppressed: false });
    expect(find('doorlooptijd_mediaan', 'Crisisplaatsingen')).toBeUndefined();
    expect(find('dagen_tot_aanbod_mediaan', 'totaal')).toBeUndefined();
    expect(find('tevredenheid_antwoorden', 'totaal')).toMatchObject({ value: null, suppressed: true });
    expect(find('aanvragen', 'totaal', '2025-2026')).toMatchObject({ value: 11 });
    expect(find('thuiszitters', 'totaal', '2025-2026')).toMatchObject({ value: null, suppressed: true });
    expect(find('deelname_sbo_so_vso', 'totaal', '2025-2026')).toMatchObject({ countDate: '2025-10-01' });
    expect(find('wachtlijst', 'totaal', '2025-2026')).toMatchObject({ value: 15, countDate: '2025-10-01' });
    expect(find('terugkeer_regulier', 'totaal', '2025-2026')).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(rows.filter((r) => r.schoolYear === '2025-2026')).toHaveLength(8);
  });

  it('carries the OPDC returns, the waiting lists on their count date and the waiting time', () => {
    // A PO SWV offers no OPDC: no rows for it rather than a table of zeros.
    expect(rows.filter((r) => r.indicator === 'opdc_plaatsingen')).toEqual([]);
    expect(find('terugkeer_regulier', 'Vandaan: SBO')).toMatchObject({ value: 6 });
    expect(find('terugkeer_regulier', 'Vandaan: SO')).toMatchObject({ suppressed: true });
    expect(find('wachtlijst', 'totaal')).toMatchObject({ value: 12, countDate: '2026-10-01' });
    expect(find('wachtlijst', 'Wijk: Noord')).toMatchObject({ value: 9, countDate: '2026-10-01' });
    expect(find('wachtlijst_geplaatst', 'totaal')).toMatchObject({ value: 7, countDate: null });
    expect(find('wachttijd_mediaan', 'totaal')).toMatchObject({ value: 120, unit: 'dagen' });
  });

  it('writes CSV with decimal commas and ja/nee', () => {
    const lines = datasetCsv(rows).split('\r\n');
    expect(lines).toContain(
      'binnen_termijn;Besluiten binnen de wettelijke termijn;2026-2027;Gewone aanvragen;85,7;procent;nee;',
    );
    expect(lines).toContain(
      'aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;2026-2027;Uitkomst: Afgewezen;;aantal;ja;',
    );
  });
});
