// The form fields and the error summary, rendered to HTML as the server would (no browser): labels,
// descriptions and errors tied to their input, as screen readers need them. Plain createElement, as
// the test files are TypeScript without JSX.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/index.tsx';
import { nl } from '../i18n/nl.ts';
import { CheckboxField, ErrorSummary, fieldId, SelectField, TextAreaField, TextField } from './forms.tsx';

/** Renders in Dutch, the app's first language, as the app wraps its pages. */
function render(element: ReactElement): string {
  return renderToStaticMarkup(
    h(QueryClientProvider, { client: new QueryClient() }, h(I18nProvider, null, element)),
  );
}

const attributesOf = (html: string, id: string) =>
  new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
const noop = () => {};

beforeAll(() => {
  // The language choice is kept in the browser's storage; here there is none yet.
  const store = new Map<string, string>();
  globalThis.localStorage ??= {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
  } as Storage;
});

describe('form fields', () => {
  it('give each input its label by the field’s path', () => {
    const html = render(
      h(TextField, { path: 'memberships.0.email', label: 'E-mail', value: 'a@b.nl', onChange: noop }),
    );
    const id = fieldId('memberships.0.email');
    expect(id).toBe('field-memberships-0-email');
    expect(html).toContain(`<label for="${id}"`);
    const input = attributesOf(html, id);
    expect(input).toContain('value="a@b.nl"');
    expect(input).not.toContain('aria-describedby');
    expect(input).not.toContain('aria-invalid');
  });

  it('tie the description and the error message to the input, the error in the user’s words', () => {
    const html = render(
      h(TextField, {
        path: 'email',
        label: 'E-mail',
        description: 'Het adres van de school',
        value: '',
        onChange: noop,
        error: 'admin.error.email',
      }),
    );
    const input = attributesOf(html, 'field-email');
    expect(input).toContain('aria-describedby="field-email-description field-email-error"');
    expect(input).toContain('aria-invalid="true"');
    expect(attributesOf(html, 'field-email-error')).not.toBe('');
    expect(html).toContain(nl['admin.error.email']);
    expect(html).toContain('Het adres van de school');
  });

  it('a text area does the same', () => {
    const html = render(
      h(TextAreaField, {
        path: 'reason',
        label: 'Reden',
        value: 'x',
        onChange: noop,
        error: 'admin.error.role',
      }),
    );
    const area = attributesOf(html, 'field-reason');
    expect(area).toMatch(/^<textarea /);
    expect(area).toContain('rows="4"');
    expect(area).toContain('aria-describedby="field-reason-error"');
    expect(html).toContain(nl['admin.error.role']);
  });

  it('a select starts with its placeholder as an empty choice and shows the chosen one', () => {
    const html = render(
      h(SelectField, {
        path: 'role',
        label: 'Rol',
        value: 'teacher',
        onChange: noop,
        placeholder: 'Kies een rol',
        options: [
          { value: 'school_ib', label: 'IB’er' },
          { value: 'teacher', label: 'Leerkracht' },
        ],
      }),
    );
    const options = [...html.matchAll(/<option ([^>]*)>([^<]*)<\/option>/g)].map(([, attributes, text]) => ({
      value: /value="([^"]*)"/.exec(attributes ?? '')?.[1],
      selected: attributes?.includes('selected') ?? false,
      text,
    }));
    expect(options).toEqual([
      { value: '', selected: false, text: 'Kies een rol' },
      { value: 'school_ib', selected: false, text: 'IB’er' },
      { value: 'teacher', selected: true, text: 'Leerkracht' },
    ]);
  });

  it('a checkbox comes before its label and carries its description', () => {
    const html = render(
      h(CheckboxField, {
        path: 'opp',
        label: 'Met OPP',
        description: 'Ontwikkelingsperspectief',
        value: true,
        onChange: noop,
      }),
    );
    const box = attributesOf(html, 'field-opp');
    expect(box).toContain('type="checkbox"');
    expect(box).toContain('checked');
    expect(box).toContain('aria-describedby="field-opp-description"');
    expect(html.indexOf('id="field-opp"')).toBeLessThan(html.indexOf('<label for="field-opp"'));
  });
});

describe('the error summary', () => {
  it('shows nothing without errors', () => {
    expect(render(h(ErrorSummary, { errors: null }))).toBe('');
    expect(render(h(ErrorSummary, { errors: {} }))).toBe('');
  });

  it('is an alert that links an error to its field', () => {
    const html = render(h(ErrorSummary, { errors: { email: 'admin.error.email' } }));
    expect(html).toContain('role="alert"');
    expect(html).toContain(nl['admin.errorSummary']);
    expect(html).toContain(`<a class="utrecht-link" href="#field-email">${nl['admin.error.email']}</a>`);
  });

  it('names an error of the form as a whole without a link', () => {
    const html = render(h(ErrorSummary, { errors: { '': 'admin.error.role' } }));
    expect(html).toMatch(new RegExp(`<li[^>]*>${nl['admin.error.role']}</li>`));
    expect(html).not.toContain('<a ');
  });
});
