// The one table, rendered to HTML as the server would (no browser): what screen readers and the
// phone's cards rely on. Plain createElement, as the test files are TypeScript without JSX.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable, type TableSort } from './DataTable.tsx';

type Child = { id: string; name: string; level: number };
const rows: Child[] = [
  { id: 'a', name: 'Sanne', level: 2 },
  { id: 'b', name: 'Yusuf', level: 4 },
];
const columns: Column<Child>[] = [
  { header: 'Naam', cell: (row) => row.name, sortKey: 'name' },
  { header: 'Niveau', cell: (row) => row.level, numeric: true, sortKey: 'level' },
  { header: h('abbr', { title: 'Opmerking' }, 'Opm.'), cell: () => '—' },
];

const render = (sort?: TableSort) =>
  renderToStaticMarkup(
    h(DataTable<Child>, { caption: 'Kinderen van groep 5', columns, rows, rowKey: (row) => row.id, sort }),
  );

/** The cells of one tag in the HTML, each with its attributes and what it holds. */
const cellsOf = (html: string, tag: 'th' | 'td') =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>(.*?)</${tag}>`, 'g'))].map((match) => ({
    attributes: match[1] ?? '',
    text: match[2] ?? '',
  }));

describe('DataTable', () => {
  it('names itself by its caption and heads each row with its first cell', () => {
    const html = render();
    expect(html).toMatch(/<caption id="[^"]+"[^>]*>Kinderen van groep 5<\/caption>/);
    const headers = cellsOf(html, 'th');
    expect(headers.filter((cell) => cell.attributes.includes('scope="col"'))).toHaveLength(3);
    const rowHeaders = headers.filter((cell) => cell.attributes.includes('scope="row"'));
    expect(rowHeaders.map((cell) => cell.text)).toEqual(['Sanne', 'Yusuf']);
  });

  it('keeps table roles, so a table shown as cards stays a table for screen readers', () => {
    const html = render();
    for (const role of ['table', 'rowgroup', 'row', 'columnheader', 'rowheader', 'cell']) {
      expect(html).toContain(`role="${role}"`);
    }
  });

  it('puts each value under its column’s name for the cards, when the name is text', () => {
    const cells = cellsOf(render(), 'td');
    expect(cells.map((cell) => /data-label="([^"]*)"/.exec(cell.attributes)?.[1] ?? null)).toEqual([
      'Niveau',
      null,
      'Niveau',
      null,
    ]);
    expect(cells[0]?.text).toBe('<div class="passend-table__value">2</div>');
  });

  it('aligns numeric columns, header and cells alike', () => {
    const html = render();
    expect(html.match(/passend-number/g)).toHaveLength(3);
  });

  it('is no focus stop before it is known to overflow', () => {
    const html = render();
    expect(html).not.toContain('tabindex');
    expect(html).not.toContain('role="region"');
  });

  it('without a sort, shows plain headers', () => {
    const html = render();
    expect(html).not.toContain('<button');
    expect(html).not.toContain('aria-sort');
  });

  it('with a sort, makes sortable headers buttons and says the order on the header cell', () => {
    const html = render({ key: 'level', order: 'desc', onSort: () => {} });
    const headers = cellsOf(html, 'th').filter((cell) => cell.attributes.includes('scope="col"'));
    const sortOf = (index: number) => /aria-sort="([^"]+)"/.exec(headers[index]?.attributes ?? '')?.[1];
    expect([sortOf(0), sortOf(1), sortOf(2)]).toEqual(['none', 'descending', undefined]);
    expect(headers[0]?.text).toContain('<button type="button" class="passend-sort-button">Naam');
    expect(headers[1]?.text).toContain('▼');
    // The arrow is for the eye only.
    expect(headers[1]?.text).toContain('aria-hidden="true"');
    expect(headers[2]?.text).not.toContain('<button');
  });
});
