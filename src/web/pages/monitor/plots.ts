// The monitor's two kinds of picture, drawn by Observable Plot (docs/decisions/0036): a line over
// the school years with the national reference dashed, and horizontal bars per wijk or school.
// Plain functions from numbers to an SVG element, so they run in the browser and, with a DOM
// implementation passed as `document`, in tests. A hidden (suppressed) value is a gap in the line
// and a bar marked "verborgen", never a zero.
import * as Plot from '@observablehq/plot';

export type Point = { label: string; value: number | null };

type Drawing = {
  /** The width to draw at, in CSS pixels: the chart's box, so text keeps its size on a phone. */
  width: number;
  formatNumber: (value: number) => string;
  /** Where to create the elements; the page's document unless given. */
  document?: Document;
};

/** Dark enough on white for text and for lines beside text (WCAG 1.4.3 and 1.4.11). */
export const colours = { value: '#0b4f8a', reference: '#a13c00', muted: '#555555' } as const;

/** The class the monitor's CSS styles every chart by (monitor.css), in place of Plot's own styles. */
const className = 'passend-monitor-chart__svg';

/** "2023-2024" as "23/24": six years fit under a phone-wide line. */
const shortYear = (label: string) =>
  /^\d{4}-\d{4}$/.test(label) ? `${label.slice(2, 4)}/${label.slice(7, 9)}` : label;

/** A line over the school years; `reference` adds a dashed line (the national reference). */
export function trendPlot(
  points: Point[],
  { reference, width, formatNumber, document }: Drawing & { reference?: number },
): SVGSVGElement {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const top = Math.max(1, reference ?? 0, ...values) * 1.15;
  // Counts of a few children get whole-number ticks (no "0,2 thuiszitters"); else Plot's own.
  const wholeTicks =
    values.every(Number.isInteger) && (reference === undefined || Number.isInteger(reference)) && top < 5
      ? Array.from({ length: Math.ceil(top) + 1 }, (_, i) => i)
      : undefined;
  return Plot.plot({
    document,
    className,
    width,
    height: 180,
    marginTop: 12,
    marginLeft: 52,
    marginRight: 16,
    marginBottom: 28,
    x: {
      type: 'point',
      domain: points.map((p) => p.label),
      label: null,
      tickFormat: shortYear,
      padding: 0.3,
    },
    y: {
      domain: [0, wholeTicks ? wholeTicks.length - 1 : top],
      nice: !wholeTicks,
      grid: true,
      ticks: wholeTicks ?? 4,
      label: null,
      tickFormat: formatNumber,
    },
    marks: [
      Plot.ruleY([0]),
      reference === undefined
        ? null
        : Plot.ruleY([reference], {
            stroke: colours.reference,
            strokeWidth: 1.5,
            strokeDasharray: '5 4',
          }),
      // Plot breaks a line at a missing value: a hidden year is a gap.
      Plot.lineY(points, { x: 'label', y: 'value', stroke: colours.value, strokeWidth: 2.5 }),
      Plot.dot(points, { x: 'label', y: 'value', fill: colours.value, r: 3.5 }),
    ],
  }) as SVGSVGElement;
}

/** Horizontal bars, one per wijk or school, each with its number; a hidden one says so. */
export function barPlot(
  bars: Point[],
  { width, formatNumber, hidden, document }: Drawing & { hidden: string },
): SVGSVGElement {
  const top = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const shown = bars.filter((b) => b.value !== null);
  const suppressed = bars.filter((b) => b.value === null);
  // Names take up to 40% of the width; a longer one is cut with an ellipsis (the table has it whole).
  const labelWidth = Math.min(140, Math.round(width * 0.4));
  return Plot.plot({
    document,
    className,
    width,
    height: bars.length * 28 + 8,
    marginTop: 4,
    marginBottom: 4,
    marginLeft: labelWidth,
    marginRight: 48,
    x: { domain: [0, top], axis: null },
    y: { domain: bars.map((b) => b.label), label: null, padding: 0.3 },
    marks: [
      // Names in ems of the 13 px text (monitor.css), with room before the bar.
      Plot.axisY({ tickSize: 0, lineWidth: (labelWidth - 10) / 13, textOverflow: 'ellipsis', label: null }),
      Plot.barX(shown, { x: 'value', y: 'label', fill: colours.value }),
      Plot.text(shown, {
        x: 'value',
        y: 'label',
        text: (b: Point) => formatNumber(b.value!),
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.text(suppressed, {
        x: 0,
        y: 'label',
        text: () => hidden,
        textAnchor: 'start',
        dx: 4,
        fill: colours.muted,
        fontStyle: 'italic',
      }),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement;
}

/**
 * Makes a drawn chart one image for assistive technology: `role="img"`, named by the figure's
 * caption and described by its written summary, with a <title> for a mouse hover. Plot's inline
 * <style> goes: the CSP allows only the app's style files (monitor.css carries those rules).
 * Call it before the SVG is in the page, so the browser never sees that <style>.
 */
export function asImage(
  svg: SVGSVGElement,
  { title, labelledBy, describedBy }: { title: string; labelledBy: string; describedBy: string },
): SVGSVGElement {
  for (const style of svg.querySelectorAll('style')) style.remove();
  // Plot names each mark's group ("line", "dot", "y-axis tick"): inside one image these say
  // nothing to a listener, and ARIA allows no aria-label on an element without a role (axe).
  for (const part of svg.querySelectorAll('[aria-label]')) part.removeAttribute('aria-label');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', labelledBy);
  svg.setAttribute('aria-describedby', describedBy);
  const titleElement = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'title');
  titleElement.textContent = title;
  svg.prepend(titleElement);
  return svg;
}
