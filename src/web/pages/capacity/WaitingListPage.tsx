// The waiting list (/waiting-list): who waits where since when, longest waits first, with filters
// on the school or provider waited for, the kind of place, waiting since, and open or ended.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { placeKinds } from '../../../domain/capacity.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterFrame } from '../objections/Register.tsx';
import { placeLabel, useWaitingList, type WaitingEntry, waitPage } from './data.ts';
import '../requests/requests.css';
import './capacity.css';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const idPattern = /^[0-9a-f-]{36}$/;

export default function WaitingListPage() {
  const { t } = useI18n();
  const asked = new URLSearchParams(useLocation().search);
  const filter = {
    placeId: idPattern.test(asked.get('placeId') ?? '') ? asked.get('placeId')! : '',
    kind: (placeKinds as readonly string[]).includes(asked.get('kind') ?? '') ? asked.get('kind')! : '',
    since: datePattern.test(asked.get('since') ?? '') ? asked.get('since')! : '',
    state: asked.get('state') === 'ended' ? 'ended' : 'open',
  };
  const list = useWaitingList(filter);
  const entries = list.data?.entries ?? [];
  return (
    <RegisterFrame title={t('cap.list.title')} intro={t('cap.list.intro')} query={list}>
      <div aria-busy={list.isPlaceholderData}>
        <Filter filter={filter} entries={entries} key={JSON.stringify(filter)} />
        {entries.length === 0 ? (
          <EmptyState>{t('cap.list.empty')}</EmptyState>
        ) : (
          <WaitTable
            entries={entries}
            caption={t(filter.state === 'ended' ? 'cap.list.captionEnded' : 'cap.list.caption')}
          />
        )}
        <Paragraph>
          <Link href="/waiting-list/counts">{t('cap.list.countsLink')}</Link>
        </Paragraph>
      </div>
    </RegisterFrame>
  );
}

function Filter({ filter, entries }: { filter: Record<string, string>; entries: readonly WaitingEntry[] }) {
  const { t } = useI18n();
  const [values, setValues] = useState(filter);
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  // The places on the list as it shows now, plus the one filtered on.
  const places = [...new Map(entries.map((e) => [e.place.id, e.place.name])).entries()];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams(
      Object.entries(values).filter(([key, value]) => value && !(key === 'state' && value === 'open')),
    );
    navigate(`/waiting-list${search.size ? `?${search}` : ''}`);
  };
  return (
    <search>
      <form className="passend-work-filter" onSubmit={submit} noValidate aria-label={t('cap.list.filter')}>
        <div className="passend-work-filter__fields">
          <SelectField
            path="placeId"
            label={t('cap.list.place')}
            placeholder={t('cap.list.allPlaces')}
            value={values.placeId ?? ''}
            options={places.map(([value, label]) => ({ value, label }))}
            onChange={set('placeId')}
          />
          <SelectField
            path="kind"
            label={t('cap.list.kind')}
            placeholder={t('cap.list.allKinds')}
            value={values.kind ?? ''}
            options={placeKinds.map((value) => ({ value, label: t(`cap.kind.${value}`) }))}
            onChange={set('kind')}
          />
          <TextField
            path="since"
            type="date"
            label={t('cap.list.since')}
            value={values.since ?? ''}
            onChange={set('since')}
          />
          <SelectField
            path="state"
            label={t('cap.list.state')}
            placeholder={t('cap.list.state.open')}
            value={values.state === 'ended' ? 'ended' : ''}
            options={[{ value: 'ended', label: t('cap.list.state.ended') }]}
            onChange={(value) => set('state')(value || 'open')}
          />
          <Button type="submit" appearance="primary-action-button">
            {t('cap.list.show')}
          </Button>
        </div>
      </form>
    </search>
  );
}

export function WaitTable({ entries, caption }: { entries: readonly WaitingEntry[]; caption: string }) {
  const { t, formatDate, formatNumber } = useI18n();
  return (
    <DataTable<WaitingEntry>
      caption={caption}
      rows={entries}
      rowKey={(e) => e.id}
      columns={[
        {
          header: t('cap.list.col.child'),
          cell: (e) => <Link href={waitPage(e.id)}>{e.student.name}</Link>,
        },
        { header: t('cap.list.col.school'), cell: (e) => e.student.schoolName },
        {
          header: t('cap.list.col.place'),
          cell: (e) => `${e.place.name} (${placeLabel(t, e.place.kind, e.category)})`,
        },
        { header: t('cap.list.col.since'), cell: (e) => formatDate(e.since) },
        {
          header: t('cap.list.col.days'),
          cell: (e) =>
            e.longWait ? (
              <strong className="passend-wait-long">
                {t('cap.list.long', { days: formatNumber(e.waitingDays) })}
              </strong>
            ) : e.endedOn ? (
              `${t('cap.list.days', { days: formatNumber(e.waitingDays) })} · ${t(`cap.ending.${e.ending!}`)}`
            ) : (
              t('cap.list.days', { days: formatNumber(e.waitingDays) })
            ),
        },
        {
          header: t('cap.list.col.promised'),
          cell: (e) => (e.promisedOn ? formatDate(e.promisedOn) : t('cap.list.none')),
        },
        {
          header: t('cap.list.col.request'),
          cell: (e) =>
            e.request ? (
              <Link href={`/requests/${encodeURIComponent(e.request.id)}`}>{e.request.number}</Link>
            ) : (
              t('cap.list.none')
            ),
        },
      ]}
    />
  );
}
