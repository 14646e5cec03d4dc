// The monitor (/monitor): the SWV's figures for a school year and over the years, for policy staff,
// the administrator and the committee (docs/domain.md, "The monitor"). The filters live in the URL
// so a view can be shared; the server hides small cells, the page shows "verborgen" for them and
// never a zero. Charts (lazily loaded) each have a summary and a table; every figure is a table.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import type { z } from 'zod';
import type { FigureView, MonitorView } from '../../../contracts/monitor.ts';
import { api } from '../../app/api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/forms.tsx';
import { LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { RegisterFrame } from '../objections/Register.tsx';
import '../requests/work.css';
import './monitor.css';

const MonitorCharts = lazy(() => import('./Charts.tsx'));

type View = z.infer<typeof MonitorView>;
const filterKeys = ['year', 'municipality', 'wijk', 'kind', 'requestType'] as const;
type Filter = Record<(typeof filterKeys)[number], string>;

function filterFrom(search: string): Filter {
  const params = new URLSearchParams(search);
  return Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Filter;
}

const queryOf = (filter: Filter) => {
  const search = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  return search.size ? `?${search}` : '';
};

export default function MonitorPage() {
  const { t } = useI18n();
  const filter = filterFrom(useLocation().search);
  const monitor = useQuery({
    queryKey: ['monitor', filter],
    queryFn: () => api<typeof MonitorView>('GET', `/api/monitor${queryOf(filter)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <RegisterFrame title={t('mon.title')} intro={t('mon.intro')} query={monitor}>
      {monitor.data && (
        <div aria-busy={monitor.isPlaceholderData}>
          <Filters view={monitor.data} key={JSON.stringify(monitor.data.filter) + monitor.data.year} />
          <Figures view={monitor.data} />
        </div>
      )}
    </RegisterFrame>
  );
}

function Filters({ view }: { view: View }) {
  const { t } = useI18n();
  const [value, setValue] = useState<Filter>({
    year: view.year,
    municipality: view.filter.municipality ?? '',
    wijk: view.filter.wijk ?? '',
    kind: view.filter.kind ?? '',
    requestType: view.filter.requestType ?? '',
  });
  const set = (key: keyof Filter) => (v: string) => setValue((old) => ({ ...old, [key]: v }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/monitor${queryOf(value)}`);
  };
  const all = t('mon.filter.all');
  return (
    <search>
      <form className="passend-work-filter" onSubmit={submit} noValidate aria-label={t('mon.filter')}>
        <div className="passend-work-filter__fields">
          <SelectField
            path="year"
            label={t('mon.filter.year')}
            value={value.year}
            onChange={set('year')}
            placeholder={t('mon.filter.thisYear')}
            options={view.options.years.map((y) => ({ value: y, label: y }))}
          />
          <SelectField
            path="municipality"
            label={t('mon.filter.municipality')}
            value={value.municipality}
            onChange={set('municipality')}
            placeholder={all}
            options={view.options.municipalities.map((m) => ({ value: m, label: m }))}
          />
          <SelectField
            path="wijk"
            label={t('mon.filter.wijk')}
            value={value.wijk}
            onChange={set('wijk')}
            placeholder={all}
            options={view.options.wijken.map((w) => ({ value: w, label: w }))}
          />
          <SelectField
            path="kind"
            label={t('mon.filter.kind')}
            value={value.kind}
            onChange={set('kind')}
            placeholder={all}
            options={view.options.kinds.map((k) => ({ value: k, label: t(`home.kind.${k}` as MessageKey) }))}
          />
          <SelectField
            path="requestType"
            label={t('mon.filter.requestType')}
            value={value.requestType}
            onChange={set('requestType')}
            placeholder={all}
            options={view.options.requestTypes.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Button type="submit" appearance="primary-action-button">
            {t('mon.filter.show')}
          </Button>
        </div>
      </form>
    </search>
  );
}

/** How a value of a figure's dimension reads. */
function useLabels(view: View) {
  const { t } = useI18n();
  const typeNames = new Map(view.options.requestTypes.map((r) => [r.code, r.name]));
  const key = (k: string) => t(k as MessageKey);
  const prefixes: Record<string, (v: string) => string> = {
    type: (v) => typeNames.get(v) ?? v,
    outcome: (v) => (v === 'withdrawn' || v === 'open' ? key(`mon.v.${v}`) : key(`request.outcome.${v}`)),
    reason: (v) => key(`request.reason.${v}`),
    category: (v) => key(`cap.category.${v}`),
    effect: (v) => (v === 'not_evaluated' ? key('mon.v.not_evaluated') : key(`request.evaluation.${v}`)),
    kind: (v) => key(`abs.kind.${v}`),
    bucket: (v) => key(`abs.bucket.${v}`),
    offer: (v) => key(`mon.v.${v}`),
    ending: (v) => key(`abs.ending.${v}`),
    objection: (v) => (v === 'withdrawn' || v === 'open' ? key(`mon.v.${v}`) : key(`obj.outcome.${v}`)),
    dispute: (v) => (v === 'open' ? key('mon.v.open') : key(`obj.dispute.outcome.${v}`)),
    state: (v) => key(`obj.complaint.state.${v}`),
    signal: (v) => key(`obj.signal.kind.${v}`),
    movement: (v) => key(`mon.v.${v}`),
    opdc: (v) => key(v === 'placed' ? 'mon.v.still_placed' : `mon.v.${v}`),
    origin: (v) => (v === 'other_swv' ? key('mon.v.other_swv') : key(`cap.kind.${v}`)),
    risk: (v) => key(`mon.v.${v}`),
    move: (v) => (v === 'placed' || v === 'not_placed' ? key(`mon.v.move_${v}`) : key(`mon.v.${v}`)),
    place: (v) => key(`cap.kind.${v}`),
    wait: (v) => key(`cap.bucket.${v}`),
    respondent: (v) => key(`mon.v.${v}`),
  };
  return (dimension: string, value: string) =>
    value === '*' ? t('mon.total') : (prefixes[dimension] ?? ((v: string) => v))(value);
}

type Row = { key: string; what: string; counts: (number | null)[] };

/**
 * A figure as a table: one row per combination of all but its last dimension (totals last), one
 * column per value of the last; rows of nothing are left out. `rename` names the dimensions for
 * their labels where one name serves several figures (an objection's outcome).
 */
function FigureTable({
  caption,
  view,
  figure,
  rename = {},
}: {
  caption: string;
  view: View;
  figure: FigureView;
  rename?: Record<string, string>;
}) {
  const { t, formatNumber } = useI18n();
  const label = useLabels(view);
  const dims = figure.dimensions.map((d) => rename[d] ?? d);
  const count = (nodes: string[]) =>
    figure.cells.find((c) => c.nodes.every((n, i) => n === nodes[i]))?.count ?? null;
  const last = figure.values.length - 1;
  const columns = last === 0 ? ['*'] : [...figure.values[last]!, '*'];
  let combos: string[][] = [[]];
  for (let d = 0; d < Math.max(1, last); d++) {
    const values = last === 0 ? [...figure.values[0]!, '*'] : [...figure.values[d]!, '*'];
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  }
  const typeFilter = view.filter.requestType;
  const rows: Row[] = combos
    .filter(
      (c) => !(figure.dimensions[0] === 'type' && typeFilter !== null && c[0] !== typeFilter && c[0] !== '*'),
    )
    .map((c) => {
      const counts = columns.map((col) => count(last === 0 ? c : [...c, col]));
      return { key: c.join('|'), what: c.map((v, i) => label(dims[i]!, v)).join(' · '), counts };
    })
    .filter((row) => row.counts.some((n) => n !== 0));
  if (rows.length === 0 || figure.total === 0) return <Paragraph>{t('mon.empty', { caption })}</Paragraph>;
  return (
    <DataTable<Row>
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        { header: t('mon.col.what'), cell: (row) => row.what },
        ...columns.map((col, i) => ({
          header: last === 0 ? t('mon.col.count') : label(dims[last]!, col),
          numeric: true,
          cell: (row: Row) => (row.counts[i] === null ? t('mon.hidden') : formatNumber(row.counts[i]!)),
        })),
      ]}
    />
  );
}

/** The address of the file with the view's filters. */
const exportQuery = (view: View, format: 'csv' | 'xlsx') =>
  queryOf({
    year: view.year,
    municipality: view.filter.municipality ?? '',
    wijk: view.filter.wijk ?? '',
    kind: view.filter.kind ?? '',
    requestType: view.filter.requestType ?? '',
    format,
  } as Filter);

/** The yearly report and the accountability dataset: the whole SWV in the year shown, no filter. */
function YearlyDownloads({ year }: { year: string }) {
  const { t } = useI18n();
  const at = (path: string, format?: string) =>
    `/api/monitor/${path}?${new URLSearchParams({ year, ...(format ? { format } : {}) })}`;
  return (
    <Paragraph>
      {t('mon.report', { year })}{' '}
      <a href={at('report')} download>
        {t('mon.report.pdf', { year })}
      </a>
      <br />
      {t('mon.dataset', { year })}{' '}
      <a href={at('dataset', 'xlsx')} download>
        {t('mon.dataset.xlsx')}
      </a>
      {' · '}
      <a href={at('dataset', 'csv')} download>
        {t('mon.dataset.csv')}
      </a>
    </Paragraph>
  );
}

function Figures({ view }: { view: View }) {
  const { t, formatDate, formatNumber } = useI18n();
  const year = view.year;
  const p = view.participation;
  const scope = [
    view.filter.municipality,
    view.filter.wijk,
    view.filter.kind && t(`home.kind.${view.filter.kind}` as MessageKey),
  ]
    .filter(Boolean)
    .join(', ');
  const schoolName = new Map(view.schools.map((s) => [s.id, s.name]));
  const trendPoints = (pick: (point: View['trend'][number]) => number | null) =>
    view.trend.map((point) => ({ label: point.year, value: pick(point) }));
  const wijkBars = (figure: FigureView) =>
    figure.byWijk.map((w) => ({ label: w.wijk === 'none' ? t('mon.none') : w.wijk, value: w.count }));
  const schoolBars = (figure: FigureView) =>
    figure.bySchool.map((s) => ({ label: schoolName.get(s.schoolId) ?? s.schoolId, value: s.count }));
  const money = (cents: number) =>
    new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
      cents / 100,
    );
  const lead = view.leadTime;
  type LeadRow = { key: string; what: string; value: View['leadTime']['ordinary'] };
  const shown = (n: number | null, format: (n: number) => string = formatNumber) =>
    n === null ? t('mon.hidden') : format(n);
  const openRisks =
    view.transitions.cells.find((c) => c.nodes[0] === 'with_risks' && c.nodes[1] === 'open')?.count ?? null;
  return (
    <>
      <Paragraph>{t('mon.filter.shown', { year, scope: scope || t('mon.scope.all') })}</Paragraph>
      <Paragraph>{t('mon.hiddenNote', { threshold: view.threshold })}</Paragraph>
      <Paragraph>
        {t('mon.export')}{' '}
        <a href={`/api/monitor/export${exportQuery(view, 'xlsx')}`} download>
          {t('mon.export.xlsx')}
        </a>
        {' · '}
        <a href={`/api/monitor/export${exportQuery(view, 'csv')}`} download>
          {t('mon.export.csv')}
        </a>
      </Paragraph>
      <YearlyDownloads year={year} />
      <Suspense fallback={<LoadingState />}>
        <MonitorCharts
          trends={[
            {
              title: t('mon.trend.participation'),
              points: trendPoints((x) => x.participation),
              reference: p.reference,
            },
            { title: t('mon.trend.requests'), points: trendPoints((x) => x.requests) },
            { title: t('mon.trend.tlvs'), points: trendPoints((x) => x.tlvs) },
            { title: t('mon.trend.thuiszitters'), points: trendPoints((x) => x.thuiszitters) },
            { title: t('mon.trend.medianLeadDays'), points: trendPoints((x) => x.medianLeadDays) },
            { title: t('mon.trend.objections'), points: trendPoints((x) => x.objections) },
            { title: t('mon.trend.waiting'), points: trendPoints((x) => x.waiting) },
            { title: t('mon.trend.returns'), points: trendPoints((x) => x.returns) },
            { title: t('mon.trend.openRisks'), points: trendPoints((x) => x.openRisks) },
          ]}
          bars={[
            { title: t('mon.trend.requests'), bars: wijkBars(view.requests), header: t('mon.col.wijk') },
            {
              title: t('mon.trend.thuiszitters'),
              bars: wijkBars(view.thuiszitters),
              header: t('mon.col.wijk'),
            },
            { title: t('mon.trend.tlvs'), bars: wijkBars(view.tlvs), header: t('mon.col.wijk') },
            {
              title: t('mon.wait.caption', { date: formatDate(view.waiting.countDate) }),
              bars: wijkBars(view.waiting.onCountDate),
              header: t('mon.col.wijk'),
            },
            ...(view.filter.wijk
              ? [
                  {
                    title: `${t('mon.trend.requests')} — ${t('mon.bars.schools')}`,
                    bars: schoolBars(view.requests),
                    header: t('mon.col.school'),
                  },
                ]
              : []),
          ]}
        />
      </Suspense>

      <Heading level={2}>{t('mon.part.title')}</Heading>
      <Paragraph>
        {p.share === null || p.special === null || p.pupils === null
          ? t('mon.part.hidden', { date: formatDate(p.countDate) })
          : t('mon.part.text', {
              date: formatDate(p.countDate),
              special: formatNumber(p.special),
              pupils: formatNumber(p.pupils),
              share: formatNumber(p.share),
              reference: formatNumber(p.reference),
            })}
      </Paragraph>
      <DataTable<{ kind: string; count: number | null }>
        caption={t('mon.part.caption', { date: formatDate(p.countDate) })}
        rows={p.perKind}
        rowKey={(k) => k.kind}
        columns={[
          { header: t('mon.col.what'), cell: (k) => t(`home.kind.${k.kind}` as MessageKey) },
          { header: t('mon.col.count'), numeric: true, cell: (k) => shown(k.count) },
        ]}
      />

      <Heading level={2}>{t('mon.req.title')}</Heading>
      <FigureTable caption={t('mon.req.caption', { year })} view={view} figure={view.requests} />
      <DataTable<LeadRow>
        caption={t('mon.lead.caption')}
        rows={[
          { key: 'ordinary', what: t('mon.lead.ordinary'), value: lead.ordinary },
          { key: 'crisis', what: t('mon.lead.crisis'), value: lead.crisis },
        ]}
        rowKey={(r) => r.key}
        columns={[
          { header: t('mon.col.what'), cell: (r) => r.what },
          { header: t('mon.lead.decided'), numeric: true, cell: (r) => shown(r.value.decided) },
          { header: t('mon.lead.median'), numeric: true, cell: (r) => shown(r.value.medianDays) },
          { header: t('mon.lead.p90'), numeric: true, cell: (r) => shown(r.value.p90Days) },
          {
            header: t('mon.lead.within'),
            numeric: true,
            cell: (r) => shown(r.value.withinDeadline, (n) => `${formatNumber(Math.round(n * 100))}%`),
          },
        ]}
      />
      <FigureTable caption={t('mon.inc.caption')} view={view} figure={view.incomplete} />
      <FigureTable caption={t('mon.tlv.caption', { year })} view={view} figure={view.tlvs} />
      <FigureTable caption={t('mon.arr.caption', { year })} view={view} figure={view.arrangements} />
      <Paragraph>
        {t('mon.arr.cost', {
          granted:
            view.arrangementCost.grantedCents === null
              ? t('mon.hidden')
              : money(view.arrangementCost.grantedCents),
          budget:
            view.arrangementCost.budgetCents === null
              ? t('mon.arr.noBudget')
              : money(view.arrangementCost.budgetCents),
        })}
      </Paragraph>

      <Heading level={2}>{t('mon.home.title')}</Heading>
      <FigureTable caption={t('mon.home.caption', { year })} view={view} figure={view.thuiszitters} />
      <Paragraph>
        {view.daysToOffer.medianDays === null
          ? t('mon.home.offerNone')
          : t('mon.home.offer', {
              days: formatNumber(view.daysToOffer.medianDays),
              count: shown(view.daysToOffer.count),
            })}
      </Paragraph>
      {view.national && (
        <Paragraph>
          {t('mon.home.national', {
            year,
            absolute: formatNumber(view.national.absolute),
            relativeLong: formatNumber(view.national.relativeLong),
            source: view.national.source,
          })}
        </Paragraph>
      )}
      <FigureTable caption={t('mon.home.endings', { year })} view={view} figure={view.absenceEndings} />

      <Heading level={2}>{t('mon.reg.title')}</Heading>
      <FigureTable
        caption={t('mon.reg.objections', { year })}
        view={view}
        figure={view.objections}
        rename={{ outcome: 'objection' }}
      />
      <FigureTable
        caption={t('mon.reg.disputes', { year })}
        view={view}
        figure={view.disputes}
        rename={{ outcome: 'dispute' }}
      />
      <FigureTable caption={t('mon.reg.complaints', { year })} view={view} figure={view.complaints} />
      <FigureTable
        caption={t('mon.reg.signals', { year })}
        view={view}
        figure={view.signals}
        rename={{ kind: 'signal' }}
      />

      <Heading level={2}>{t('mon.sat.title')}</Heading>
      <Paragraph>
        {view.satisfaction.overallMean === null || view.satisfaction.answers === null
          ? t('mon.sat.hidden')
          : t('mon.sat.text', {
              answers: formatNumber(view.satisfaction.answers),
              mean: formatNumber(view.satisfaction.overallMean),
            })}
      </Paragraph>
      <FigureTable
        caption={t('mon.sat.caption', { year })}
        view={view}
        figure={view.satisfactionByRespondent.answers}
      />
      <ul>
        {view.satisfactionByRespondent.means.map((m) => {
          const who = t(`mon.v.${m.respondent}` as MessageKey);
          return (
            <li key={m.respondent}>
              {m.overallMean === null
                ? t('mon.sat.meanHidden', { who })
                : t('mon.sat.mean', { who, mean: formatNumber(m.overallMean) })}
            </li>
          );
        })}
      </ul>
      <Paragraph>{t('mon.sat.pupilNote')}</Paragraph>

      <Heading level={2}>{t('mon.lvl.title')}</Heading>
      <FigureTable caption={t('mon.lvl.caption', { year })} view={view} figure={view.levels} />

      <Heading level={2}>{t('mon.opdc.title')}</Heading>
      {view.opdc.offered ? (
        <FigureTable caption={t('mon.opdc.caption', { year })} view={view} figure={view.opdc.placements} />
      ) : (
        <Paragraph>{t('mon.opdc.none')}</Paragraph>
      )}
      <FigureTable caption={t('mon.ret.caption', { year })} view={view} figure={view.returns} />

      <Heading level={2}>{t('mon.trans.title')}</Heading>
      <Paragraph>{t('mon.trans.open', { count: shown(openRisks) })}</Paragraph>
      <FigureTable caption={t('mon.trans.caption', { year })} view={view} figure={view.transitions} />

      <Heading level={2}>{t('mon.wait.title')}</Heading>
      <FigureTable
        caption={t('mon.wait.caption', { date: formatDate(view.waiting.countDate) })}
        view={view}
        figure={view.waiting.onCountDate}
      />
      <Paragraph>
        {view.waiting.placed.medianDays === null
          ? t('mon.wait.placedNone', { year, count: shown(view.waiting.placed.count) })
          : t('mon.wait.placed', {
              year,
              count: shown(view.waiting.placed.count),
              days: formatNumber(view.waiting.placed.medianDays),
            })}
      </Paragraph>
    </>
  );
}
