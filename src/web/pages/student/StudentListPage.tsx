// A school's children (/schools/:schoolId/students): search by name, filter by group and support
// level, a page at a time from the server (a school of 1,000 pupils never loads whole). The search
// lives in the URL, so back, reload and a shared link show the same page. The IB'er adds a child.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { StudentList } from '../../../contracts/students.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { isEvaluationDue, supportLevels } from '../../../domain/childFile.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { supportLevelKey, useI18n } from '../../i18n/index.tsx';
import { fullName } from '../home/data.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { studentKeys } from './data.ts';
import { SupportLevelBadge } from './level.tsx';
import { Refusal } from './Refusal.tsx';
import './student.css';

const pageSize = 25;

type Search = { q: string; group: string; level: string; plan: string; page: number };

function searchOf(query: string): Search {
  const params = new URLSearchParams(query);
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    group: params.get('group') ?? '',
    level: params.get('level') ?? '',
    plan: params.get('plan') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

const isFiltered = (search: Search) => Boolean(search.q || search.group || search.level || search.plan);

/** The URL of a search: only what is set, so a plain list has a plain URL. */
function hrefOf(pathname: string, search: Search): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.group) params.set('group', search.group);
  if (search.level) params.set('level', search.level);
  if (search.plan) params.set('plan', search.plan);
  if (search.page > 1) params.set('page', String(search.page));
  return params.size > 0 ? `${pathname}?${params}` : pathname;
}

function useStudentList(schoolId: string, search: Search) {
  return useQuery({
    queryKey: [...studentKeys.list(schoolId), search],
    queryFn: () => {
      const params = new URLSearchParams({
        limit: String(pageSize),
        offset: String((search.page - 1) * pageSize),
      });
      if (search.q.trim()) params.set('q', search.q.trim());
      if (search.group.trim()) params.set('group', search.group.trim());
      if (search.level) params.set('supportLevel', search.level);
      if (search.plan === 'yes' || search.plan === 'no')
        params.set('hasActivePlan', String(search.plan === 'yes'));
      return api<typeof StudentList>(
        'GET',
        `/api/schools/${encodeURIComponent(schoolId)}/students?${params}`,
      );
    },
    // The page being read stays while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export default function StudentListPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const schoolId = params.schoolId ?? '';
  const { pathname, search: query } = useLocation();
  const search = searchOf(query);
  const list = useStudentList(schoolId, search);
  // After a search or a page change, focus goes to the result count once the results are there,
  // so the next Tab reaches the first child instead of going through the form again.
  const [resultsAsked, setResultsAsked] = useState(0);
  const resultsShown = useRef(0);
  const count = useRef<HTMLParagraphElement>(null);
  const askResults = () => setResultsAsked((asked) => asked + 1);
  useEffect(() => {
    if (resultsAsked === resultsShown.current || !list.data || list.isPlaceholderData) return;
    resultsShown.current = resultsAsked;
    count.current?.focus();
  }, [resultsAsked, list.data, list.isPlaceholderData]);
  const mayAdd = list.data?.permissions.addStudent ?? false;
  const mayImport = list.data?.permissions.importRoster ?? false;
  const mayImportDossier = list.data?.permissions.importDossier ?? false;

  if (list.isError && list.error instanceof ApiError) {
    if (list.error.status === 403)
      return <Refusal title="student.list.forbidden.title" body="student.list.forbidden.body" />;
    if (list.error.status === 404 || list.error.status === 400)
      return <Refusal title="student.list.notFound.title" body="student.list.notFound.body" />;
  }
  const title = list.data
    ? t('student.breadcrumb.list', { school: list.data.school.name })
    : t('student.nav.list');
  return (
    <>
      <Breadcrumbs trail={[{ href: pathname, label: title }]} />
      <Heading level={1}>{title}</Heading>
      {(mayAdd || mayImport || mayImportDossier) && (
        <div className="passend-student-toolbar">
          {mayAdd && (
            <Link
              href={`${pathname}/new`}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            >
              {t('student.list.new')}
            </Link>
          )}
          {mayImport && (
            <Link
              href={`/schools/${encodeURIComponent(schoolId)}/roster-import`}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            >
              {t('roster.link')}
            </Link>
          )}
          {mayImportDossier && (
            <Link
              href={`/schools/${encodeURIComponent(schoolId)}/oso-import`}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            >
              {t('oso.link')}
            </Link>
          )}
        </div>
      )}
      {list.data?.onlyGroups && (
        <Paragraph>
          {list.data.onlyGroups.length === 0
            ? t('student.list.noGroups')
            : t('student.list.onlyGroups', { groups: list.data.onlyGroups.join(', ') })}
        </Paragraph>
      )}
      <SearchForm key={query} pathname={pathname} search={search} onSearch={askResults} />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState onRetry={() => void list.refetch()} />
      ) : (
        // While the next page or search loads, the last one stays, marked as busy.
        <div aria-busy={list.isPlaceholderData}>
          <Results pathname={pathname} search={search} list={list.data} count={count} onPage={askResults} />
        </div>
      )}
    </>
  );
}

function SearchForm({
  pathname,
  search,
  onSearch,
}: {
  pathname: string;
  search: Search;
  onSearch: () => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(search.q);
  const [group, setGroup] = useState(search.group);
  const [level, setLevel] = useState(search.level);
  const [plan, setPlan] = useState(search.plan);
  function submit(event: FormEvent) {
    event.preventDefault();
    // A new search starts at the first page.
    navigate(hrefOf(pathname, { q: q.trim(), group: group.trim(), level, plan, page: 1 }));
    onSearch();
  }
  return (
    <search>
      <form
        className="passend-student-filter"
        onSubmit={submit}
        noValidate
        aria-label={t('student.list.search')}
      >
        <div className="passend-student-filter__fields">
          <TextField
            path="q"
            type="search"
            label={t('student.list.q')}
            autoComplete="off"
            value={q}
            onChange={setQ}
          />
          <TextField
            path="group"
            label={t('student.list.group')}
            autoComplete="off"
            size={6}
            value={group}
            onChange={setGroup}
          />
          <SelectField
            path="level"
            label={t('student.list.level')}
            placeholder={t('student.list.allLevels')}
            value={level}
            options={supportLevels.map((value) => ({
              value: String(value),
              label: t(supportLevelKey(value)),
            }))}
            onChange={setLevel}
          />
          <SelectField
            path="plan"
            label={t('student.list.plan')}
            placeholder={t('student.list.plan.all')}
            value={plan}
            options={[
              { value: 'yes', label: t('student.list.plan.yes') },
              { value: 'no', label: t('student.list.plan.no') },
            ]}
            onChange={setPlan}
          />
          <Button type="submit" appearance="primary-action-button">
            {t('student.list.submit')}
          </Button>
          {isFiltered(search) && (
            <Link href={pathname} className="utrecht-link">
              {t('student.list.clear')}
            </Link>
          )}
        </div>
      </form>
    </search>
  );
}

function Results({
  pathname,
  search,
  list,
  count,
  onPage,
}: {
  pathname: string;
  search: Search;
  list: z.infer<typeof StudentList>;
  count: RefObject<HTMLParagraphElement | null>;
  onPage: () => void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const pages = Math.max(1, Math.ceil(list.total / pageSize));
  return (
    <>
      <Paragraph role="status" aria-live="polite" ref={count} tabIndex={-1} className="passend-result-count">
        {list.total === 1
          ? t(isFiltered(search) ? 'student.list.foundOne' : 'student.list.totalOne')
          : t(isFiltered(search) ? 'student.list.found' : 'student.list.total', {
              count: formatNumber(list.total),
            })}
      </Paragraph>
      {list.students.length === 0 ? (
        <EmptyState>{t(isFiltered(search) ? 'student.list.noMatch' : 'student.list.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('student.list.caption', { page: search.page, pages })}
          columns={[
            {
              header: t('student.list.name'),
              cell: (student) => (
                <Link href={`/students/${student.id}`} className="utrecht-link utrecht-link--html-a">
                  {fullName(student)}
                </Link>
              ),
            },
            { header: t('student.field.birthDate'), cell: (student) => formatDate(student.birthDate) },
            { header: t('student.field.groupName'), cell: (student) => student.groupName || '—' },
            {
              header: t('student.header.level'),
              cell: (student) => <SupportLevelBadge level={student.supportLevel} />,
            },
            {
              header: t('student.list.planColumn'),
              cell: ({ flags }) =>
                flags.activePlan && flags.evaluationDueOn
                  ? t(
                      isEvaluationDue(flags.evaluationDueOn, amsterdamToday(new Date()))
                        ? 'student.list.planDue'
                        : 'student.list.planActive',
                      {
                        date: formatDate(flags.evaluationDueOn),
                      },
                    )
                  : flags.activePlan
                    ? t('student.list.plan.yes')
                    : t('student.list.planNone'),
            },
          ]}
          rows={list.students}
          rowKey={(student) => student.id}
        />
      )}
      {pages > 1 && (
        <nav aria-label={t('student.list.pages')} className="passend-pagination">
          {search.page > 1 && (
            <Link
              href={hrefOf(pathname, { ...search, page: search.page - 1 })}
              className="utrecht-link"
              rel="prev"
              onClick={onPage}
            >
              {t('student.list.previous')}
            </Link>
          )}
          <span>{t('student.list.page', { page: search.page, pages })}</span>
          {search.page < pages && (
            <Link
              href={hrefOf(pathname, { ...search, page: search.page + 1 })}
              className="utrecht-link"
              rel="next"
              onClick={onPage}
            >
              {t('student.list.next')}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
