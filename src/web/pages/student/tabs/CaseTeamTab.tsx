// The case team tab ("Zorgteam"): who works on the child's case outside the school, with role,
// reason and period, and whether each may read the file (case team AND the parents' consent).
// The IB'er and the consultant add people or organisations and take them off; parents read it in
// plain Dutch. The server decides every access.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { AddCaseMemberBody, type CaseMemberView, type CaseTeamView } from '../../../../contracts/caseTeam.ts';
import { amsterdamToday } from '../../../../domain/calendar.ts';
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
  validate,
} from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { type Student, studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import './casefile.css';

type Member = z.infer<typeof CaseMemberView>;
type Choices = NonNullable<z.infer<typeof CaseTeamView>['choices']>;

const caseTeamKey = (studentId: string) => ['student', studentId, 'case-team'] as const;

const fieldMessages: Record<string, MessageKey> = {
  userId: 'caseTeam.error.userId',
  partnerOrganisationId: 'caseTeam.error.partnerOrganisationId',
  role: 'caseTeam.error.role',
  reason: 'caseTeam.error.reason',
  validFrom: 'caseTeam.error.validFrom',
  validUntil: 'caseTeam.error.validUntil',
};

/** Today in the Netherlands (YYYY-MM-DD), whatever the browser's time zone. */
const today = () => amsterdamToday(new Date());

export default function CaseTeamTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: caseTeamKey(student.id),
    queryFn: () => api<typeof CaseTeamView>('GET', `${studentPath(student.id)}/case-team`),
  });
  const [feedback, setFeedback] = useState<Feedback>(null);
  const choices = query.data?.choices ?? null;
  const members = query.data?.members ?? [];
  const current = members.filter((m) => m.status === 'in_force');
  const others = members.filter((m) => m.status !== 'in_force');
  return (
    <div className="passend-casefile">
      <Paragraph>
        {t(student.permissions.asParent ? 'caseTeam.intro.parent' : 'caseTeam.intro.staff')}
      </Paragraph>
      <FeedbackMessage feedback={feedback} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : (
        <>
          {choices && <NewMember student={student} choices={choices} onDone={setFeedback} />}
          {members.length === 0 ? (
            <EmptyState>{t('caseTeam.empty')}</EmptyState>
          ) : (
            <>
              <section aria-labelledby="case-team-current" className="passend-case-team">
                <Heading level={3} id="case-team-current">
                  {t('caseTeam.current')}
                </Heading>
                {current.length === 0 && <Paragraph>{t('caseTeam.noneNow')}</Paragraph>}
                {current.map((member) => (
                  <MemberRecord
                    key={member.id}
                    member={member}
                    student={student}
                    mayEnd={choices !== null}
                    onFeedback={setFeedback}
                  />
                ))}
              </section>
              {others.length > 0 && (
                <section aria-labelledby="case-team-history" className="passend-case-team">
                  <Heading level={3} id="case-team-history">
                    {t('caseTeam.history')}
                  </Heading>
                  {others.map((member) => (
                    <MemberRecord
                      key={member.id}
                      member={member}
                      student={student}
                      mayEnd={choices !== null}
                      onFeedback={setFeedback}
                    />
                  ))}
                </section>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

function memberName(t: ReturnType<typeof useI18n>['t'], member: Member): string {
  if (member.kind === 'organisation') return t('caseTeam.organisation', { name: member.name });
  return member.organisationName
    ? t('caseTeam.personAt', { name: member.name, organisation: member.organisationName })
    : member.name;
}

function readsFileText(member: Member): MessageKey {
  if (member.readsFile === null) return 'caseTeam.readsFile.ownRole';
  if (member.readsFile) return 'caseTeam.readsFile.yes';
  return member.status === 'in_force' ? 'caseTeam.readsFile.noConsent' : 'caseTeam.readsFile.notNow';
}

function MemberRecord({
  member,
  student,
  mayEnd,
  onFeedback,
}: {
  member: Member;
  student: Student;
  mayEnd: boolean;
  onFeedback: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const headingId = `case-member-${member.id}`;
  const name = memberName(t, member);
  const stillOn = member.status === 'in_force' || member.status === 'not_yet';

  async function end() {
    try {
      await api('POST', `${studentPath(student.id)}/case-team/${encodeURIComponent(member.id)}/end`);
      await client.invalidateQueries({ queryKey: caseTeamKey(student.id) });
      onFeedback({ ok: true, text: t('caseTeam.end.done', { name }) });
    } catch {
      onFeedback({ ok: false, text: t('caseTeam.end.failed') });
    }
  }

  return (
    <article aria-labelledby={headingId} className="passend-consent">
      <Heading level={4} id={headingId}>
        {name}
      </Heading>
      <Paragraph>
        <span className={`passend-consent-status passend-case-member-status--${member.status}`}>
          {t(`caseTeam.status.${member.status}`)}
        </span>
      </Paragraph>
      <dl className="passend-student-data">
        {member.role && (
          <>
            <dt>{t('caseTeam.role')}</dt>
            <dd>{member.role}</dd>
          </>
        )}
        {member.reason && (
          <>
            <dt>{t('caseTeam.reason')}</dt>
            <dd>{member.reason}</dd>
          </>
        )}
        <dt>{t('caseTeam.period')}</dt>
        <dd>
          {member.validUntil
            ? t('caseTeam.period.closed', {
                from: formatDate(member.validFrom),
                until: formatDate(member.validUntil),
              })
            : t('caseTeam.period.open', { from: formatDate(member.validFrom) })}
        </dd>
        <dt>{t('caseTeam.readsFile')}</dt>
        <dd>{t(readsFileText(member))}</dd>
        <dt>{t('caseTeam.added')}</dt>
        <dd>
          {t('caseTeam.addedBy', {
            date: formatDate(member.addedAt),
            name: member.addedByName ?? t('student.unknownPerson'),
          })}
        </dd>
        {member.endedAt && (
          <>
            <dt>{t('caseTeam.ended')}</dt>
            <dd>
              {t('caseTeam.endedBy', {
                date: formatDate(member.endedAt),
                name: member.endedByName ?? t('student.unknownPerson'),
              })}
            </dd>
          </>
        )}
      </dl>
      {mayEnd && stillOn && (
        <ConfirmAction
          label={t('caseTeam.end')}
          question={t('caseTeam.end.question', { name, child: student.givenName })}
          confirmLabel={t('caseTeam.end.confirm')}
          onConfirm={end}
        />
      )}
    </article>
  );
}

function NewMember({
  student,
  choices,
  onDone,
}: {
  student: Student;
  choices: Choices;
  onDone: (feedback: Feedback) => void;
}) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('kind');
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
        {t('caseTeam.add')}
      </Button>
    );
  }
  return (
    <MemberForm
      student={student}
      choices={choices}
      onDone={(feedback) => {
        onDone(feedback);
        setOpen(false);
      }}
    />
  );
}

type Kind = 'organisation' | 'person';

function MemberForm({
  student,
  choices,
  onDone,
}: {
  student: Student;
  choices: Choices;
  onDone: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('organisation');
  const [organisationId, setOrganisationId] = useState('');
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState('');
  const [reason, setReason] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState('');
  const { errors, setErrors, busy, submit } = useFormSubmit({
    messages: fieldMessages,
    conflict: { path: 'validFrom', message: 'caseTeam.error.overlap' },
  });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      userId: kind === 'person' ? personId || null : null,
      partnerOrganisationId: kind === 'organisation' ? organisationId || null : null,
      role,
      reason,
      validFrom,
      validUntil: validUntil || null,
    };
    // The contract names a missing member on userId; with "an organisation" chosen, say it there.
    const checked = validate(AddCaseMemberBody, input, fieldMessages);
    if (checked.errors) {
      const { userId, ...others } = checked.errors;
      setErrors(
        userId && kind === 'organisation'
          ? { partnerOrganisationId: 'caseTeam.error.partnerOrganisationId', ...others }
          : checked.errors,
      );
      return;
    }
    void submit(AddCaseMemberBody, input, async (body) => {
      const saved = await api<typeof CaseMemberView>('POST', `${studentPath(student.id)}/case-team`, body);
      await client.invalidateQueries({ queryKey: caseTeamKey(student.id) });
      onDone({
        ok: true,
        text: t('caseTeam.form.saved', { name: memberName(t, saved), date: formatDate(saved.validFrom) }),
      });
    });
  };

  const shown = errors ?? {};
  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('caseTeam.form.label')}>
      <ErrorSummary errors={errors} />
      <Fieldset>
        <FieldsetLegend>{t('caseTeam.form.kind')}</FieldsetLegend>
        {(['organisation', 'person'] as const).map((value, index) => {
          const id = index === 0 ? fieldId('kind') : `${fieldId('kind')}-${value}`;
          return (
            <FormField key={value} type="radio">
              <RadioButton
                id={id}
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />
              <FormLabel htmlFor={id} type="radio">
                {t(`caseTeam.form.kind.${value}`)}
              </FormLabel>
            </FormField>
          );
        })}
      </Fieldset>
      {kind === 'organisation' ? (
        <SelectField
          path="partnerOrganisationId"
          label={t('caseTeam.form.organisation')}
          description={t('caseTeam.form.organisationHint')}
          placeholder={t('meetings.choose')}
          value={organisationId}
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={shown.partnerOrganisationId}
          onChange={setOrganisationId}
        />
      ) : (
        <SelectField
          path="userId"
          label={t('caseTeam.form.person')}
          description={t('caseTeam.form.personHint')}
          placeholder={t('meetings.choose')}
          value={personId}
          options={choices.people.map((p) => ({
            value: p.id,
            label: `${p.name} (${p.organisationName ?? t('caseTeam.form.consultant')})`,
          }))}
          error={shown.userId}
          onChange={setPersonId}
        />
      )}
      <TextField
        path="role"
        label={t('caseTeam.form.role')}
        description={t('caseTeam.form.roleHint')}
        autoComplete="off"
        value={role}
        error={shown.role}
        onChange={setRole}
      />
      <TextAreaField
        path="reason"
        label={t('caseTeam.form.reason')}
        description={t('caseTeam.form.reasonHint')}
        rows={3}
        value={reason}
        error={shown.reason}
        onChange={setReason}
      />
      <TextField
        path="validFrom"
        type="date"
        label={t('caseTeam.form.validFrom')}
        value={validFrom}
        error={shown.validFrom}
        onChange={setValidFrom}
      />
      <TextField
        path="validUntil"
        type="date"
        label={t('caseTeam.form.validUntil')}
        description={t('caseTeam.form.validUntilHint')}
        value={validUntil}
        error={shown.validUntil}
        onChange={setValidUntil}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('caseTeam.form.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
