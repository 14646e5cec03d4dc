// The frames of the admin pages: a list page (title, intro, the button to add one, the list once
// its data is there), a table with a filter on any text it shows, and a record page (the way back,
// then the record's form, or "not found"). The frames show the loading and error states of the
// data they wait for, so no page repeats them.

import type { UseQueryResult } from '@tanstack/react-query';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { type ComponentProps, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { listHrefs, type RecordKind } from './data.ts';
import './admin.css';

/** Shows `children` once every query has its data; until then loading, or the error with a retry. */
export function Loaded({
  queries,
  children,
}: {
  queries: readonly UseQueryResult[];
  children: () => ReactNode;
}) {
  if (queries.some((query) => query.isPending)) return <LoadingState />;
  if (queries.some((query) => query.isError)) {
    return (
      <ErrorState
        onRetry={() => {
          for (const query of queries) if (query.isError) void query.refetch();
        }}
      />
    );
  }
  return <>{children()}</>;
}

/** The way back to the list a page belongs to. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Paragraph>
      <Link href={href} className="utrecht-link">
        {label}
      </Link>
    </Paragraph>
  );
}

export function ListPage({
  title,
  intro,
  add,
  more,
  queries,
  children,
}: {
  title: string;
  intro: string;
  /** The page that adds one more. */
  add: { href: string; label: string };
  /** Another way to add them, e.g. from a register. */
  more?: { href: string; label: string };
  queries: readonly UseQueryResult[];
  children: () => ReactNode;
}) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{intro}</Paragraph>
      <div className="passend-admin-toolbar">
        <Link
          href={add.href}
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        >
          {add.label}
        </Link>
        {more && (
          <Link
            href={more.href}
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
          >
            {more.label}
          </Link>
        )}
      </div>
      <Loaded queries={queries}>{children}</Loaded>
    </>
  );
}

/**
 * A page for one record of a list (`/admin/schools/:id`) or a new one (`/admin/schools/new`, no id):
 * `children` gets the record, or null for a new one. Texts: `admin.<kind>s.back`,
 * `admin.<kind>.notFoundTitle` and `admin.<kind>.notFound`.
 */
export function RecordPage<Item extends { id: string }>({
  kind,
  id,
  list,
  queries = [],
  children,
}: {
  kind: RecordKind;
  id: string | undefined;
  list: UseQueryResult<Item[]>;
  /** What else the form needs before it can show. */
  queries?: readonly UseQueryResult[];
  children: (item: Item | null) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <BackLink href={listHrefs[kind]} label={t(`admin.${kind}s.back`)} />
      <Loaded queries={[list, ...queries]}>
        {() => {
          if (!id) return children(null);
          const item = list.data?.find((candidate) => candidate.id === id);
          return item ? (
            children(item)
          ) : (
            <>
              <Heading level={1}>{t(`admin.${kind}.notFoundTitle`)}</Heading>
              <EmptyState>{t(`admin.${kind}.notFound`)}</EmptyState>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

/**
 * A table with a search box above it: a row stays when any of its texts contains what was typed.
 * The count is announced as the user types; Enter takes focus from the box to it, next to the rows.
 */
export function FilteredTable<Row>({
  filter,
  textsOf,
  rows,
  ...table
}: {
  filter: { label: string; hint: string };
  textsOf: (row: Row) => readonly string[];
} & ComponentProps<typeof DataTable<Row>>) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const count = useRef<HTMLParagraphElement>(null);
  const toResults = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    count.current?.focus();
  };
  const needle = typed.trim().toLocaleLowerCase();
  const shown = needle
    ? rows.filter((row) => textsOf(row).some((text) => text.toLocaleLowerCase().includes(needle)))
    : rows;
  return (
    <>
      <search className="passend-admin-filter">
        <TextField
          path="filter"
          type="search"
          label={filter.label}
          description={filter.hint}
          value={typed}
          onChange={setTyped}
          onKeyDown={toResults}
        />
      </search>
      <Paragraph role="status" aria-live="polite" ref={count} tabIndex={-1} className="passend-result-count">
        {t('admin.shown', { shown: shown.length, total: rows.length })}
      </Paragraph>
      {shown.length === 0 ? (
        <EmptyState>{t('admin.noMatch')}</EmptyState>
      ) : (
        <DataTable rows={shown} {...table} />
      )}
    </>
  );
}
