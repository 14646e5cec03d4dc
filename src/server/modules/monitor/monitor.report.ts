// The yearly report (issue 15, point 4; docs/domain.md, "The monitor"): the monitor's main figures
// of one school year for the SWV's annual account, as a tagged PDF in plain Dutch — a short text per
// subject, charts drawn as vector graphics and tagged as Figures with their alternative text, and
// the numbers in tables. Written only from the monitor's own answer (`monitorOf`, the whole SWV),
// so what the monitor hides stays hidden: "verborgen", never a number.
import { eq } from 'drizzle-orm';
import type { FigureView, MonitorView, TrendPoint } from '../../../contracts/monitor.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { swv } from '../../db/schema/index.ts';
import { barChartHeight, type ChartPoint, drawBarChart, drawLineChart } from '../../pdf/pdfCharts.ts';
import { dutchDate, type PdfWriter, taggedPdf } from '../../pdf/taggedPdf.ts';
import { monitorOf } from './monitor.service.ts';
import {
  cellCount,
  countText,
  euroText,
  numberText,
  schoolKindName,
  valueLabeller,
} from './monitor.words.ts';

export type ReportAbout = { swvName: string; printedOn: string };

/**
 * "2022-2023: 3,1; 2023-2024: geen cijfer; …" — a chart's values for its alternative text. A line's
 * gap is "geen cijfer" (hidden, or nothing to count that year); a bar's "verborgen" (a hidden count).
 */
const spoken = (points: readonly ChartPoint[], unit = '', gap = 'geen cijfer') =>
  points.map((p) => `${p.label}: ${p.value === null ? gap : `${numberText(p.value)}${unit}`}`).join('; ');

/** A line over the years as a Figure, with a one-line summary above it for everyone. */
function trendFigure(
  w: PdfWriter,
  what: string,
  trend: readonly TrendPoint[],
  pick: (p: TrendPoint) => number | null,
  unit = '',
  reference?: { value: number; label: string },
) {
  const points = trend.map((p) => ({ label: p.year, value: pick(p) }));
  const shown = points.filter((p) => p.value !== null);
  const first = shown[0];
  const last = shown.at(-1);
  w.figure(
    first && last && first !== last
      ? `${what}: van ${numberText(first.value)}${unit} in ${first.label} naar ${numberText(last.value)}${unit} in ${last.label}.`
      : `${what}: over de jaren nog te weinig cijfers om een lijn te tonen.`,
    `Lijngrafiek. ${what} per schooljaar: ${spoken(points, unit)}.${reference ? ` Stippellijn: ${reference.label}.` : ''}`,
    130,
    (doc, box) => drawLineChart(doc, box, points, reference),
  );
}

/** Horizontal bars as a Figure. */
function barFigure(w: PdfWriter, what: string, bars: readonly ChartPoint[]) {
  if (bars.length === 0) return;
  w.figure(
    what,
    `Staafgrafiek. ${what}: ${spoken(bars, '', 'verborgen')}.`,
    barChartHeight(bars.length),
    (doc, box) => drawBarChart(doc, box, bars),
  );
}

/**
 * A figure's table: one row per value of its first dimension (the total last), one column per value
 * of its second (or the count), rows of only zeros left out.
 */
function figureTable(w: PdfWriter, view: MonitorView, key: string, caption: string, figure: FigureView) {
  const label = valueLabeller(view);
  const [first, second] = figure.dimensions;
  if (first === undefined) return;
  const firstValues = [...figure.values[0]!, '*'];
  const columns = second === undefined ? ['*'] : [...figure.values[1]!, '*'];
  const rest = figure.dimensions.slice(2).map(() => '*');
  const rows = firstValues
    .map((value) => {
      const counts = columns.map((column) =>
        cellCount(figure, second === undefined ? [value] : [value, column, ...rest]),
      );
      return { value, counts };
    })
    .filter((row) => row.value === '*' || row.counts.some((c) => c !== 0));
  if (figure.total === 0) {
    w.paragraph(`${caption}: geen.`);
    return;
  }
  w.table(
    caption,
    [
      '',
      ...columns.map((c) => (second === undefined ? 'Aantal' : c === '*' ? 'Totaal' : label(key, second, c))),
    ],
    rows.map((row) => [
      row.value === '*' ? 'Totaal' : label(key, first, row.value),
      ...row.counts.map(countText),
    ]),
  );
}

/** The totals of a figure per value of one of its dimensions, as bars. */
function barsBy(view: MonitorView, key: string, figure: FigureView, dimension: string): ChartPoint[] {
  const label = valueLabeller(view);
  const index = figure.dimensions.indexOf(dimension);
  if (index < 0) return [];
  return figure.values[index]!.map((value) => {
    const nodes = figure.dimensions.map((_, i) => (i === index ? value : '*'));
    return { label: label(key, dimension, value), value: cellCount(figure, nodes) };
  }).filter((bar) => bar.value !== 0);
}

/** A figure's totals per wijk; facts without a school ("geen school") only when there are some. */
const wijkBars = (figure: FigureView): ChartPoint[] =>
  figure.byWijk
    .filter((w) => w.wijk !== 'none' || w.count !== 0)
    .map((w) => ({ label: w.wijk === 'none' ? 'geen school' : w.wijk, value: w.count }));

export function renderMonitorReport(view: MonitorView, about: ReportAbout): Promise<Buffer> {
  const year = view.year;
  const title = `Jaarverslag passend onderwijs ${year}`;
  const p = view.participation;
  const lead = view.leadTime.ordinary;
  return taggedPdf(
    { title, author: about.swvName, subject: `De cijfers van ${about.swvName} over schooljaar ${year}` },
    (w) => {
      w.heading(1, title);
      w.paragraph(`Samenwerkingsverband: ${about.swvName}`);
      w.paragraph(
        `De cijfers van het schooljaar ${year} uit de monitor van Passend, gemaakt op ${dutchDate(about.printedOn)}. ` +
          `Het zijn aantallen, nooit namen. Een aantal van 1 tot ${view.threshold - 1} kinderen tonen we niet: daar staat "verborgen". ` +
          'Ook een aantal waaruit zo’n klein aantal terug te rekenen is, staat er als "verborgen".',
      );

      w.heading(2, 'In het kort');
      w.list([
        p.share === null
          ? `Deelname aan SBO, SO en VSO op ${dutchDate(p.countDate)}: ${p.pupils === 0 ? 'geen leerlingen geteld' : 'verborgen'}.`
          : `Op ${dutchDate(p.countDate)} ging ${numberText(p.share)}% van de leerlingen naar het SBO, SO of VSO (referentie ${numberText(p.reference)}%).`,
        `Aanvragen besloten of ingetrokken: ${countText(view.requests.total)}.`,
        lead.medianDays === null
          ? 'Doorlooptijd van complete aanvraag tot besluit: te weinig besluiten om te tonen.'
          : `Een complete aanvraag kreeg in de helft van de gevallen binnen ${numberText(lead.medianDays)} dagen een besluit; ${numberText(lead.withinDeadline === null ? null : lead.withinDeadline * 100, 0)}% binnen de termijn.`,
        `Toelaatbaarheidsverklaringen die ingaan: ${countText(view.tlvs.total)}.`,
        `Thuiszitters in het schooljaar: ${countText(view.thuiszitters.total)}.`,
        `Bezwaren: ${countText(view.objections.total)}; klachten: ${countText(view.complaints.total)}.`,
      ]);

      w.heading(2, 'Deelname aan speciaal onderwijs');
      w.paragraph(
        'Hoeveel leerlingen van de scholen in het samenwerkingsverband op 1 oktober op een school voor speciaal basisonderwijs (SBO), speciaal onderwijs (SO) of voortgezet speciaal onderwijs (VSO) zitten, als deel van alle leerlingen. Zo telt ook DUO. Landelijk is dat ongeveer 3,5%.',
      );
      trendFigure(w, 'Deelname aan SBO, SO en VSO', view.trend, (t) => t.participation, '%', {
        value: p.reference,
        label: `referentie ${numberText(p.reference)}%`,
      });
      w.table(
        `Leerlingen op ${dutchDate(p.countDate)} per soort school`,
        ['Soort school', 'Leerlingen'],
        [
          ...p.perKind.map((k) => [schoolKindName(k.kind), countText(k.count)]),
          ['Totaal', countText(p.pupils)],
        ],
      );

      w.heading(2, 'Aanvragen en besluiten');
      w.paragraph(
        'Scholen vragen het samenwerkingsverband om ondersteuning voor een kind of een team. Hier staan de aanvragen waarop in het schooljaar besloten is, of die zijn ingetrokken, per uitkomst.',
      );
      trendFigure(w, 'Besliste en ingetrokken aanvragen', view.trend, (t) => t.requests);
      barFigure(w, `Aanvragen in ${year} per uitkomst`, barsBy(view, 'requests', view.requests, 'outcome'));
      figureTable(w, view, 'requests', `Aanvragen in ${year} per soort en uitkomst`, view.requests);
      w.paragraph(
        'De doorlooptijd telt de dagen van het moment dat een aanvraag compleet is tot het besluit. De mediaan is de middelste: de helft van de aanvragen was sneller klaar. Het 90e percentiel: 9 van de 10 waren sneller klaar. Crisisplaatsingen hebben een eigen, kortere termijn en staan apart.',
      );
      w.table(
        'Doorlooptijd van complete aanvraag tot besluit',
        ['', 'Besluiten', 'Mediaan (dagen)', '90e percentiel (dagen)', 'Binnen de termijn'],
        (['ordinary', 'crisis'] as const).map((clock) => {
          const l = view.leadTime[clock];
          return [
            clock === 'crisis' ? 'Crisisplaatsingen' : 'Gewone aanvragen',
            countText(l.decided),
            ...(l.decided === 0
              ? ['—', '—', '—']
              : [
                  numberText(l.medianDays),
                  numberText(l.p90Days),
                  l.withinDeadline === null ? 'verborgen' : `${numberText(l.withinDeadline * 100, 0)}%`,
                ]),
          ];
        }),
      );
      trendFigure(w, 'Doorlooptijd, mediaan in dagen', view.trend, (t) => t.medianLeadDays, ' dagen');
      figureTable(w, view, 'incomplete', 'Teruggestuurd als niet compleet, per reden', view.incomplete);

      w.heading(2, 'Toelaatbaarheidsverklaringen');
      w.paragraph(
        'Een toelaatbaarheidsverklaring (TLV) geeft een kind toegang tot het SBO, SO of VSO. Geteld in het schooljaar waarin de TLV ingaat, per soort en bekostigingscategorie.',
      );
      trendFigure(w, 'Toelaatbaarheidsverklaringen', view.trend, (t) => t.tlvs);
      figureTable(w, view, 'tlvs', `TLV’s die ingaan in ${year}, per soort en categorie`, view.tlvs);

      w.heading(2, 'Arrangementen');
      w.paragraph(
        'Een arrangement is extra ondersteuning op de eigen school. Na afloop kijkt de school of de doelen bereikt zijn.',
      );
      barFigure(
        w,
        `Arrangementen die starten in ${year}, per effect`,
        barsBy(view, 'arrangements', view.arrangements, 'effect'),
      );
      figureTable(
        w,
        view,
        'arrangements',
        `Arrangementen die starten in ${year}, per soort en effect`,
        view.arrangements,
      );
      const cost = view.arrangementCost;
      w.paragraph(
        `Toegekend aan deze arrangementen: ${cost.grantedCents === null ? 'verborgen' : euroText(cost.grantedCents)}; budget van het samenwerkingsverband: ${cost.budgetCents === null ? 'niet ingesteld' : euroText(cost.budgetCents)}.`,
      );

      w.heading(2, 'Thuiszitters');
      w.paragraph(
        'Een thuiszitter is een leerplichtig kind dat zonder vrijstelling niet naar school gaat: ingeschreven maar langer dan vier weken afwezig (langdurig relatief verzuim), of nergens ingeschreven (absoluut verzuim).',
      );
      trendFigure(w, 'Thuiszitters', view.trend, (t) => t.thuiszitters);
      barFigure(
        w,
        `Thuiszitters in ${year} per duur`,
        barsBy(view, 'thuiszitters', view.thuiszitters, 'bucket'),
      );
      figureTable(w, view, 'thuiszitters', `Thuiszitters in ${year} per soort verzuim en aanbod`, {
        ...view.thuiszitters,
        // Kind by offer: the duration summed over (its `*` node).
        dimensions: [view.thuiszitters.dimensions[0]!, view.thuiszitters.dimensions[2]!],
        values: [view.thuiszitters.values[0]!, view.thuiszitters.values[2]!],
        cells: view.thuiszitters.cells
          .filter((c) => c.nodes[1] === '*')
          .map((c) => ({ nodes: [c.nodes[0]!, c.nodes[2]!], count: c.count })),
      });
      w.paragraph(
        view.daysToOffer.medianDays === null
          ? 'Tijd tot een aanbod van onderwijs of zorg: te weinig kinderen om te tonen.'
          : `Tijd tot een aanbod van onderwijs of zorg: de helft van de ${countText(view.daysToOffer.count)} kinderen had binnen ${numberText(view.daysToOffer.medianDays)} dagen een aanbod.`,
      );
      if (view.national) {
        w.paragraph(
          `Ter vergelijking, landelijk (leerplichttelling): ${countText(view.national.absolute)} kinderen in absoluut verzuim en ${countText(view.national.relativeLong)} in langdurig relatief verzuim. Bron: ${view.national.source}.`,
        );
      }
      figureTable(
        w,
        view,
        'absenceEndings',
        `Thuiszitters van wie de situatie eindigde in ${year}, per afloop`,
        view.absenceEndings,
      );

      w.heading(2, 'Terugkeer, overstappen en wachtlijsten');
      w.paragraph(
        'Hoeveel kinderen terugkeerden naar een reguliere school, welke overstappen met risicosignalen werden overgedragen en of die op 31 juli nog open stonden, en hoeveel kinderen op een plek in het speciaal (basis)onderwijs wachtten.',
      );
      trendFigure(w, 'Terug naar een reguliere school', view.trend, (t) => t.returns);
      if (view.opdc.offered)
        figureTable(
          w,
          view,
          'opdc',
          `Plaatsingen op het OPDC die begonnen in ${year}, per stand op 31 juli`,
          view.opdc.placements,
        );
      figureTable(
        w,
        view,
        'returns',
        `Terug naar een reguliere school in ${year}, per herkomst`,
        view.returns,
      );
      figureTable(
        w,
        view,
        'transitions',
        `Overstappen in ${year}, per overdracht en stand op 31 juli`,
        view.transitions,
      );
      trendFigure(w, 'Op een wachtlijst op 1 oktober', view.trend, (t) => t.waiting);
      figureTable(
        w,
        view,
        'waiting',
        `Op een wachtlijst op ${dutchDate(view.waiting.countDate)}, per plek en wachttijd`,
        view.waiting.onCountDate,
      );
      w.paragraph(
        view.waiting.placed.medianDays === null
          ? 'Wachttijd van wie vanaf de wachtlijst een plek kreeg: te weinig kinderen om te tonen.'
          : `${countText(view.waiting.placed.count)} kinderen kregen in ${year} vanaf de wachtlijst een plek; de helft had ${numberText(view.waiting.placed.medianDays)} dagen of korter gewacht.`,
      );

      w.heading(2, 'Bezwaren, geschillen, klachten en signalen');
      w.paragraph(
        'Ouders en scholen kunnen bezwaar maken tegen een besluit, een geschil voorleggen aan de landelijke commissie of een klacht indienen. Het ouder- en jeugdsteunpunt meldt signalen zonder namen.',
      );
      trendFigure(w, 'Bezwaren', view.trend, (t) => t.objections);
      figureTable(w, view, 'objections', `Bezwaren ontvangen in ${year}, per uitkomst`, view.objections);
      figureTable(w, view, 'disputes', `Geschillen ingediend in ${year}, per uitkomst`, view.disputes);
      figureTable(w, view, 'complaints', `Klachten ontvangen in ${year}, per stand`, view.complaints);
      figureTable(w, view, 'signals', `Signalen van het steunpunt in ${year}, per soort`, view.signals);

      w.heading(2, 'Tevredenheid van ouders');
      w.paragraph(
        view.satisfaction.overallMean === null
          ? 'Te weinig antwoorden van ouders om te tonen.'
          : `${countText(view.satisfaction.answers)} ouders beantwoordden de vragen na een besluit of een arrangement. Hun gemiddelde oordeel: ${numberText(view.satisfaction.overallMean)} op een schaal van 1 tot 5.`,
      );
      const pupils = view.satisfactionByRespondent.means.find((m) => m.respondent === 'pupil');
      if (pupils?.overallMean != null)
        w.paragraph(
          `Het gemiddelde oordeel van leerlingen: ${numberText(pupils.overallMean)} op een schaal van 1 tot 5.`,
        );

      w.heading(2, 'Ondersteuningsniveaus');
      w.paragraph(
        'Van hoeveel leerlingen het ondersteuningsniveau in het schooljaar omhoog ging, gelijk bleef of omlaag ging.',
      );
      barFigure(w, `Ondersteuningsniveau in ${year}`, barsBy(view, 'levels', view.levels, 'movement'));

      w.heading(2, 'Per wijk');
      w.paragraph(
        'Aanvragen en thuiszitters per wijk van de school. Een wijk met een klein aantal staat als verborgen.',
      );
      barFigure(w, `Aanvragen in ${year} per wijk`, wijkBars(view.requests));
      barFigure(w, `Thuiszitters in ${year} per wijk`, wijkBars(view.thuiszitters));

      w.heading(2, 'Over deze cijfers');
      w.list([
        'Alle cijfers komen uit Passend, het systeem waarin scholen en het samenwerkingsverband de aanvragen, besluiten, thuiszitters en bezwaren bijhouden.',
        'Een schooljaar loopt van 1 augustus tot en met 31 juli. Leerlingen tellen we op 1 oktober, zoals DUO.',
        'De cijfers per jaar staan ook als open dataset (CSV en Excel) in de monitor, met per regel of een waarde verborgen is.',
      ]);
    },
    (page, pages) => `${about.swvName} — ${title} — pagina ${page} van ${pages}`,
  );
}

/**
 * The use case: the monitor's answer for the whole SWV in the chosen school year (policy and one
 * access-log row, action export, by `monitorOf`), then the SWV's name and the PDF.
 */
export async function monitorReport(ctx: Context, query: { year?: string | undefined }) {
  const view = await monitorOf(ctx, { year: query.year }, 'export');
  const [found] = await ctx.database.db
    .select({ name: swv.name })
    .from(swv)
    .where(eq(swv.id, ownSwv(ctx)));
  const pdf = await renderMonitorReport(view, { swvName: found!.name, printedOn: amsterdamToday(ctx.now) });
  return { fileName: `jaarverslag-passend-onderwijs-${view.year}.pdf`, pdf };
}
