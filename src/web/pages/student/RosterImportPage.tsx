// Import a school's pupils from its administration system (/schools/:schoolId/roster-import,
// docs/domain.md "Rosters from the school's system"): choose the EDEXML file, see what would change
// (counts first, then the lists; names only for the IB'er), apply (the steps: FileImport.tsx).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode, RefObject } from 'react';
import type { z } from 'zod';
import type { RosterImportResult, RosterPupilView } from '../../../contracts/roster.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.ts';
import {
  FileChoiceForm,
  ImportRefusal,
  useFileImport,
  type XmlProblem,
  XmlProblemList,
} from '../../components/FileImport.tsx';
import { StatusMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { studentKeys } from './data.ts';

type Result = z.infer<typeof RosterImportResult>;
type Pupil = z.infer<typeof RosterPupilView>;
/** Why the last send failed, as the page shows it. */
type Failure =
  | { kind: 'refused'; reason: string; problems: XmlProblem[] }
  | { kind: 'otherSchool'; file: string; school: string }
  | { kind: 'tooLarge' }
  | { kind: 'error' };

const maxBytes = 5 * 1024 * 1024;

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiError)) return { kind: 'error' };
  if (error.status === 413) return { kind: 'tooLarge' };
  const details = (error.details ?? {}) as Record<string, unknown>;
  if (details.rule === 'edexml_refused')
    return {
      kind: 'refused',
      reason: String(details.reason),
      problems: Array.isArray(details.problems) ? (details.problems as XmlProblem[]) : [],
    };
  if (details.rule === 'edexml_other_school')
    return {
      kind: 'otherSchool',
      file: String(details.fileLocationCode),
      school: String(details.schoolLocationCode),
    };
  return { kind: 'error' };
}

export default function RosterImportPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const schoolId = params.schoolId ?? '';
  const listPath = `/schools/${encodeURIComponent(schoolId)}/students`;
  const state = useFileImport<Result, Failure>({
    send: (file, apply) =>
      api<typeof RosterImportResult>(
        'POST',
        `/api/schools/${encodeURIComponent(schoolId)}/roster-import?apply=${apply}`,
        file,
      ),
    failureOf,
    tooLarge: { kind: 'tooLarge' },
    maxBytes,
    onApplied: () => queryClient.invalidateQueries({ queryKey: studentKeys.list(schoolId) }),
  });
  const { result, failure, busy } = state;
  // The IB'er comes from the school's list; the administrator (who may not open it) from the schools.
  const me = useSession();
  const fromList = me.data?.user.memberships.some((m) => m.role === 'school_ib' && m.schoolId === schoolId);
  const back = fromList
    ? { href: listPath, label: t('student.nav.list') }
    : { href: '/admin/schools', label: t('admin.schools.title') };

  return (
    <>
      <Breadcrumbs
        trail={[
          back,
          { href: `/schools/${encodeURIComponent(schoolId)}/roster-import`, label: t('roster.title') },
        ]}
      />
      <Heading level={1}>{t('roster.title')}</Heading>
      <Paragraph>{t('roster.intro')}</Paragraph>
      {!result?.applied && (
        <FileChoiceForm
          state={state}
          name="rosterFile"
          accept=".xml,application/xml,text/xml"
          texts={{
            label: t('roster.file'),
            hint: t('roster.fileHint'),
            missing: t('roster.file.missing'),
            preview: t('roster.preview'),
          }}
        />
      )}
      <StatusMessage>
        {busy === 'preview' ? t('roster.busy') : busy === 'apply' ? t('roster.applying') : ''}
      </StatusMessage>
      {failure && <FailureView failure={failure} heading={state.answer} />}
      {result && (
        <section aria-labelledby="roster-answer" className="passend-import">
          <Heading level={2} id="roster-answer" ref={state.answer} tabIndex={-1}>
            {t(result.applied ? 'roster.done.title' : 'roster.preview.title')}
          </Heading>
          {result.applied && (
            <Alert type="ok">
              <Paragraph>
                {t('roster.done.status', {
                  added: result.added.length,
                  changed: result.changed.length,
                  left: result.left.length,
                })}
              </Paragraph>
            </Alert>
          )}
          <Changes result={result} />
          <div className="passend-import-actions">
            {result.applied ? (
              <Link
                href={back.href}
                className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
              >
                {fromList ? t('roster.backToList') : t('roster.backToSchools')}
              </Link>
            ) : (
              <>
                {/* Nothing to take in: nothing to apply (an import of nothing would only fill the log). */}
                {result.added.length + result.changed.length + result.left.length > 0 && (
                  <Button
                    type="button"
                    appearance="primary-action-button"
                    disabled={busy !== null}
                    onClick={state.apply}
                  >
                    {t('roster.apply')}
                  </Button>
                )}
                <Button type="button" appearance="secondary-action-button" onClick={state.startOver}>
                  {t('roster.another')}
                </Button>
              </>
            )}
          </div>
        </section>
      )}
    </>
  );
}

function FailureView({
  failure,
  heading,
}: {
  failure: Failure;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  let body: ReactNode;
  if (failure.kind === 'refused') {
    const known = ['not_xml', 'doctype', 'too_large', 'encoding', 'invalid'].includes(failure.reason);
    body = (
      <>
        <Paragraph>{t('roster.refused.body')}</Paragraph>
        {known && <Paragraph>{t(`roster.refused.${failure.reason}` as MessageKey)}</Paragraph>}
        <XmlProblemList
          problems={failure.problems}
          lineLabel={(line) => t('roster.refused.line', { line })}
        />
      </>
    );
  } else if (failure.kind === 'otherSchool') {
    body = <Paragraph>{t('roster.otherSchool', { file: failure.file, school: failure.school })}</Paragraph>;
  } else if (failure.kind === 'tooLarge') {
    body = <Paragraph>{t('roster.tooLarge')}</Paragraph>;
  } else {
    body = <Paragraph>{t('app.error')}</Paragraph>;
  }
  return (
    <ImportRefusal heading={heading} title={t('roster.refused.title')}>
      {body}
    </ImportRefusal>
  );
}

/** The counts first, then each list that has pupils. */
function Changes({ result }: { result: Result }) {
  const { t, formatNumber } = useI18n();
  const counts: [MessageKey, number][] = [
    ['roster.count.added', result.added.length],
    ['roster.count.changed', result.changed.length],
    ['roster.count.left', result.left.length],
    ['roster.count.notInFile', result.notInFile.length],
    ['roster.count.skipped', result.skipped.length],
    ['roster.count.unchanged', result.unchanged],
  ];
  const nothing = result.added.length + result.changed.length + result.left.length === 0;
  return (
    <>
      <Paragraph>
        {t('roster.file.about', {
          version: result.version,
          schoolYear: result.schoolYear ?? '–',
          locationCode: result.locationCode ?? '–',
          pupils: formatNumber(result.pupilsInFile),
        })}
      </Paragraph>
      {!result.withNames && <Paragraph>{t('roster.noNames')}</Paragraph>}
      <dl className="passend-import-counts">
        {counts.map(([label, count]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{formatNumber(count)}</dd>
          </div>
        ))}
      </dl>
      {nothing && !result.applied && <Paragraph>{t('roster.nothing')}</Paragraph>}
      <PupilList title="roster.list.added" items={result.added.map((pupil) => ({ pupil }))} />
      <PupilList
        title="roster.list.changed"
        items={result.changed.map((change) => ({
          pupil: change.pupil,
          extra: <Fields fields={change.fields} />,
        }))}
      />
      <PupilList
        title="roster.list.left"
        items={result.left.map((left) => ({ pupil: left.pupil, extra: <LeftOn date={left.leftOn} /> }))}
      />
      {/* Without names a child typed in by hand has nothing to show but the count above. */}
      {result.withNames && (
        <PupilList
          title="roster.list.notInFile"
          hint="roster.list.notInFileHint"
          items={result.notInFile.map((pupil) => ({ pupil }))}
        />
      )}
      {result.skipped.length > 0 && (
        <>
          <Heading level={3}>{t('roster.list.skipped')}</Heading>
          <ul className="passend-import-list">
            {result.skipped.map((skip) => (
              <li key={skip.key}>
                {t('roster.pupil.key', { key: skip.key })}: {t(`roster.skip.${skip.reason}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      )}
      <Teachers teachers={result.teachers} />
    </>
  );
}

/** The file's teachers against their accounts: what to ask the administrator, nothing changed. */
function Teachers({ teachers }: { teachers: Result['teachers'] }) {
  const { t } = useI18n();
  if (teachers.inFile === 0) return null;
  const groups = (names: string[]) => (names.length ? names.join(', ') : t('roster.teachers.none'));
  return (
    <>
      <Heading level={3}>{t('roster.teachers.title')}</Heading>
      <Paragraph>
        {t('roster.teachers.summary', { inFile: teachers.inFile, same: teachers.sameGroups })}
      </Paragraph>
      {teachers.differentGroups.length + teachers.withoutAccount.length > 0 && (
        <Paragraph>{t('roster.teachers.hint')}</Paragraph>
      )}
      {teachers.differentGroups.length > 0 && (
        <>
          <Heading level={4}>{t('roster.teachers.different')}</Heading>
          <ul className="passend-import-list">
            {teachers.differentGroups.map((teacher) => (
              <li key={teacher.email}>
                <strong>{teacher.name}</strong> ({teacher.email}):{' '}
                {t('roster.teachers.groups', {
                  file: groups(teacher.fileGroups),
                  passend: groups(teacher.passendGroups),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {teachers.withoutAccount.length > 0 && (
        <>
          <Heading level={4}>{t('roster.teachers.without')}</Heading>
          <ul className="passend-import-list">
            {teachers.withoutAccount.map((teacher, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a teacher without e-mail has no other key.
              <li key={index}>
                <strong>{teacher.name}</strong> ({teacher.email ?? t('roster.teachers.noEmail')})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function LeftOn({ date }: { date: string }) {
  const { t, formatDate } = useI18n();
  return <>{t('roster.leftOn', { date: formatDate(date) })}</>;
}

function Fields({ fields }: { fields: Result['changed'][number]['fields'] }) {
  const { t } = useI18n();
  const shown = (value: string | null) => (value === null || value === '' ? t('roster.empty') : value);
  return (
    <ul>
      {fields.map((change) => (
        <li key={change.field}>
          {t(`roster.field.${change.field}` as MessageKey)}
          {/* The administrator sees which fields change, not their values. */}
          {change.before !== null || change.after !== null
            ? `: ${shown(change.before)} → ${shown(change.after)}`
            : ''}
        </li>
      ))}
    </ul>
  );
}

function PupilList({
  title,
  hint,
  items,
}: {
  title: MessageKey;
  hint?: MessageKey;
  items: { pupil: Pupil; extra?: ReactNode }[];
}) {
  const { t, formatDate } = useI18n();
  if (items.length === 0) return null;
  const label = (pupil: Pupil) => {
    const key = pupil.key ? t('roster.pupil.key', { key: pupil.key }) : t('roster.pupil.byHand');
    return pupil.name ? `${pupil.name} (${key})` : key;
  };
  return (
    <>
      <Heading level={3}>{t(title)}</Heading>
      {hint && <Paragraph>{t(hint)}</Paragraph>}
      <ul className="passend-import-list">
        {items.map(({ pupil, extra }, index) => (
          <li key={pupil.key ?? `hand-${index}`}>
            <strong>{label(pupil)}</strong>
            {pupil.birthDate && (
              <>
                {', '}
                {t('roster.pupil.details', {
                  group: pupil.groupName || '–',
                  birthDate: formatDate(pupil.birthDate),
                })}
              </>
            )}
            {extra && <> — {extra}</>}
          </li>
        ))}
      </ul>
    </>
  );
}
