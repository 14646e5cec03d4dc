// The monitor's figures as files (issue 15, point 4): every table of the page as rows with typed
// columns, written as CSV (semicolons and a BOM, as Dutch spreadsheet programs read it) or as a
// real XLSX workbook (one sheet, numbers as numbers, a hidden count an empty cell with "verborgen"
// beside it). The XLSX is written here (Office Open XML in a stored ZIP): a few kilobytes of
// well-known XML, no dependency (docs/decisions/0032). Only what the page shows: already suppressed.
import { crc32 } from 'node:zlib';
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
function csvCell(value: string | number | null): string {
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

const xml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

type XlsxCell = string | number | null;

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function sheetXml(rows: readonly (readonly XlsxCell[])[]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (value === null) return '';
          if (typeof value === 'number')
            return `<c r="${ref}" t="n"${r === 0 ? ' s="1"' : ''}><v>${value}</v></c>`;
          return `<c r="${ref}" t="inlineStr"${r === 0 ? ' s="1"' : ''}><is><t xml:space="preserve">${xml(value)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${body}</sheetData></worksheet>`;
}

/** A ZIP with every entry stored (no compression): what an XLSX reader needs, nothing more. */
function zip(files: readonly { name: string; data: Buffer }[], at: Date): Buffer {
  const dosTime = ((at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1)) & 0xffff;
  const dosDate =
    (((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()) & 0xffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The workbook: a sheet "cijfers" (every count) and a sheet "maten" (shares, medians, money). */
export function toXlsx(view: MonitorView, at: Date): Buffer {
  const figures: XlsxCell[][] = [
    [...exportColumns],
    ...exportRows(view).map((r) => [
      r.figure,
      r.schoolYear,
      r.scope,
      r.categories,
      r.count,
      r.count === null ? 'verborgen' : null,
    ]),
  ];
  const measures: XlsxCell[][] = [
    ['measure', 'value'],
    ...exportMeasures(view).map((m) => [m.measure, m.value]),
  ];
  const files = [
    {
      name: '[Content_Types].xml',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="cijfers" sheetId="1" r:id="rId1"/><sheet name="maten" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`,
    },
    { name: 'xl/worksheets/sheet1.xml', text: sheetXml(figures) },
    { name: 'xl/worksheets/sheet2.xml', text: sheetXml(measures) },
  ];
  return zip(
    files.map((f) => ({ name: f.name, data: Buffer.from(f.text, 'utf8') })),
    at,
  );
}
