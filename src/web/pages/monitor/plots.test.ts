// The monitor's charts as Observable Plot draws them, in a DOM made by linkedom (no browser): a
// hidden value is a gap or a labelled bar, never a zero; the chart is drawn at the width it is
// given; and it is one named, described image without an inline style the CSP would refuse.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { asImage, barPlot, colours, type Point, trendPlot } from './plots.ts';

const { document } = parseHTML('<!doctype html><html lang="nl"><body></body></html>');
const formatNumber = (value: number) => new Intl.NumberFormat('nl-NL').format(value);

const years: Point[] = [
  { label: '2021-2022', value: 12 },
  { label: '2022-2023', value: null },
  { label: '2023-2024', value: 8 },
  { label: '2024-2025', value: 10.5 },
];

/** The texts of the elements inside the mark or axis Plot labels `label`. */
const textsOf = (svg: SVGSVGElement, label: string) =>
  [...svg.querySelectorAll(`g[aria-label="${label}"] text`)].map((text) => text.textContent);

/** WCAG's contrast ratio of a colour (#rrggbb) against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

describe('the trend line', () => {
  const svg = trendPlot(years, { reference: 3.5, width: 358, formatNumber, document });

  it('is drawn at the width it is given, as the box on a 390 px phone is', () => {
    expect(svg.getAttribute('width')).toBe('358');
    expect(svg.getAttribute('viewBox')).toBe('0 0 358 180');
  });

  it('names every school year under the line, a hidden one too, short enough for a phone', () => {
    expect(textsOf(svg, 'x-axis tick label')).toEqual(['21/22', '22/23', '23/24', '24/25']);
  });

  it('breaks the line at a hidden year and puts no dot there: a gap, not a zero', () => {
    const path = svg.querySelector('g[aria-label="line"] path')?.getAttribute('d') ?? '';
    // One piece for the first year alone, one from the third year to the fourth.
    expect(path.match(/M/g)).toHaveLength(2);
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(3);
    const ys = [...svg.querySelectorAll('g[aria-label="dot"] circle')].map((c) =>
      Number(c.getAttribute('cy')),
    );
    const zero = Number(svg.querySelector('g[aria-label="rule"] line')?.getAttribute('y1'));
    expect(ys.every((y) => y < zero)).toBe(true);
  });

  it('draws the national reference as a dashed line in its own colour, and numbers the axis the Dutch way', () => {
    const reference = [...svg.querySelectorAll('g[aria-label="rule"]')].find(
      (g) => g.getAttribute('stroke') === colours.reference,
    );
    expect(reference?.getAttribute('stroke-dasharray')).toBe('5 4');
    expect(textsOf(svg, 'y-axis tick label')[0]).toBe('0');
    const small = trendPlot(
      [
        { label: '2023-2024', value: 0.4 },
        { label: '2024-2025', value: 0.6 },
      ],
      { width: 320, formatNumber, document },
    );
    expect(textsOf(small, 'y-axis tick label')).toContain('0,2');
  });

  it('numbers the axis in whole children when the counts are few', () => {
    const few = trendPlot(
      [
        { label: '2023-2024', value: 0 },
        { label: '2024-2025', value: 2 },
      ],
      { width: 320, formatNumber, document },
    );
    expect(textsOf(few, 'y-axis tick label')).toEqual(['0', '1', '2', '3']);
    const none = trendPlot([{ label: '2024-2025', value: 0 }], { width: 320, formatNumber, document });
    expect(textsOf(none, 'y-axis tick label')).toEqual(['0', '1', '2']);
  });

  it('draws a year with only hidden values as an empty chart, not as zeros', () => {
    const empty = trendPlot(
      years.map((p) => ({ ...p, value: null })),
      { width: 320, formatNumber, document },
    );
    expect(empty.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(0);
    expect(empty.querySelector('g[aria-label="line"] path')?.getAttribute('d') ?? '').not.toMatch(/L/);
  });
});

describe('the bars', () => {
  const bars: Point[] = [
    { label: 'Noord', value: 7 },
    { label: 'Zuid', value: null },
    { label: 'Overvecht en de Vechtzoom samen', value: 12 },
  ];
  const svg = barPlot(bars, { width: 358, formatNumber, hidden: 'verborgen', document });

  it('draws a bar for each shown number, longest for the largest, with the number beside it', () => {
    const widths = [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) =>
      Number(r.getAttribute('width')),
    );
    expect(widths).toHaveLength(2);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
    expect(textsOf(svg, 'text')).toEqual(['7', '12', 'verborgen']);
  });

  it('marks a hidden number "verborgen", in italics, with no bar', () => {
    const hidden = [...svg.querySelectorAll('g[aria-label="text"]')].find((g) =>
      g.textContent?.includes('verborgen'),
    );
    expect(hidden?.getAttribute('font-style')).toBe('italic');
    expect(hidden?.getAttribute('fill')).toBe(colours.muted);
  });

  it('names every wijk, cutting a long name short (the table has it whole)', () => {
    const names = textsOf(svg, 'y-axis tick label');
    expect(names.slice(0, 2)).toEqual(['Noord', 'Zuid']);
    // Plot cuts the text and keeps the whole name as its <title>, shown on hover.
    const long = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')][2];
    expect(long?.firstChild?.textContent).toMatch(/^Overvecht en de.*…$/);
    expect(long?.querySelector('title')?.textContent).toBe('Overvecht en de Vechtzoom samen');
    expect(names[2]).toMatch(/^Overvecht/);
  });

  it('is as tall as its bars need', () => {
    expect(svg.getAttribute('height')).toBe(String(3 * 28 + 8));
  });
});

describe('a chart as an image', () => {
  it('is one image named by the caption and described by the summary, with a title, no inline style and no labels on its parts', () => {
    const svg = asImage(trendPlot(years, { width: 320, formatNumber, document }), {
      title: 'Thuiszitters',
      labelledBy: 'c-title',
      describedBy: 'c-summary',
    });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('c-title');
    expect(svg.getAttribute('aria-describedby')).toBe('c-summary');
    expect(svg.firstElementChild?.tagName.toLowerCase()).toBe('title');
    expect(svg.firstElementChild?.textContent).toBe('Thuiszitters');
    expect(svg.querySelector('style')).toBeNull();
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
    expect(svg.getAttribute('tabindex')).toBeNull();
  });

  it('uses colours that stand out on white (text 4.5:1, lines 3:1)', () => {
    for (const colour of Object.values(colours)) expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });
});
