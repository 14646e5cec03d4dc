// The consent tab: every consent on the child, with whether it holds now (or expired, or was
// withdrawn, and by whom). A parent gives and withdraws consent here in plain Dutch; the IB'er of
// the school records a consent given on paper, with proof. The server decides every access.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
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
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { type ConsentList, type ConsentView, GiveConsentBody } from '../../../../contracts/consent.ts';
import { amsterdamToday } from '../../../../domain/calendar.ts';
import { type ConsentPurpose, consentPurposes } from '../../../../domain/consent.ts';
import { api } from '../../../app/api.ts';
import {
  ConfirmAction,
  ErrorSummary,
  type Feedback,
  FeedbackMessage,
  fieldId,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
  useFormToggle,
} from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { type Student, studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import './casefile.css';

type Consent = z.infer<typeof ConsentView>;
type Partner = z.infer<typeof ConsentList>['partnerOrganisations'][number];

const consentsKey = (studentId: string) => ['student', studentId, 'consents'] as const;

const fieldMessages: Record<string, MessageKey> = {
  purpose: 'consent.error.purpose',
  partnerOrganisationId: 'consent.error.partnerOrganisationId',
  scope: 'consent.error.scope',
  expiresOn: 'consent.error.expiresOn',
  givenByName: 'consent.error.givenByName',
  givenOn: 'consent.error.givenOn',
  proof: 'consent.error.proof',
};

/** Today in the Netherlands (YYYY-MM-DD), whatever the browser's time zone. */
const today = () => amsterdamToday(new Date());

/** A parent gives consent as themselves; the school's IB'er records one given on paper. */
type Mode = 'portal' | 'paper';

/** As the server gives consent: a parent of the child in the portal, anyone else it allows on paper. */
function modeOf({ permissions }: Student): Mode | null {
  if (!permissions.giveConsent) return null;
  return permissions.asParent ? 'portal' : 'paper';
}

export default function ConsentTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: consentsKey(student.id),
    queryFn: () => api<typeof ConsentList>('GET', `${studentPath(student.id)}/consents`),
  });
  const [feedback, setFeedback] = useState<Feedback>(null);
  const mode = modeOf(student);
  return (
    <div className="passend-casefile">
      <Paragraph>{t(mode === 'portal' ? 'consent.intro.parent' : 'consent.intro.staff')}</Paragraph>
      <FeedbackMessage feedback={feedback} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : (
        <>
          {mode && (
            <NewConsent
              student={student}
              mode={mode}
              partners={query.data.partnerOrganisations}
              onDone={setFeedback}
            />
          )}
          {query.data.consents.length === 0 ? (
            <EmptyState>{t('consent.empty')}</EmptyState>
          ) : (
            query.data.consents.map((consent) => (
              <ConsentRecord
                key={consent.id}
                consent={consent}
                student={student}
                mayWithdraw={student.permissions.withdrawConsent}
                onFeedback={setFeedback}
              />
            ))
          )}
        </>
      )}
    </div>
  );
}

function purposeText(
  t: ReturnType<typeof useI18n>['t'],
  consent: { purpose: ConsentPurpose; partnerOrganisationName: string | null },
) {
  return t(`consent.purpose.${consent.purpose}`, { partner: consent.partnerOrganisationName ?? '' });
}

function ConsentRecord({
  consent,
  student,
  mayWithdraw,
  onFeedback,
}: {
  consent: Consent;
  student: Student;
  mayWithdraw: boolean;
  onFeedback: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const headingId = `consent-${consent.id}`;
  const stillHolds = consent.status === 'in_force' || consent.status === 'not_yet';

  async function withdraw() {
    try {
      await api('POST', `/api/consents/${consent.id}/withdraw`);
      await client.invalidateQueries({ queryKey: consentsKey(student.id) });
      onFeedback({ ok: true, text: t('consent.withdraw.done') });
    } catch {
      onFeedback({ ok: false, text: t('consent.withdraw.failed') });
    }
  }

  return (
    <article aria-labelledby={headingId} className="passend-consent">
      <Heading level={3} id={headingId}>
        {purposeText(t, consent)}
      </Heading>
      <Paragraph>
        <span className={`passend-consent-status passend-consent-status--${consent.status}`}>
          {t(`consent.status.${consent.status}`)}
        </span>
      </Paragraph>
      <dl className="passend-student-data">
        {consent.scope && (
          <>
            <dt>{t('consent.scope')}</dt>
            <dd>{consent.scope}</dd>
          </>
        )}
        <dt>{t('consent.given')}</dt>
        <dd>
          {t(consent.givenInPortal ? 'consent.givenInPortal' : 'consent.givenOnPaper', {
            date: formatDate(consent.givenOn),
            name: consent.givenByName,
          })}
        </dd>
        {consent.proof && (
          <>
            <dt>{t('consent.proof')}</dt>
            <dd>{consent.proof}</dd>
          </>
        )}
        {!consent.givenInPortal && consent.recordedByName && (
          <>
            <dt>{t('consent.recordedBy')}</dt>
            <dd>{consent.recordedByName}</dd>
          </>
        )}
        <dt>{t('consent.expires')}</dt>
        <dd>{consent.expiresOn ? formatDate(consent.expiresOn) : t('consent.noExpiry')}</dd>
        {consent.withdrawnAt && (
          <>
            <dt>{t('consent.status.withdrawn')}</dt>
            <dd>
              {t('consent.withdrawn', {
                date: formatDate(consent.withdrawnAt),
                name: consent.withdrawnByName ?? t('student.unknownPerson'),
              })}
            </dd>
          </>
        )}
      </dl>
      {mayWithdraw && stillHolds && (
        <ConfirmAction
          label={t('consent.withdraw')}
          question={
            consent.purpose === 'share_with_partner'
              ? t('consent.withdraw.question.partner', {
                  partner: consent.partnerOrganisationName ?? '',
                  child: student.givenName,
                })
              : t('consent.withdraw.question')
          }
          confirmLabel={t('consent.withdraw.confirm')}
          onConfirm={withdraw}
        />
      )}
    </article>
  );
}

function NewConsent({
  student,
  mode,
  partners,
  onDone,
}: {
  student: Student;
  mode: Mode;
  partners: readonly Partner[];
  onDone: (feedback: Feedback) => void;
}) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('purpose');
  if (!isOpen) {
    return (
      <Button
        ref={openButton}
        appearance="primary-action-button"
        onClick={() => {
          onDone(null);
          setOpen(true);
        }}
      >
        {t(mode === 'portal' ? 'consent.give' : 'consent.record')}
      </Button>
    );
  }
  return (
    <ConsentForm
      student={student}
      mode={mode}
      partners={partners}
      onDone={(feedback) => {
        onDone(feedback);
        setOpen(false);
      }}
    />
  );
}

function ConsentForm({
  student,
  mode,
  partners,
  onDone,
}: {
  student: Student;
  mode: Mode;
  partners: readonly Partner[];
  onDone: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>('');
  const [partnerId, setPartnerId] = useState('');
  const [scope, setScope] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [givenOn, setGivenOn] = useState(today);
  const [givenByName, setGivenByName] = useState('');
  const [proof, setProof] = useState('');
  const { errors, busy, submit } = useFormSubmit({ messages: fieldMessages });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      purpose: purpose || undefined,
      partnerOrganisationId: purpose === 'share_with_partner' ? partnerId || null : null,
      scope,
      expiresOn: expiresOn || null,
      // The school writes down what the signed form says; a parent gives consent as themselves, today.
      ...(mode === 'paper' ? { givenOn, givenByName, proof } : {}),
    };
    void submit(GiveConsentBody, input, async (body) => {
      const saved = await api<typeof ConsentView>('POST', `${studentPath(student.id)}/consents`, body);
      await client.invalidateQueries({ queryKey: consentsKey(student.id) });
      onDone({ ok: true, text: t('consent.form.saved', { date: formatDate(saved.givenOn) }) });
    });
  };

  const shown = errors ?? {};
  const purposeError = shown.purpose;
  return (
    <form
      className="passend-form"
      onSubmit={save}
      noValidate
      aria-label={t(mode === 'portal' ? 'consent.form.labelParent' : 'consent.form.labelStaff')}
    >
      <ErrorSummary errors={errors} />
      <Fieldset
        invalid={Boolean(purposeError)}
        aria-describedby={purposeError ? `${fieldId('purpose')}-error` : undefined}
      >
        <FieldsetLegend>
          {t(mode === 'portal' ? 'consent.form.purpose' : 'consent.form.purposeStaff')}
        </FieldsetLegend>
        {purposeError && (
          <FormFieldErrorMessage id={`${fieldId('purpose')}-error`}>{t(purposeError)}</FormFieldErrorMessage>
        )}
        {consentPurposes.map((value, index) => {
          const id = index === 0 ? fieldId('purpose') : `${fieldId('purpose')}-${value}`;
          return (
            <FormField key={value} type="radio">
              <RadioButton
                id={id}
                name="purpose"
                value={value}
                checked={purpose === value}
                invalid={Boolean(purposeError)}
                onChange={() => setPurpose(value)}
              />
              <FormLabel htmlFor={id} type="radio">
                {purposeText(t, {
                  purpose: value,
                  partnerOrganisationName: t('consent.form.anOrganisation'),
                })}
              </FormLabel>
            </FormField>
          );
        })}
      </Fieldset>
      {purpose === 'share_with_partner' && (
        <SelectField
          path="partnerOrganisationId"
          label={t('consent.form.partner')}
          description={t('consent.form.partnerHint')}
          placeholder={t('meetings.choose')}
          value={partnerId}
          options={partners.map((partner) => ({ value: partner.id, label: partner.name }))}
          error={shown.partnerOrganisationId}
          onChange={setPartnerId}
        />
      )}
      <TextAreaField
        path="scope"
        label={t('consent.form.scope')}
        description={t('consent.form.scopeHint')}
        rows={3}
        value={scope}
        error={shown.scope}
        onChange={setScope}
      />
      <TextField
        path="expiresOn"
        type="date"
        label={t('consent.form.expiresOn')}
        description={t(mode === 'portal' ? 'consent.form.expiresOnHint' : 'consent.form.expiresOnHintStaff')}
        value={expiresOn}
        error={shown.expiresOn}
        onChange={setExpiresOn}
      />
      {mode === 'paper' && (
        <>
          <TextField
            path="givenByName"
            label={t('consent.form.givenByName')}
            description={t('consent.form.givenByNameHint')}
            autoComplete="off"
            value={givenByName}
            error={shown.givenByName}
            onChange={setGivenByName}
          />
          <TextField
            path="givenOn"
            type="date"
            label={t('consent.form.givenOn')}
            max={today()}
            value={givenOn}
            error={shown.givenOn}
            onChange={setGivenOn}
          />
          <TextAreaField
            path="proof"
            label={t('consent.form.proof')}
            description={t('consent.form.proofHint')}
            rows={2}
            value={proof}
            error={shown.proof}
            onChange={setProof}
          />
        </>
      )}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t(mode === 'portal' ? 'consent.form.submitParent' : 'consent.form.submitStaff')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
