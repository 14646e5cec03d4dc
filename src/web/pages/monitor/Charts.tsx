// The monitor's pictures, drawn as plain SVG (docs/decisions/0031): a trend line over the school
// years and bars per wijk or school. Each is a <figure> whose SVG is one image named by its caption
// and described by a written summary, with the same numbers as a table under "Als tabel"; a hidden
// (suppressed) number is a gap in the line and a labelled empty bar, never a zero. Loaded lazily
// by the monitor page, so the charts stay out of the first load.
import { Heading } from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';

export type Point = { label: string; value: number | null };

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

const width = 320;
const height = 160;
const pad = { left: 36, right: 12, top: 12, bottom: 28 };

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
  const max = Math.max(1, reference ?? 0, ...shown.map((p) => p.value!)) * 1.15;
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, points.length - 1);
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  // Break the line where a value is hidden.
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const first = shown[0];
  const last = shown.at(-1);
  const summary =
    first && last
      ? t('mon.trend.summary', {
          what: title,
          first: formatNumber(first.value!),
          firstYear: first.label,
          last: formatNumber(last.value!),
          lastYear: last.label,
        }) +
        (reference === undefined ? '' : ` (${t('mon.trend.reference', { value: formatNumber(reference) })})`)
      : t('mon.trend.summaryEmpty', { what: title });
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={<PointsTable caption={title} points={points} header={t('mon.col.year')} />}
    >
      {(ids) => (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="passend-monitor-chart__svg"
          role="img"
          aria-labelledby={ids.title}
          aria-describedby={ids.summary}
        >
          <title>{title}</title>
          <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} className="passend-monitor-axis" />
          <text x={pad.left - 4} y={y(0) + 4} textAnchor="end" className="passend-monitor-label">
            0
          </text>
          <text x={pad.left - 4} y={y(max / 1.15) + 4} textAnchor="end" className="passend-monitor-label">
            {formatNumber(Math.round((max / 1.15) * 10) / 10)}
          </text>
          {reference !== undefined && (
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(reference)}
              y2={y(reference)}
              className="passend-monitor-reference"
            />
          )}
          {segments.map((d) => (
            <path key={d} d={d} className="passend-monitor-line" />
          ))}
          {points.map((p, i) =>
            p.value === null ? null : (
              <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3.5} className="passend-monitor-dot" />
            ),
          )}
          {points.map((p, i) => (
            <text key={p.label} x={x(i)} y={height - 8} textAnchor="middle" className="passend-monitor-label">
              {`${p.label.slice(2, 4)}/${p.label.slice(7, 9)}`}
            </text>
          ))}
        </svg>
      )}
    </ChartFigure>
  );
}

/** Horizontal bars, one per wijk or school; a hidden count is an empty bar marked "verborgen". */
export function BarChart({ title, bars, header }: { title: string; bars: Point[]; header: string }) {
  const { t, formatNumber } = useI18n();
  const rowHeight = 26;
  const labelWidth = 130;
  const chartHeight = bars.length * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const barWidth = (v: number) => ((width - labelWidth - 44) * v) / max;
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
        <svg
          viewBox={`0 0 ${width} ${chartHeight}`}
          className="passend-monitor-chart__svg"
          role="img"
          aria-labelledby={ids.title}
          aria-describedby={ids.summary}
        >
          <title>{title}</title>
          {bars.map((b, i) => {
            const top = 4 + i * rowHeight;
            const name = b.label.length > 20 ? `${b.label.slice(0, 19)}…` : b.label;
            return (
              <g key={b.label}>
                <text x={labelWidth - 6} y={top + 16} textAnchor="end" className="passend-monitor-label">
                  {name}
                </text>
                {b.value === null ? (
                  <text
                    x={labelWidth + 2}
                    y={top + 16}
                    className="passend-monitor-label passend-monitor-label--hidden"
                  >
                    {t('mon.hidden')}
                  </text>
                ) : (
                  <>
                    <rect
                      x={labelWidth}
                      y={top + 4}
                      width={barWidth(b.value)}
                      height={16}
                      className="passend-monitor-bar"
                    />
                    <text
                      x={labelWidth + barWidth(b.value) + 4}
                      y={top + 16}
                      className="passend-monitor-label"
                    >
                      {formatNumber(b.value)}
                    </text>
                  </>
                )}
              </g>
            );
          })}
        </svg>
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
