// The public-accountability dataset (issue 15, point 4; docs/domain.md, "The monitor"): the
// monitor's figures of one school year for the whole SWV, with the trend's earlier years, as one
// tidy table the SWV can publish on its accountability page — one row per indicator, school year
// and breakdown, with its value, unit and whether it is hidden. Built only from the monitor's own
// answer (`monitorOf`), so a cell the monitor hides is hidden here too: never a raw count.
import type { FigureView, MonitorView } from '../../../contracts/monitor.ts';
import type { Context } from '../../access/actor.ts';
import { csvCell, xlsxWorkbook } from './monitor.export.ts';
import { monitorOf } from './monitor.service.ts';
import { dimensionName, schoolKindName, valueLabeller } from './monitor.words.ts';

export type DatasetRow = {
  /** A stable code, the same every year (e.g. `aanvragen`). */
  indicator: string;
  /** What it counts, in Dutch. */
  label: string;
  schoolYear: string;
  /** `totaal`, or the parts it is cut by ("Uitkomst: Toegekend; Soort aanvraag: TLV SO"), or a wijk. */
  breakdown: string;
  value: number | null;
  unit: 'aantal' | 'procent' | 'dagen' | 'euro' | 'score 1-5';
  /** True when the monitor hides the value (fewer than 5, or it would give such a count away). */
  suppressed: boolean;
  /** The day a stock is counted on (participation: 1 October); empty for what is counted over the year. */
  countDate: string | null;
};

export const datasetColumns = [
  'indicator',
  'omschrijving',
  'schooljaar',
  'uitsplitsing',
  'waarde',
  'eenheid',
  'verborgen',
  'peildatum',
] as const;

type FigureKey =
  | 'requests'
  | 'incomplete'
  | 'tlvs'
  | 'arrangements'
  | 'thuiszitters'
  | 'absenceEndings'
  | 'objections'
  | 'disputes'
  | 'complaints'
  | 'signals'
  | 'levels';

/** The figures with a table of counts, as the dataset names them. */
const figures: { key: FigureKey; indicator: string; label: string }[] = [
  { key: 'requests', indicator: 'aanvragen', label: 'Aanvragen besloten of ingetrokken in het schooljaar' },
  {
    key: 'incomplete',
    indicator: 'aanvragen_teruggestuurd',
    label: 'Aanvragen teruggestuurd als niet compleet',
  },
  { key: 'tlvs', indicator: 'tlv', label: 'Toelaatbaarheidsverklaringen (TLV) die in het schooljaar ingaan' },
  { key: 'arrangements', indicator: 'arrangementen', label: 'Arrangementen die in het schooljaar starten' },
  { key: 'thuiszitters', indicator: 'thuiszitters', label: 'Thuiszitters in het schooljaar' },
  {
    key: 'absenceEndings',
    indicator: 'thuiszitters_beeindigd',
    label: 'Thuiszitters van wie de situatie in het schooljaar eindigde',
  },
  { key: 'objections', indicator: 'bezwaren', label: 'Bezwaren ontvangen in het schooljaar' },
  { key: 'disputes', indicator: 'geschillen', label: 'Geschillen ingediend in het schooljaar' },
  { key: 'complaints', indicator: 'klachten', label: 'Klachten ontvangen in het schooljaar' },
  { key: 'signals', indicator: 'signalen', label: 'Signalen van het ouder- en jeugdsteunpunt' },
  {
    key: 'levels',
    indicator: 'ondersteuningsniveau',
    label: 'Leerlingen van wie het ondersteuningsniveau omhoog ging, gelijk bleef of omlaag ging',
  },
];

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The dataset's rows: the chosen year in full, then the trend's headline figures of the years before. */
export function datasetRows(view: MonitorView): DatasetRow[] {
  const year = view.year;
  const rows: DatasetRow[] = [];
  const label = valueLabeller(view);
  const add = (row: Omit<DatasetRow, 'suppressed' | 'countDate' | 'schoolYear'> & Partial<DatasetRow>) =>
    rows.push({ schoolYear: year, countDate: null, suppressed: row.value === null, ...row });

  const p = view.participation;
  const countDate = p.countDate;
  add({
    indicator: 'leerlingen',
    label: 'Leerlingen van de scholen van het samenwerkingsverband op de teldatum',
    breakdown: 'totaal',
    value: p.pupils,
    unit: 'aantal',
    countDate,
  });
  for (const k of p.perKind) {
    add({
      indicator: 'leerlingen',
      label: 'Leerlingen van de scholen van het samenwerkingsverband op de teldatum',
      breakdown: `Soort school: ${schoolKindName(k.kind)}`,
      value: k.count,
      unit: 'aantal',
      countDate,
    });
  }
  add({
    indicator: 'deelname_sbo_so_vso',
    label: 'Leerlingen in SBO, SO en VSO als deel van alle leerlingen',
    breakdown: 'totaal',
    value: p.share,
    unit: 'procent',
    countDate,
  });
  add({
    indicator: 'deelname_referentie',
    label:
      'Referentie voor de deelname aan SBO, SO en VSO: de landelijke 3,5% of wat het samenwerkingsverband vastlegde',
    breakdown: 'totaal',
    value: p.reference,
    unit: 'procent',
    countDate,
  });

  const figure = (
    indicator: string,
    rowLabel: string,
    key: string,
    f: FigureView,
    on: string | null = null,
  ) => {
    for (const cell of f.cells) {
      const parts = cell.nodes.flatMap((node, i) =>
        node === '*' ? [] : [`${dimensionName(f.dimensions[i]!)}: ${label(key, f.dimensions[i]!, node)}`],
      );
      add({
        indicator,
        label: rowLabel,
        breakdown: parts.length === 0 ? 'totaal' : parts.join('; '),
        value: cell.count,
        unit: 'aantal',
        countDate: on,
      });
    }
    for (const w of f.byWijk) {
      add({
        indicator,
        label: rowLabel,
        breakdown: `Wijk: ${w.wijk === 'none' ? 'geen school' : w.wijk}`,
        value: w.count,
        unit: 'aantal',
        countDate: on,
      });
    }
  };
  for (const f of figures.slice(0, 4)) figure(f.indicator, f.label, f.key, view[f.key]);

  const leadLabel = 'Doorlooptijd van een complete aanvraag tot het besluit';
  for (const [clock, lead] of Object.entries(view.leadTime)) {
    const breakdown = clock === 'crisis' ? 'Crisisplaatsingen' : 'Gewone aanvragen';
    add({
      indicator: 'besluiten',
      label: 'Besluiten op complete aanvragen',
      breakdown,
      value: lead.decided,
      unit: 'aantal',
    });
    // A statistic over nothing is no hidden value: left out.
    if (lead.decided === 0) continue;
    add({
      indicator: 'doorlooptijd_mediaan',
      label: leadLabel,
      breakdown,
      value: lead.medianDays,
      unit: 'dagen',
    });
    add({
      indicator: 'doorlooptijd_p90',
      label: `${leadLabel}, 90e percentiel`,
      breakdown,
      value: lead.p90Days,
      unit: 'dagen',
    });
    add({
      indicator: 'binnen_termijn',
      label: 'Besluiten binnen de wettelijke termijn',
      breakdown,
      value: percent(lead.withinDeadline),
      unit: 'procent',
    });
  }

  const cost = view.arrangementCost;
  add({
    indicator: 'arrangementen_kosten',
    label: 'Toegekend aan arrangementen die in het schooljaar starten',
    breakdown: 'totaal',
    value: cost.grantedCents === null ? null : cost.grantedCents / 100,
    unit: 'euro',
  });
  if (cost.budgetCents !== null) {
    add({
      indicator: 'arrangementen_budget',
      label: 'Budget voor arrangementen',
      breakdown: 'totaal',
      value: cost.budgetCents / 100,
      unit: 'euro',
    });
  }

  for (const f of figures.slice(4)) figure(f.indicator, f.label, f.key, view[f.key]);
  add({
    indicator: 'thuiszitters_met_aanbod',
    label: 'Thuiszitters die een aanbod kregen',
    breakdown: 'totaal',
    value: view.daysToOffer.count,
    unit: 'aantal',
  });
  if (view.daysToOffer.count !== 0) {
    add({
      indicator: 'dagen_tot_aanbod_mediaan',
      label: 'Tijd tot een aanbod van onderwijs of zorg, mediaan',
      breakdown: 'totaal',
      value: view.daysToOffer.medianDays,
      unit: 'dagen',
    });
  }
  if (view.national) {
    const national = 'Landelijke telling (leerplicht), ter vergelijking';
    add({
      indicator: 'landelijk_thuiszitters',
      label: national,
      breakdown: 'Soort: Absoluut verzuim',
      value: view.national.absolute,
      unit: 'aantal',
    });
    add({
      indicator: 'landelijk_thuiszitters',
      label: national,
      breakdown: 'Soort: Langdurig relatief verzuim',
      value: view.national.relativeLong,
      unit: 'aantal',
    });
  }
  add({
    indicator: 'tevredenheid_antwoorden',
    label: 'Antwoorden van ouders op de tevredenheidsvragen',
    breakdown: 'totaal',
    value: view.satisfaction.answers,
    unit: 'aantal',
  });
  if (view.satisfaction.answers !== 0) {
    add({
      indicator: 'tevredenheid_gemiddeld',
      label: 'Gemiddeld oordeel van ouders',
      breakdown: 'totaal',
      value: view.satisfaction.overallMean,
      unit: 'score 1-5',
    });
  }

  if (view.opdc.offered)
    figure(
      'opdc_plaatsingen',
      'Plaatsingen op het OPDC die in het schooljaar begonnen',
      'opdc',
      view.opdc.placements,
    );
  figure(
    'terugkeer_regulier',
    'Kinderen die in het schooljaar terugkeerden naar een reguliere school',
    'returns',
    view.returns,
  );
  figure(
    'overstappen',
    'Overstappen van het schooljaar, naar risicosignalen bij de overdracht',
    'transitions',
    view.transitions,
  );
  const waiting = view.waiting;
  figure(
    'wachtlijst',
    'Kinderen op een wachtlijst op de teldatum',
    'waiting',
    waiting.onCountDate,
    waiting.countDate,
  );
  add({
    indicator: 'wachtlijst_geplaatst',
    label: 'Kinderen die in het schooljaar vanaf de wachtlijst een plek kregen',
    breakdown: 'totaal',
    value: waiting.placed.count,
    unit: 'aantal',
  });
  if (waiting.placed.count !== 0)
    add({
      indicator: 'wachttijd_mediaan',
      label: 'Wachttijd van wie vanaf de wachtlijst een plek kreeg, mediaan',
      breakdown: 'totaal',
      value: waiting.placed.medianDays,
      unit: 'dagen',
    });
  figure(
    'tevredenheid_per_groep',
    'Antwoorden op de tevredenheidsvragen, van ouders en van leerlingen',
    'satisfaction',
    view.satisfactionByRespondent.answers,
  );

  // The years before: the trend's headline figures, under the same indicator codes.
  for (const point of view.trend) {
    if (point.year === year) continue;
    const earlier = (indicator: string, rowLabel: string, value: number | null, unit: DatasetRow['unit']) =>
      add({
        indicator,
        label: rowLabel,
        schoolYear: point.year,
        breakdown: unit === 'dagen' ? 'Gewone aanvragen' : 'totaal',
        value,
        unit,
        // Stocks are counted on 1 October of the year.
        ...(indicator === 'deelname_sbo_so_vso' || indicator === 'wachtlijst'
          ? { countDate: `${point.year.slice(0, 4)}-10-01` }
          : {}),
      });
    earlier(
      'deelname_sbo_so_vso',
      'Leerlingen in SBO, SO en VSO als deel van alle leerlingen',
      point.participation,
      'procent',
    );
    earlier('aanvragen', figures[0]!.label, point.requests, 'aantal');
    earlier('tlv', figures[2]!.label, point.tlvs, 'aantal');
    earlier('thuiszitters', figures[4]!.label, point.thuiszitters, 'aantal');
    earlier('bezwaren', figures[6]!.label, point.objections, 'aantal');
    earlier('doorlooptijd_mediaan', leadLabel, point.medianLeadDays, 'dagen');
    earlier(
      'terugkeer_regulier',
      'Kinderen die in het schooljaar terugkeerden naar een reguliere school',
      point.returns,
      'aantal',
    );
    earlier('wachtlijst', 'Kinderen op een wachtlijst op de teldatum', point.waiting, 'aantal');
  }
  return rows;
}

/** CSV as Dutch spreadsheet programs read it: semicolons, a BOM, decimal commas, "ja"/"nee". */
export function datasetCsv(rows: readonly DatasetRow[]): string {
  const lines = [datasetColumns.join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.indicator,
        r.label,
        r.schoolYear,
        r.breakdown,
        r.value,
        r.unit,
        r.suppressed ? 'ja' : 'nee',
        r.countDate,
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same rows as a workbook: values as numbers, the flag as a boolean, the count date as a date. */
export function datasetXlsx(rows: readonly DatasetRow[]): Promise<Buffer> {
  return xlsxWorkbook([
    {
      name: 'verantwoording',
      header: datasetColumns,
      widths: [26, 60, 11, 60, 10, 10, 10, 11],
      rows: rows.map((r) => [
        r.indicator,
        r.label,
        r.schoolYear,
        r.breakdown,
        r.value,
        r.unit,
        r.suppressed,
        r.countDate === null ? null : new Date(`${r.countDate}T00:00:00Z`),
      ]),
    },
  ]);
}

/** The use case: the monitor's answer for the whole SWV (policy, one access-log row), as a file. */
export async function monitorDataset(
  ctx: Context,
  query: { year?: string | undefined; format: 'csv' | 'xlsx' },
) {
  const view = await monitorOf(ctx, { year: query.year }, 'export');
  const rows = datasetRows(view);
  const fileName = `verantwoording-passend-onderwijs-${view.year}.${query.format}`;
  return query.format === 'csv'
    ? { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(datasetCsv(rows), 'utf8') }
    : {
        fileName,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await datasetXlsx(rows),
      };
}
