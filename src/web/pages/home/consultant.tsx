// The consultant's home: the team's schools first, then the plans due, grouped by school. Both are
// paged, sorted and filtered by the server (a consultant with many schools has hundreds of plans
// due); sorting is by the column headers' buttons, paging by the buttons under the list.
import { Button, Heading } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { z } from 'zod';
import type { DuePlan } from '../../../contracts/home.ts';
import { schoolKinds } from '../../../domain/organisation.ts';
import { Link } from '../../app/router.tsx';
import { DataTable, type TableSort } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ListState, useTeamEvaluationsDue, useTeamSchools } from './data.ts';
import { Pager } from './Pager.tsx';
import { EvaluationsDueTable, kindKey, Panel } from './panels.tsx';

const pageSize = 20;

/** A list's page, sort and filters, kept while the user works on it. */
function useListState(sort: string) {
  const [list, setList] = useState<ListState>({ page: 1, sort, order: 'asc', filters: {} });
  return {
    list,
    /** The same column again turns the order around; another column starts ascending. */
    sortBy: (key: string) =>
      setList((current) => ({
        ...current,
        page: 1,
        sort: key,
        order: current.sort === key && current.order === 'asc' ? 'desc' : 'asc',
      })),
    pageTo: (page: number) => setList((current) => ({ ...current, page })),
    filterBy: (filters: Record<string, string>) => setList((current) => ({ ...current, page: 1, filters })),
  };
}

/** A filter form: its fields and a button; applying it starts at the first page. */
function FilterForm({
  label,
  onApply,
  children,
}: {
  label: string;
  onApply: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <search>
      <form className="passend-home-filter" onSubmit={submit} noValidate aria-label={label}>
        {children}
        <Button type="submit" appearance="secondary-action-button">
          {t('home.filter.apply')}
        </Button>
      </form>
    </search>
  );
}

/** Consultant: the team's schools with their children at level 3 and 4 and their plans due. */
export function TeamSchoolsPanel({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t, formatNumber } = useI18n();
  const { list, sortBy, pageTo, filterBy } = useListState('name');
  const query = useTeamSchools(list, pageSize);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const sort: TableSort = { key: list.sort, order: list.order, onSort: sortBy };
  return (
    <Panel query={query} title={() => t('home.team.title')} headingLevel={headingLevel}>
      {(data) => (
        <>
          <FilterForm label={t('home.team.filter')} onApply={() => filterBy({ q: q.trim(), kind })}>
            <TextField
              path="team-schools-q"
              type="search"
              label={t('home.team.q')}
              autoComplete="off"
              value={q}
              onChange={setQ}
            />
            <SelectField
              path="team-schools-kind"
              label={t('home.col.kind')}
              placeholder={t('home.filter.allKinds')}
              value={kind}
              options={schoolKinds.map((value) => ({ value, label: t(kindKey(value)) }))}
              onChange={setKind}
            />
          </FilterForm>
          {data.total === 0 ? (
            <EmptyState>
              {t(Object.values(list.filters).some(Boolean) ? 'home.filter.noMatch' : 'home.team.empty')}
            </EmptyState>
          ) : (
            <div aria-busy={query.isPlaceholderData}>
              <DataTable
                caption={t('home.team.caption')}
                sort={sort}
                columns={[
                  {
                    header: t('home.col.school'),
                    sortKey: 'name',
                    cell: (school) => (
                      <Link
                        href={`/schools/${school.id}/students`}
                        className="utrecht-link utrecht-link--html-a"
                      >
                        {school.name}
                      </Link>
                    ),
                  },
                  { header: t('home.col.kind'), sortKey: 'kind', cell: (school) => t(kindKey(school.kind)) },
                  { header: t('home.col.wijk'), sortKey: 'wijk', cell: (school) => school.wijk },
                  {
                    header: t('home.col.pupils'),
                    sortKey: 'pupils',
                    cell: (school) => formatNumber(school.pupils),
                    numeric: true,
                  },
                  {
                    header: t('home.col.level3'),
                    sortKey: 'level3',
                    cell: (school) => formatNumber(school.level3),
                    numeric: true,
                  },
                  {
                    header: t('home.col.level4'),
                    sortKey: 'level4',
                    cell: (school) => formatNumber(school.level4),
                    numeric: true,
                  },
                  {
                    header: t('home.col.plansDue'),
                    sortKey: 'plansDue',
                    cell: (school) => formatNumber(school.plansDue),
                    numeric: true,
                  },
                ]}
                rows={data.rows}
                rowKey={(school) => school.id}
              />
            </div>
          )}
          <Pager
            label={t('home.team.pages')}
            total={data.total}
            page={list.page}
            pageSize={pageSize}
            onPage={pageTo}
          />
        </>
      )}
    </Panel>
  );
}

/** Consecutive rows of one school: the page's groups, in the order the server sent them. */
function bySchool(rows: readonly z.infer<typeof DuePlan>[]) {
  const groups: { schoolId: string; schoolName: string; plans: z.infer<typeof DuePlan>[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.schoolId === row.schoolId) last.plans.push(row);
    else groups.push({ schoolId: row.schoolId, schoolName: row.schoolName, plans: [row] });
  }
  return groups;
}

/** Consultant: the plans due in the team's schools, grouped by school unless sorted otherwise. */
export function TeamEvaluationsDuePanel({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  const { list, sortBy, pageTo, filterBy } = useListState('school');
  const query = useTeamEvaluationsDue(list, pageSize);
  // The schools to filter on: the team's, by name (a page of the largest size the server gives).
  const schools = useTeamSchools({ page: 1, sort: 'name', order: 'asc', filters: {} }, 50);
  const [q, setQ] = useState('');
  const [schoolId, setSchoolId] = useState('');
  const [status, setStatus] = useState('');
  const groupHeadingId = useId();
  const sort: TableSort = { key: list.sort, order: list.order, onSort: sortBy };
  return (
    <Panel query={query} title={() => t('home.due.title')} headingLevel={headingLevel}>
      {(data) => (
        <>
          <FilterForm
            label={t('home.due.filter')}
            onApply={() => filterBy({ q: q.trim(), schoolId, status })}
          >
            <TextField
              path="due-q"
              type="search"
              label={t('home.due.q')}
              autoComplete="off"
              value={q}
              onChange={setQ}
            />
            <SelectField
              path="due-school"
              label={t('home.col.school')}
              placeholder={t('home.filter.allSchools')}
              value={schoolId}
              options={(schools.data?.rows ?? []).map((school) => ({ value: school.id, label: school.name }))}
              onChange={setSchoolId}
            />
            <SelectField
              path="due-status"
              label={t('home.due.status')}
              placeholder={t('home.due.status.all')}
              value={status}
              options={[
                { value: 'overdue', label: t('home.due.status.overdue') },
                { value: 'soon', label: t('home.due.status.soon') },
              ]}
              onChange={setStatus}
            />
          </FilterForm>
          {data.total === 0 ? (
            <EmptyState>
              {t(Object.values(list.filters).some(Boolean) ? 'home.filter.noMatch' : 'home.due.empty')}
            </EmptyState>
          ) : list.sort === 'school' ? (
            // By school: a table per school on this page, each with its own heading.
            <div aria-busy={query.isPlaceholderData}>
              {bySchool(data.rows).map((group, index) => (
                <section
                  key={group.schoolId}
                  aria-labelledby={`${groupHeadingId}-${index}`}
                  className="passend-home-part"
                >
                  <Heading level={headingLevel + 1} id={`${groupHeadingId}-${index}`}>
                    {group.schoolName}
                  </Heading>
                  <EvaluationsDueTable
                    plans={group.plans}
                    withSchool={false}
                    sort={sort}
                    caption={t('home.due.captionAt', { school: group.schoolName })}
                  />
                </section>
              ))}
            </div>
          ) : (
            <div aria-busy={query.isPlaceholderData}>
              <EvaluationsDueTable plans={data.rows} withSchool sort={sort} />
            </div>
          )}
          <Pager
            label={t('home.due.pages')}
            total={data.total}
            page={list.page}
            pageSize={pageSize}
            onPage={pageTo}
          />
        </>
      )}
    </Panel>
  );
}
