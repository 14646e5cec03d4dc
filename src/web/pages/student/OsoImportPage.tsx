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
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { OsoImportResult } from '../../../contracts/oso.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { fieldId, StatusMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { studentKeys } from './data.ts';
import './roster.css';
import './tabs/documents.css';

type Result = z.infer<typeof OsoImportResult>;
type Problem = { line: number | null; element: string | null; record?: string | null; message: string };
type Failure =
  | { kind: 'refused'; reason: string; problems: Problem[] }
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
      problems: Array.isArray(details.problems) ? (details.problems as Problem[]) : [],
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
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [choice, setChoice] = useState<Choice>(null);
  const [inputKey, setInputKey] = useState(0);
  const answer = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result || failure) answer.current?.focus();
  }, [result, failure]);

  async function send(apply: boolean, chosen: Choice) {
    if (!file) return;
    setBusy(apply ? 'apply' : 'preview');
    setFailure(null);
    try {
      const answered = await api<typeof OsoImportResult>(
        'POST',
        `/api/schools/${encodeURIComponent(schoolId)}/oso-import?${queryOf(apply, chosen)}`,
        file,
      );
      setResult(answered);
      if (apply) await queryClient.invalidateQueries({ queryKey: studentKeys.list(schoolId) });
    } catch (error) {
      setResult(null);
      setFailure(failureOf(error));
    } finally {
      setBusy(null);
    }
  }

  const preview = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileMissing(true);
      return;
    }
    if (file.size > maxBytes) {
      setResult(null);
      setFailure({ kind: 'tooLarge' });
      return;
    }
    setChoice(null);
    void send(false, null);
  };

  const startOver = () => {
    setFile(null);
    setResult(null);
    setFailure(null);
    setChoice(null);
    setInputKey((key) => key + 1);
  };

  const fileInput = fieldId('osoFile');
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
        <form className="passend-form passend-roster-form" onSubmit={preview} noValidate>
          <FormField invalid={fileMissing}>
            <FormLabel htmlFor={fileInput}>{t('oso.file')}</FormLabel>
            <FormFieldDescription id={`${fileInput}-description`}>{t('oso.fileHint')}</FormFieldDescription>
            {fileMissing && (
              <FormFieldErrorMessage id={`${fileInput}-error`}>{t('oso.file.missing')}</FormFieldErrorMessage>
            )}
            <input
              key={inputKey}
              id={fileInput}
              type="file"
              className="passend-file-input"
              accept=".xml,application/xml,text/xml"
              aria-invalid={fileMissing ? true : undefined}
              aria-describedby={[`${fileInput}-description`, fileMissing && `${fileInput}-error`]
                .filter(Boolean)
                .join(' ')}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFileMissing(false);
                setResult(null);
                setFailure(null);
              }}
            />
          </FormField>
          <Button type="submit" appearance="secondary-action-button" disabled={busy !== null}>
            {t('oso.preview')}
          </Button>
        </form>
      )}
      <StatusMessage>
        {busy === 'preview' ? t('oso.busy') : busy === 'apply' ? t('oso.applying') : ''}
      </StatusMessage>
      {failure && <FailureView failure={failure} heading={answer} />}
      {result && (
        <section aria-labelledby="oso-answer" className="passend-roster">
          <Heading level={2} id="oso-answer" ref={answer} tabIndex={-1}>
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
              onChoice={setChoice}
              busy={busy !== null}
              onUse={() => void send(false, choice)}
            />
          ) : (
            <Counts result={result} />
          )}
          <div className="passend-roster-actions">
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
                    onClick={() => void send(true, choice)}
                  >
                    {t('oso.apply')}
                  </Button>
                )}
                <Button type="button" appearance="secondary-action-button" onClick={startOver}>
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
      <ul className="passend-roster-list">
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
          <ul className="passend-roster-list">
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
          <ul className="passend-roster-problems">
            {failure.problems.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the problems are a fixed list, in order.
              <li key={index}>
                {[
                  problem.line === null ? null : t('oso.refused.line', { line: problem.line }),
                  problem.element,
                ]
                  .filter(Boolean)
                  .join(', ')}
                {problem.line !== null || problem.element ? ': ' : ''}
                {/* The XSD's own message: libxml2 writes it in English. */}
                <span lang="en">{problem.message}</span>
              </li>
            ))}
          </ul>
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
    <div className="passend-roster-refusal">
      <Alert type="error" role="alert">
        <Heading level={2} ref={heading} tabIndex={-1}>
          {t('oso.refused.title')}
        </Heading>
        {body}
      </Alert>
    </div>
  );
}
