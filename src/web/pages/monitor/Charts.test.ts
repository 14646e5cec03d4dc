// The monitor's chart figures rendered to HTML as the server would (no browser, so no drawing): what
// every reader gets whatever the picture: a caption, a written summary and the numbers as a table,
// a hidden one as "verborgen". The drawing itself is tested in plots.test.ts and in the browser
// (test/e2e/monitor.test.ts). Plain createElement, as the test files are TypeScript without JSX.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/index.tsx';
import MonitorCharts, { BarChart, TrendChart } from './Charts.tsx';

function render(element: ReactElement): string {
  return renderToStaticMarkup(
    h(QueryClientProvider, { client: new QueryClient() }, h(I18nProvider, null, element)),
  );
}

// The language choice is kept in the browser's storage; here there is none yet. Set before the
// describe blocks below render.
const store = new Map<string, string>();
globalThis.localStorage ??= {
  getItem: (key: string) => store.get(key) ?? null,
  setItem: (key: string, value: string) => void store.set(key, value),
} as Storage;

const points = [
  { label: '2022-2023', value: 2.9 },
  { label: '2023-2024', value: null },
  { label: '2024-2025', value: 3.1 },
];

describe('the trend chart', () => {
  const html = render(h(TrendChart, { title: 'Deelname SBO, SO en VSO (%)', points, reference: 3.5 }));

  it('is a figure with its caption, a summary of first and last year, and a box for the drawing', () => {
    expect(html).toMatch(/^<figure class="passend-monitor-chart">/);
    expect(html).toMatch(/<figcaption id="[^"]+-title"[^>]*>Deelname SBO, SO en VSO \(%\)<\/figcaption>/);
    expect(html).toContain(
      'Deelname SBO, SO en VSO (%): van 2,9 in 2022-2023 naar 3,1 in 2024-2025. De referentie is 3,5%.',
    );
    expect(html).toContain('<div class="passend-monitor-chart__plot"></div>');
  });

  it('has the same numbers as a table under "Als tabel", a hidden year as "verborgen"', () => {
    expect(html).toContain('<summary>Als tabel</summary>');
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>2023-2024<\/th><td[^>]*>.*verborgen/);
  });

  it('says so when every year is hidden', () => {
    const empty = render(
      h(TrendChart, { title: 'Bezwaren', points: points.map((p) => ({ ...p, value: null })) }),
    );
    expect(empty).toContain('Bezwaren: nog geen cijfers te tonen.');
  });

  it('names the one year when only one has a figure, not a change from it to itself', () => {
    const one = render(
      h(TrendChart, {
        title: 'Thuiszitters',
        points: points.map((p) => ({ ...p, value: p.label === '2024-2025' ? 8 : null })),
      }),
    );
    expect(one).toContain('Thuiszitters: 8 in 2024-2025, het enige jaar met een cijfer.');
    expect(one).not.toContain(' naar ');
  });
});

describe('the bar chart', () => {
  it('summarises the largest and how many are hidden', () => {
    const html = render(
      h(BarChart, {
        title: 'Thuiszitters',
        header: 'Wijk',
        bars: [
          { label: 'Noord', value: 7 },
          { label: 'Zuid', value: null },
          { label: 'West', value: 12 },
        ],
      }),
    );
    expect(html).toContain('Thuiszitters: het meest in West (12); 1 verborgen.');
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>Zuid<\/th><td[^>]*>.*verborgen/);
  });
});

describe('the charts of the page', () => {
  it('are small multiples under two headings', () => {
    const html = render(
      h(MonitorCharts, {
        trends: [
          { title: 'Thuiszitters', points },
          { title: 'Bezwaren', points },
        ],
        bars: [{ title: 'Thuiszitters', header: 'Wijk', bars: [{ label: 'Noord', value: 7 }] }],
      }),
    );
    expect(html).toMatch(/<h2[^>]*>Over de jaren<\/h2><div class="passend-monitor-multiples">/);
    expect(html).toMatch(/<h2[^>]*>Per wijk<\/h2><div class="passend-monitor-multiples">/);
    expect(html.match(/<figure /g)).toHaveLength(3);
  });
});
