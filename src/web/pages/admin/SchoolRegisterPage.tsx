// The SWV's schools taken in from DUO's register (/admin/schools/register, docs/domain.md "The
// school register"): choose the kind and the CSV file, see which locations are new or changed,
// apply (the steps: FileImport.tsx). Only the locations of this SWV's postcodes are taken.
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import type { SchoolRegisterImportResult } from '../../../contracts/schoolRegister.ts';
import { sectorOfKind } from '../../../domain/schoolRegister.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { FileChoiceForm, useFileImport } from '../../components/FileImport.tsx';
import { SelectField, StatusMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { adminKeys, useInvalidate, useSwv } from './data.ts';
import { BackLink } from './frames.tsx';

type Result = z.infer<typeof SchoolRegisterImportResult>;
type Failure = { message: MessageKey; values?: Record<string, string> };

/** DUO publishes the kinds of school an SWV serves; OPDCs are the SWV's own, not in the register. */
const registerKinds = ['bao', 'sbo', 'so', 'vo', 'vso'] as const;
const maxBytes = 20 * 1024 * 1024;

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiError)) return { message: 'app.error' };
  if (error.status === 413) return { message: 'admin.register.tooLarge' };
  const details = (error.details ?? {}) as Record<string, unknown>;
  if (details.rule === 'register_file_refused')
    return { message: 'admin.register.refused.file', values: { reason: error.message } };
  if (details.rule === 'register_kind_of_other_sector')
    return { message: 'admin.register.refused.sector', values: { sector: String(details.sector) } };
  return { message: 'app.error' };
}

export default function SchoolRegisterPage() {
  const { t, formatNumber } = useI18n();
  const swv = useSwv();
  const invalidate = useInvalidate();
  const [chosenKind, setChosenKind] = useState<string | null>(null);
  const kinds = registerKinds.filter((kind) => !swv.data || sectorOfKind(kind) === swv.data.sector);
  const kind = chosenKind ?? kinds[0] ?? 'bao';
  const state = useFileImport<Result, Failure>({
    send: (file, apply) =>
      api<typeof SchoolRegisterImportResult>(
        'POST',
        `/api/swv/school-register?kind=${kind}&apply=${apply}`,
        file,
      ),
    failureOf,
    tooLarge: { message: 'admin.register.tooLarge' },
    maxBytes,
    onApplied: () => invalidate(adminKeys.schools),
  });
  const { result, failure, busy } = state;
  const changed = result ? result.created.length + result.updated.length : 0;

  return (
    <>
      <BackLink href="/admin/schools" label={t('admin.register.back')} />
      <Heading level={1}>{t('admin.register.title')}</Heading>
      <Paragraph>{t('admin.register.intro')}</Paragraph>
      {!result?.applied && (
        <FileChoiceForm
          state={state}
          name="registerFile"
          accept=".csv,text/csv"
          texts={{
            label: t('admin.register.file'),
            hint: t('admin.register.fileHint'),
            missing: t('admin.register.file.missing'),
            preview: t('admin.register.preview'),
          }}
        >
          <SelectField
            path="registerKind"
            label={t('admin.register.kind')}
            description={t('admin.register.kindHint')}
            value={kind}
            onChange={(value) => {
              setChosenKind(value);
              state.choose(state.file);
            }}
            options={kinds.map((value) => ({ value, label: t(`admin.kind.${value}`) }))}
            placeholder={t('admin.register.kind')}
          />
        </FileChoiceForm>
      )}
      <StatusMessage>
        {busy === 'preview' ? t('admin.register.busy') : busy === 'apply' ? t('admin.register.applying') : ''}
      </StatusMessage>
      {failure && (
        <div className="passend-import-refusal">
          <Alert type="error" role="alert">
            <Heading level={2} ref={state.answer} tabIndex={-1}>
              {t('admin.register.refused.title')}
            </Heading>
            <Paragraph>{t(failure.message, failure.values)}</Paragraph>
          </Alert>
        </div>
      )}
      {result && (
        <section aria-labelledby="register-answer" className="passend-import">
          <Heading level={2} id="register-answer" ref={state.answer} tabIndex={-1}>
            {t(result.applied ? 'admin.register.doneTitle' : 'admin.register.previewTitle')}
          </Heading>
          {result.applied && (
            <Alert type="ok">
              <Paragraph>
                {t('admin.register.done', { created: result.created.length, updated: result.updated.length })}
              </Paragraph>
            </Alert>
          )}
          <dl className="passend-import-counts">
            {(
              [
                ['admin.register.count.created', result.created.length],
                ['admin.register.count.updated', result.updated.length],
                ['admin.register.count.unchanged', result.unchanged],
                ['admin.register.count.elsewhere', result.elsewhere],
              ] as const
            ).map(([label, count]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{formatNumber(count)}</dd>
              </div>
            ))}
          </dl>
          {changed === 0 && !result.applied && <Paragraph>{t('admin.register.nothing')}</Paragraph>}
          <Locations title="admin.register.list.created" items={result.created} />
          <Locations title="admin.register.list.updated" items={result.updated} />
          {result.unknownPostcode.length > 0 && (
            <Paragraph>
              {t('admin.register.unknownPostcode', { codes: result.unknownPostcode.join(', ') })}
            </Paragraph>
          )}
          {result.refused.length > 0 && (
            <>
              <Paragraph>{t('admin.register.refusedRows')}</Paragraph>
              <ul className="passend-import-problems">
                {result.refused.map((row) => (
                  <li key={row}>{row}</li>
                ))}
              </ul>
            </>
          )}
          <div className="passend-import-actions">
            {result.applied ? (
              <Link
                href="/admin/schools"
                className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
              >
                {t('admin.register.back')}
              </Link>
            ) : (
              <>
                {changed > 0 && (
                  <Button
                    type="button"
                    appearance="primary-action-button"
                    disabled={busy !== null}
                    onClick={state.apply}
                  >
                    {t('admin.register.apply')}
                  </Button>
                )}
                <Button type="button" appearance="secondary-action-button" onClick={state.startOver}>
                  {t('admin.register.another')}
                </Button>
              </>
            )}
          </div>
        </section>
      )}
    </>
  );
}

function Locations({
  title,
  items,
}: {
  title: MessageKey;
  items: { locationCode: string; name: string; city: string; fields?: string[] }[];
}) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <>
      <Heading level={3}>{t(title)}</Heading>
      <ul className="passend-import-list">
        {items.map((item) => (
          <li key={item.locationCode}>
            <strong>{item.name}</strong> ({item.locationCode}, {item.city})
            {item.fields && (
              <>
                {' — '}
                {item.fields.map((field) => t(`admin.register.field.${field}` as MessageKey)).join(', ')}
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
