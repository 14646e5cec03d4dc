// The queue (/requests): the requests the user works on, the nearest deadline first, a page at a
// time from the server. The SWV's consultants and committee filter on state, type, school, what is
// assigned to them and what is overdue; a school's IB'er and director see their school's requests.
// The filters live in the URL, so back, reload and a shared link show the same list.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { requestStates } from '../../../domain/requests.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.ts';
import { CheckboxField, SelectField } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Pager } from '../home/Pager.tsx';
import { NewTeamRequest } from './NewTeamRequest.tsx';
import {
  hasRole,
  type RequestFilter,
  swvWorkRoles,
  useRequests,
  useRequestTypes,
  useSchoolList,
} from './queue.ts';
import { RequestTable } from './RequestTable.tsx';
import './work.css';

const pageSize = 25;

type Search = {
  state: string;
  typeId: string;
  schoolId: string;
  mine: boolean;
  overdue: boolean;
  page: number;
};

function searchOf(query: string): Search {
  const params = new URLSearchParams(query);
  const page = Number(params.get('page'));
  const state = params.get('state') ?? '';
  return {
    state: state === 'all' || (requestStates as readonly string[]).includes(state) ? state : '',
    typeId: params.get('typeId') ?? '',
    schoolId: params.get('schoolId') ?? '',
    mine: params.get('mine') === 'true',
    overdue: params.get('overdue') === 'true',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

const isFiltered = (search: Search) =>
  Boolean(search.state || search.typeId || search.schoolId || search.mine || search.overdue);

/** The URL of a search: only what is set, so the plain queue (open requests) has a plain URL. */
export function queueHref(search: Partial<Search>): string {
  const params = new URLSearchParams();
  if (search.state) params.set('state', search.state);
  if (search.typeId) params.set('typeId', search.typeId);
  if (search.schoolId) params.set('schoolId', search.schoolId);
  if (search.mine) params.set('mine', 'true');
  if (search.overdue) params.set('overdue', 'true');
  if (search.page && search.page > 1) params.set('page', String(search.page));
  return params.size > 0 ? `/requests?${params}` : '/requests';
}

function filterOf(search: Search): RequestFilter {
  return {
    state: (search.state || 'open') as RequestFilter['state'],
    typeId: search.typeId || undefined,
    schoolId: search.schoolId || undefined,
    mine: search.mine ? 'true' : undefined,
    overdue: search.overdue ? 'true' : undefined,
    limit: pageSize,
    offset: (search.page - 1) * pageSize,
  };
}

export default function QueuePage() {
  const { t, formatNumber } = useI18n();
  const { search: query } = useLocation();
  const search = searchOf(query);
  const session = useSession();
  // The SWV's staff work across schools; a school's staff see their own school only.
  const atSwv = hasRole(session.data?.stage === 'active' ? session.data : null, swvWorkRoles);
  const list = useRequests(filterOf(search));
  // After a search or a page change, focus goes to the result count once the results are there,
  // so the next Tab reaches the first request instead of going through the form again.
  const [resultsAsked, setResultsAsked] = useState(0);
  const resultsShown = useRef(0);
  const count = useRef<HTMLParagraphElement>(null);
  const askResults = () => setResultsAsked((asked) => asked + 1);
  useEffect(() => {
    if (resultsAsked === resultsShown.current || !list.data || list.isPlaceholderData) return;
    resultsShown.current = resultsAsked;
    count.current?.focus();
  }, [resultsAsked, list.data, list.isPlaceholderData]);

  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const total = list.data?.total ?? 0;
  return (
    <>
      <Heading level={1}>{t('work.queue.title')}</Heading>
      <Paragraph>{t(atSwv ? 'work.queue.intro' : 'work.queue.introSchool')}</Paragraph>
      {(list.data?.permissions.createTeamAt.length ?? 0) > 0 && (
        <div className="passend-work-new">
          <NewTeamRequest schools={list.data!.permissions.createTeamAt} />
        </div>
      )}
      <QueueFilter key={query} search={search} atSwv={atSwv} onSearch={askResults} />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState onRetry={() => void list.refetch()} />
      ) : (
        // While the next page or search loads, the last one stays, marked as busy.
        <div aria-busy={list.isPlaceholderData}>
          <Paragraph
            role="status"
            aria-live="polite"
            ref={count}
            tabIndex={-1}
            className="passend-result-count"
          >
            {total === 1
              ? t(isFiltered(search) ? 'work.queue.foundOne' : 'work.queue.totalOne')
              : t(isFiltered(search) ? 'work.queue.found' : 'work.queue.total', {
                  count: formatNumber(total),
                })}
          </Paragraph>
          {list.data.requests.length === 0 ? (
            <EmptyState>
              {t(
                isFiltered(search)
                  ? 'work.queue.noMatch'
                  : atSwv
                    ? 'work.queue.empty'
                    : 'work.queue.emptySchool',
              )}
            </EmptyState>
          ) : (
            <RequestTable
              caption={t('work.queue.caption', { page: search.page, pages })}
              requests={list.data.requests}
              withSchool={atSwv}
            />
          )}
          {total > pageSize && (
            <Pager
              label={t('work.queue.pages')}
              total={total}
              page={search.page}
              pageSize={pageSize}
              onPage={(page) => {
                navigate(queueHref({ ...search, page }));
                askResults();
              }}
            />
          )}
        </div>
      )}
    </>
  );
}

function QueueFilter({ search, atSwv, onSearch }: { search: Search; atSwv: boolean; onSearch: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState(search.state);
  const [typeId, setTypeId] = useState(search.typeId);
  const [schoolId, setSchoolId] = useState(search.schoolId);
  const [mine, setMine] = useState(search.mine);
  const [overdue, setOverdue] = useState(search.overdue);
  // The catalogue is the SWV staff's; without it (a school's staff) there is no type filter.
  const types = useRequestTypes(atSwv);
  const schools = useSchoolList(atSwv);
  function submit(event: FormEvent) {
    event.preventDefault();
    // A new search starts at the first page.
    navigate(queueHref({ state, typeId, schoolId, mine, overdue, page: 1 }));
    onSearch();
  }
  return (
    <search>
      <form className="passend-work-filter" onSubmit={submit} noValidate aria-label={t('work.queue.filter')}>
        <div className="passend-work-filter__fields">
          <SelectField
            path="state"
            label={t('work.queue.state')}
            placeholder={t('work.queue.state.open')}
            value={state}
            options={[
              { value: 'all', label: t('work.queue.state.all') },
              ...requestStates.map((value) => ({ value, label: t(`request.state.${value}`) })),
            ]}
            onChange={setState}
          />
          {types.data && (
            <SelectField
              path="typeId"
              label={t('work.queue.type')}
              placeholder={t('work.queue.type.all')}
              value={typeId}
              options={types.data.types.map((type) => ({ value: type.id, label: type.name }))}
              onChange={setTypeId}
            />
          )}
          {schools.data && (
            <SelectField
              path="schoolId"
              label={t('work.queue.school')}
              placeholder={t('work.queue.school.all')}
              value={schoolId}
              options={schools.data.map((school) => ({ value: school.id, label: school.name }))}
              onChange={setSchoolId}
            />
          )}
          {atSwv && (
            <CheckboxField path="mine" label={t('work.queue.mine')} value={mine} onChange={setMine} />
          )}
          <CheckboxField
            path="overdue"
            label={t('work.queue.overdue')}
            value={overdue}
            onChange={setOverdue}
          />
          <Button type="submit" appearance="primary-action-button">
            {t('work.queue.submit')}
          </Button>
          {isFiltered(search) && (
            <Link href="/requests" className="utrecht-link">
              {t('work.queue.clear')}
            </Link>
          )}
        </div>
      </form>
    </search>
  );
}
