// The monitor's pictures (docs/decisions/0036): a trend line over the school years and bars per
// wijk or school, drawn by Observable Plot (plots.ts). Each is a <figure> whose SVG is one image
// named by its caption and described by a written summary, with the same numbers as a table under
// "Als tabel"; a hidden (suppressed) number is a gap in the line and a labelled empty bar, never a
// zero. Loaded lazily by the monitor page, so Plot stays out of the first load.
import { Heading } from '@utrecht/component-library-react';
import { type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { asImage, barPlot, type Point, trendPlot } from './plots.ts';

export type { Point };

function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: ReactNode;
  children: (ids: { title: string; summary: string }) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const ids = { title: `${id}-title`, summary: `${id}-summary` };
  return (
    <figure className="passend-monitor-chart">
      <figcaption id={ids.title} className="passend-monitor-chart__title">
        {title}
      </figcaption>
      {children(ids)}
      <p id={ids.summary} className="passend-monitor-chart__summary">
        {summary}
      </p>
      <details>
        <summary>{t('mon.table')}</summary>
        {table}
      </details>
    </figure>
  );
}

function PointsTable({ caption, points, header }: { caption: string; points: Point[]; header: string }) {
  const { t, formatNumber } = useI18n();
  return (
    <DataTable<Point>
      caption={caption}
      rows={points}
      rowKey={(p) => p.label}
      columns={[
        { header, cell: (p) => p.label },
        {
          header: t('mon.col.value'),
          numeric: true,
          cell: (p) => (p.value === null ? t('mon.hidden') : formatNumber(p.value)),
        },
      ]}
    />
  );
}

/**
 * A chart drawn at its box's width (and again when that changes), so its text keeps its size from
 * a phone to a wide screen. The SVG is Plot's, put in place after React renders the box; it is not
 * focusable (an image, not a widget), so Tab passes by.
 */
function PlotImage({
  title,
  ids,
  draw,
}: {
  title: string;
  ids: { title: string; summary: string };
  draw: (width: number) => SVGSVGElement;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || width <= 0) return;
    const svg = asImage(draw(width), { title, labelledBy: ids.title, describedBy: ids.summary });
    element.replaceChildren(svg);
  });
  return <div ref={box} className="passend-monitor-chart__plot" />;
}

/** A line over the school years; `reference` draws a dashed line (the national reference). */
export function TrendChart({
  title,
  points,
  reference,
}: {
  title: string;
  points: Point[];
  reference?: number;
}) {
  const { t, formatNumber } = useI18n();
  const shown = points.filter((p) => p.value !== null);
  const first = shown[0];
  const last = shown.at(-1);
  // One year with a figure has no "from … to …".
  const change =
    !first || !last
      ? null
      : first === last
        ? t('mon.trend.summaryOne', { what: title, value: formatNumber(first.value!), year: first.label })
        : t('mon.trend.summary', {
            what: title,
            first: formatNumber(first.value!),
            firstYear: first.label,
            last: formatNumber(last.value!),
            lastYear: last.label,
          });
  const summary =
    change === null
      ? t('mon.trend.summaryEmpty', { what: title })
      : change +
        (reference === undefined ? '' : ` ${t('mon.trend.reference', { value: formatNumber(reference) })}`);
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={<PointsTable caption={title} points={points} header={t('mon.col.year')} />}
    >
      {(ids) => (
        <PlotImage
          title={title}
          ids={ids}
          draw={(width) => trendPlot(points, { reference, width, formatNumber })}
        />
      )}
    </ChartFigure>
  );
}

/** Horizontal bars, one per wijk or school; a hidden count is an empty bar marked "verborgen". */
export function BarChart({ title, bars, header }: { title: string; bars: Point[]; header: string }) {
  const { t, formatNumber } = useI18n();
  const shown = bars.filter((b) => b.value !== null);
  const top = [...shown].sort((a, b) => b.value! - a.value!)[0];
  const hidden = bars.length - shown.length;
  const summary =
    top && top.value! > 0
      ? t('mon.bars.summary', { what: title, top: top.label, count: formatNumber(top.value!), hidden })
      : t('mon.bars.summaryNone', { what: title });
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={<PointsTable caption={title} points={bars} header={header} />}
    >
      {(ids) => (
        <PlotImage
          title={title}
          ids={ids}
          draw={(width) => barPlot(bars, { width, formatNumber, hidden: t('mon.hidden') })}
        />
      )}
    </ChartFigure>
  );
}

/** The charts of the page, as one lazily loaded piece. */
export default function MonitorCharts({
  trends,
  bars,
}: {
  trends: { title: string; points: Point[]; reference?: number }[];
  bars: { title: string; bars: Point[]; header: string }[];
}) {
  const { t } = useI18n();
  return (
    <>
      <Heading level={2}>{t('mon.trend.title')}</Heading>
      <div className="passend-monitor-multiples">
        {trends.map((trend) => (
          <TrendChart key={trend.title} {...trend} />
        ))}
      </div>
      <Heading level={2}>{t('mon.bars.title')}</Heading>
      <div className="passend-monitor-multiples">
        {bars.map((bar) => (
          <BarChart key={bar.title} {...bar} />
        ))}
      </div>
    </>
  );
}
