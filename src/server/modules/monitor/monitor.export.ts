// The monitor's figures as files (issue 15, point 4): every table of the page as rows with typed
// columns, written as CSV (semicolons and a BOM, as Dutch spreadsheet programs read it) or as a
// real XLSX workbook (two sheets, numbers as numbers, a hidden count an empty cell with "verborgen"
// beside it), written by write-excel-file (docs/decisions/0034). Only what the page shows: already
// suppressed.
import writeXlsxFile from 'write-excel-file/node';
import type { FigureView, MonitorView } from '../../../contracts/monitor.ts';

export type ExportRow = {
  figure: string;
  schoolYear: string;
  scope: string;
  categories: string;
  count: number | null;
};

export const exportColumns = ['figure', 'school_year', 'scope', 'categories', 'count', 'hidden'] as const;

/** Every table of the view as rows: each figure's cells, its totals per wijk and per school, the rest. */
export function exportRows(view: MonitorView): ExportRow[] {
  const year = view.year;
  const scope =
    [
      view.filter.municipality && `municipality:${view.filter.municipality}`,
      view.filter.wijk && `wijk:${view.filter.wijk}`,
      view.filter.kind && `kind:${view.filter.kind}`,
    ]
      .filter(Boolean)
      .join(' ') || 'swv';
  const schoolName = new Map(view.schools.map((s) => [s.id, s.name]));
  const rows: ExportRow[] = [];
  const add = (figure: string, categories: string, count: number | null, at = scope) =>
    rows.push({ figure, schoolYear: year, scope: at, categories, count });
  const figure = (name: string, f: FigureView) => {
    for (const cell of f.cells) {
      add(
        name,
        cell.nodes.map((n, i) => `${f.dimensions[i]}=${n === '*' ? 'total' : n}`).join(' '),
        cell.count,
      );
    }
    for (const w of f.byWijk) add(name, 'total', w.count, `wijk:${w.wijk}`);
    for (const s of f.bySchool)
      add(name, 'total', s.count, `school:${schoolName.get(s.schoolId) ?? s.schoolId}`);
  };
  const p = view.participation;
  add('participation_pupils', `count_date=${p.countDate}`, p.pupils);
  add('participation_special', `count_date=${p.countDate}`, p.special);
  for (const k of p.perKind) add('participation_pupils', `kind=${k.kind}`, k.count);
  figure('requests', view.requests);
  for (const [name, lead] of Object.entries(view.leadTime)) {
    add(`lead_time_${name}_decided`, '', lead.decided);
  }
  figure('incomplete', view.incomplete);
  figure('tlvs', view.tlvs);
  figure('arrangements', view.arrangements);
  figure('thuiszitters', view.thuiszitters);
  figure('absence_endings', view.absenceEndings);
  figure('objections', view.objections);
  figure('disputes', view.disputes);
  figure('complaints', view.complaints);
  figure('signals', view.signals);
  figure('support_levels', view.levels);
  figure('satisfaction_answers', view.satisfactionByRespondent.answers);
  if (view.opdc.offered) figure('opdc_placements', view.opdc.placements);
  figure('returns_to_regular', view.returns);
  figure('transitions', view.transitions);
  figure('waiting', view.waiting.onCountDate);
  add('waiting_placed', '', view.waiting.placed.count);
  for (const point of view.trend) {
    for (const key of [
      'requests',
      'tlvs',
      'thuiszitters',
      'objections',
      'waiting',
      'returns',
      'openRisks',
    ] as const) {
      rows.push({
        figure: `trend_${key === 'openRisks' ? 'open_risks' : key}`,
        schoolYear: point.year,
        scope,
        categories: '',
        count: point[key],
      });
    }
  }
  return rows;
}

/** The measures that are not counts (shares, medians), as their own small table. */
export function exportMeasures(view: MonitorView): { measure: string; value: number | null }[] {
  const lead = view.leadTime;
  return [
    { measure: 'participation_share_percent', value: view.participation.share },
    { measure: 'participation_reference_percent', value: view.participation.reference },
    { measure: 'lead_time_ordinary_median_days', value: lead.ordinary.medianDays },
    { measure: 'lead_time_ordinary_p90_days', value: lead.ordinary.p90Days },
    { measure: 'lead_time_ordinary_within_deadline_share', value: lead.ordinary.withinDeadline },
    { measure: 'lead_time_crisis_median_days', value: lead.crisis.medianDays },
    {
      measure: 'arrangements_granted_euro',
      value: nullable(view.arrangementCost.grantedCents, (c) => c / 100),
    },
    {
      measure: 'arrangements_budget_euro',
      value: nullable(view.arrangementCost.budgetCents, (c) => c / 100),
    },
    { measure: 'days_to_offer_median', value: view.daysToOffer.medianDays },
    { measure: 'satisfaction_overall_mean', value: view.satisfaction.overallMean },
    ...view.satisfactionByRespondent.means.map((m) => ({
      measure: `satisfaction_${m.respondent}_overall_mean`,
      value: m.overallMean,
    })),
    { measure: 'waiting_placed_median_days', value: view.waiting.placed.medianDays },
    ...view.trend.flatMap((t) => [
      { measure: `trend_participation_percent_${t.year}`, value: t.participation },
      { measure: `trend_median_lead_days_${t.year}`, value: t.medianLeadDays },
    ]),
  ];
}

const nullable = (value: number | null, map: (n: number) => number) => (value === null ? null : map(value));

// --- CSV ------------------------------------------------------------------------------------------

/** A cell for CSV: quoted when it holds the separator, a quote or a line break; formulas defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  // A leading =, +, - or @ would make a spreadsheet run it as a formula (CSV injection).
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(view: MonitorView): string {
  const lines = [exportColumns.join(';')];
  for (const r of exportRows(view)) {
    lines.push(
      [r.figure, r.schoolYear, r.scope, r.categories, r.count, r.count === null ? 'verborgen' : '']
        .map(csvCell)
        .join(';'),
    );
  }
  lines.push('');
  lines.push(['measure', 'value'].join(';'));
  for (const m of exportMeasures(view)) lines.push([m.measure, m.value].map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// --- XLSX -----------------------------------------------------------------------------------------

/** A value of a spreadsheet cell: typed as it is (a number as a number, a date as a date). */
export type XlsxValue = string | number | boolean | Date | null;

export type XlsxSheet = {
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxValue[])[];
  /** Column widths in characters. */
  widths?: readonly number[];
};

/**
 * A workbook written by write-excel-file (docs/decisions/0034): one sheet per table, the header row
 * bold and frozen, each cell of its value's type, dates shown as 2026-10-01.
 */
export function xlsxWorkbook(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      stickyRowsCount: 1,
      dateFormat: 'yyyy-mm-dd',
      columns: sheet.widths?.map((width) => ({ width })),
      data: [
        sheet.header.map((value) => ({ value, fontWeight: 'bold' as const })),
        ...sheet.rows.map((row) => row.map((value) => (value === null ? null : { value }))),
      ],
    })),
  ).toBuffer();
}

/** The workbook: a sheet "cijfers" (every count) and a sheet "maten" (shares, medians, money). */
export function toXlsx(view: MonitorView): Promise<Buffer> {
  return xlsxWorkbook([
    {
      name: 'cijfers',
      header: exportColumns,
      widths: [24, 11, 28, 48, 8, 10],
      rows: exportRows(view).map((r) => [
        r.figure,
        r.schoolYear,
        r.scope,
        r.categories,
        r.count,
        r.count === null ? 'verborgen' : null,
      ]),
    },
    {
      name: 'maten',
      header: ['measure', 'value'],
      widths: [44, 10],
      rows: exportMeasures(view).map((m) => [m.measure, m.value]),
    },
  ]);
}
