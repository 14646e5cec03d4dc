// Read in a child's OSO hand-over dossier at a school (/schools/:schoolId/oso-import, docs/domain.md
// "Hand-over dossiers (OSO)"): choose the file, see what goes into whose file (the child found by
// the school's key or name and birth date, or chosen here, or made new), read it in. Each step
// sends the file again: the server keeps nothing between them, and reading in twice adds nothing.
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type ReactNode, type RefObject, useRef, useState } from 'react';
import type { z } from 'zod';
import type { OsoImportResult } from '../../../contracts/oso.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import {
  FileChoiceForm,
  ImportRefusal,
  useFileImport,
  type XmlProblem,
  XmlProblemList,
} from '../../components/FileImport.tsx';
import { fieldId, StatusMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { studentKeys } from './data.ts';

type Result = z.infer<typeof OsoImportResult>;
type Failure =
  | { kind: 'refused'; reason: string; problems: XmlProblem[] }
  | { kind: 'otherSchool'; file: string; school: string | null }
  | { kind: 'tooLarge' }
  | { kind: 'error' };
/** The child the user chose: an id of the school's, or a new child. */
type Choice = { studentId: string } | { createChild: true } | null;

const maxBytes = 32 * 1024 * 1024;

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiError)) return { kind: 'error' };
  if (error.status === 413) return { kind: 'tooLarge' };
  const details = (error.details ?? {}) as Record<string, unknown>;
  if (details.rule === 'oso_refused' || details.rule === 'oso_version')
    return {
      kind: 'refused',
      reason: String(details.reason),
      problems: Array.isArray(details.problems) ? (details.problems as XmlProblem[]) : [],
    };
  if (details.rule === 'oso_other_school')
    return {
      kind: 'otherSchool',
      file: String(details.fileLocationCode),
      school: typeof details.schoolLocationCode === 'string' ? details.schoolLocationCode : null,
    };
  return { kind: 'error' };
}

const queryOf = (apply: boolean, choice: Choice) =>
  `apply=${apply}${choice && 'studentId' in choice ? `&studentId=${encodeURIComponent(choice.studentId)}` : ''}${
    choice && 'createChild' in choice ? '&createChild=true' : ''
  }`;

export default function OsoImportPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const schoolId = params.schoolId ?? '';
  const listPath = `/schools/${encodeURIComponent(schoolId)}/students`;
  const [choice, setChoice] = useState<Choice>(null);
  // The child chosen when the preview is sent again, read when sending (not when rendering).
  const sentChoice = useRef<Choice>(null);
  const state = useFileImport<Result, Failure>({
    send: (file, apply) =>
      api<typeof OsoImportResult>(
        'POST',
        `/api/schools/${encodeURIComponent(schoolId)}/oso-import?${queryOf(apply, sentChoice.current)}`,
        file,
      ),
    failureOf,
    tooLarge: { kind: 'tooLarge' },
    maxBytes,
    onApplied: () => queryClient.invalidateQueries({ queryKey: studentKeys.list(schoolId) }),
  });
  const { result, failure, busy } = state;
  const choose = (chosen: Choice) => {
    setChoice(chosen);
    sentChoice.current = chosen;
  };

  const mustChoose = result !== null && !result.applied && result.child === null;
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: listPath, label: t('student.nav.list') },
          { href: `/schools/${encodeURIComponent(schoolId)}/oso-import`, label: t('oso.title') },
        ]}
      />
      <Heading level={1}>{t('oso.title')}</Heading>
      <Paragraph>{t('oso.intro')}</Paragraph>
      {!result?.applied && (
        <FileChoiceForm
          state={state}
          name="osoFile"
          accept=".xml,application/xml,text/xml"
          texts={{
            label: t('oso.file'),
            hint: t('oso.fileHint'),
            missing: t('oso.file.missing'),
            preview: t('oso.preview'),
          }}
          onPreview={() => choose(null)}
        />
      )}
      <StatusMessage>
        {busy === 'preview' ? t('oso.busy') : busy === 'apply' ? t('oso.applying') : ''}
      </StatusMessage>
      {failure && <FailureView failure={failure} heading={state.answer} />}
      {result && (
        <section aria-labelledby="oso-answer" className="passend-import">
          <Heading level={2} id="oso-answer" ref={state.answer} tabIndex={-1}>
            {t(result.applied ? 'oso.done.title' : 'oso.preview.title')}
          </Heading>
          {result.applied && result.child && (
            <Alert type="ok">
              <Paragraph>{t('oso.done.status', { name: result.child.name })}</Paragraph>
            </Alert>
          )}
          <About result={result} />
          {mustChoose ? (
            <ChooseChild
              result={result}
              choice={choice}
              onChoice={choose}
              busy={busy !== null}
              onUse={state.again}
            />
          ) : (
            <Counts result={result} />
          )}
          <div className="passend-import-actions">
            {result.applied && result.child?.id ? (
              <>
                <Link
                  href={`/students/${encodeURIComponent(result.child.id)}/oso`}
                  className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                >
                  {t('oso.toChild', { name: result.child.name })}
                </Link>
                <Link
                  href={listPath}
                  className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
                >
                  {t('oso.backToList')}
                </Link>
              </>
            ) : (
              <>
                {!mustChoose && (
                  <Button
                    type="button"
                    appearance="primary-action-button"
                    disabled={busy !== null}
                    onClick={state.apply}
                  >
                    {t('oso.apply')}
                  </Button>
                )}
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  onClick={() => {
                    choose(null);
                    state.startOver();
                  }}
                >
                  {t('oso.another')}
                </Button>
              </>
            )}
          </div>
        </section>
      )}
    </>
  );
}

function About({ result }: { result: Result }) {
  const { t, formatDate } = useI18n();
  const { dossier, pupil, child, match } = result;
  return (
    <>
      <Paragraph>
        {t('oso.about', {
          kind: t(`oso.about.${dossier.handOver}` as MessageKey),
          transfer: dossier.transfer ? ` (${dossier.transfer})` : '',
          date: dossier.exportedOn ? formatDate(dossier.exportedOn) : '–',
          school: [dossier.sendingSchool.name, dossier.sendingSchool.locationCode].filter(Boolean).join(' '),
        })}
      </Paragraph>
      <Paragraph>{t('oso.pupil', { name: pupil.name, birthDate: formatDate(pupil.birthDate) })}</Paragraph>
      {child && match.certainty === 'certain' && match.by && child.id === match.candidates[0]?.id && (
        <Paragraph>{t(`oso.match.certain.${match.by}` as MessageKey, { name: child.name })}</Paragraph>
      )}
      {child && !result.applied && (
        <Paragraph>
          <strong>{t(child.created ? 'oso.child.new' : 'oso.child.existing', { name: child.name })}</strong>
        </Paragraph>
      )}
      {result.alreadyImported && <Paragraph>{t('oso.already')}</Paragraph>}
    </>
  );
}

function ChooseChild({
  result,
  choice,
  onChoice,
  busy,
  onUse,
}: {
  result: Result;
  choice: Choice;
  onChoice: (choice: Choice) => void;
  busy: boolean;
  onUse: () => void;
}) {
  const { t, formatDate } = useI18n();
  const [missing, setMissing] = useState(false);
  const options: { id: string; label: string; choice: Choice }[] = result.match.candidates.map(
    (candidate) => ({
      id: fieldId(`osoChild.${candidate.id}`),
      label: t('oso.match.candidate', {
        name: candidate.name,
        birthDate: formatDate(candidate.birthDate),
        group: candidate.groupName || '–',
      }),
      choice: { studentId: candidate.id },
    }),
  );
  if (result.mayCreateChild)
    options.push({
      id: fieldId('osoChild.new'),
      label: t('oso.match.create', { name: result.pupil.name }),
      choice: { createChild: true },
    });
  const same = (a: Choice, b: Choice) => JSON.stringify(a) === JSON.stringify(b);
  return (
    <form
      className="passend-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!choice) {
          setMissing(true);
          return;
        }
        onUse();
      }}
    >
      <Fieldset invalid={missing} aria-describedby="oso-choose-hint">
        <FieldsetLegend>{t('oso.match.choose')}</FieldsetLegend>
        <Paragraph id="oso-choose-hint">
          {result.match.certainty === 'none' ? `${t('oso.match.none')} ` : ''}
          {t('oso.match.chooseHint')}
        </Paragraph>
        {missing && <FormFieldErrorMessage>{t('oso.match.required')}</FormFieldErrorMessage>}
        {options.map((option) => (
          <FormField type="radio" key={option.id}>
            <RadioButton
              id={option.id}
              name="osoChild"
              checked={same(choice, option.choice)}
              onChange={(event) => {
                if (!event.target.checked) return;
                onChoice(option.choice);
                setMissing(false);
              }}
            />
            <FormLabel htmlFor={option.id} type="radio">
              {option.label}
            </FormLabel>
          </FormField>
        ))}
        {!result.mayCreateChild && <Paragraph>{t('oso.match.cannotCreate')}</Paragraph>}
      </Fieldset>
      <Button type="submit" appearance="secondary-action-button" disabled={busy || options.length === 0}>
        {t('oso.match.use')}
      </Button>
    </form>
  );
}

function Counts({ result }: { result: Result }) {
  const { t, formatNumber } = useI18n();
  const rows: [MessageKey, { added: number; changed: number; unchanged: number }][] = [
    ['oso.count.contacts', result.counts.contacts],
    ['oso.count.career', result.counts.career],
    ['oso.count.results', result.counts.results],
    ['oso.count.support', result.counts.support],
    [
      'oso.count.documents',
      { added: result.counts.documents.added, changed: 0, unchanged: result.counts.documents.known },
    ],
  ];
  return (
    <>
      <ul className="passend-import-list">
        {rows.map(([label, count]) => (
          <li key={label}>
            <strong>{t(label)}</strong>:{' '}
            {t('oso.count.line', {
              added: formatNumber(count.added),
              changed: formatNumber(count.changed),
              unchanged: formatNumber(count.unchanged),
            })}
          </li>
        ))}
      </ul>
      {result.attachments.length > 0 && (
        <>
          <Heading level={3}>{t('oso.attachments')}</Heading>
          <ul className="passend-import-list">
            {result.attachments.map((attachment, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the dossier's attachments, in order.
              <li key={index}>
                <strong>{attachment.description ?? attachment.fileName}</strong> ({attachment.fileName},{' '}
                {t(`oso.source.${attachment.source}` as MessageKey)}
                {attachment.classification === 'medical_psychological'
                  ? `, ${t('oso.attachment.medical')}`
                  : ''}
                ):{' '}
                {attachment.status === 'refused'
                  ? t('oso.attachment.refused', {
                      reason: t(`oso.problem.${attachment.problem ?? 'damaged'}` as MessageKey),
                    })
                  : t(`oso.attachment.${attachment.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
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
    const known = ['version', 'not_xml', 'doctype', 'too_large', 'encoding', 'invalid'].includes(
      failure.reason,
    );
    body = (
      <>
        {failure.reason !== 'version' && <Paragraph>{t('oso.refused.body')}</Paragraph>}
        {known && <Paragraph>{t(`oso.refused.${failure.reason}` as MessageKey)}</Paragraph>}
        {failure.reason === 'invalid' && (
          <XmlProblemList problems={failure.problems} lineLabel={(line) => t('oso.refused.line', { line })} />
        )}
      </>
    );
  } else if (failure.kind === 'otherSchool') {
    body = (
      <Paragraph>
        {failure.school === failure.file
          ? t('oso.otherSchool.sent', { school: failure.file })
          : t('oso.otherSchool', { file: failure.file, school: failure.school ?? '–' })}
      </Paragraph>
    );
  } else if (failure.kind === 'tooLarge') {
    body = <Paragraph>{t('oso.tooLarge')}</Paragraph>;
  } else {
    body = <Paragraph>{t('app.error')}</Paragraph>;
  }
  return (
    <ImportRefusal heading={heading} title={t('oso.refused.title')}>
      {body}
    </ImportRefusal>
  );
}
