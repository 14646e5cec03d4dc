// The case meetings tab (MDO / kernteamoverleg): every meeting on the child with who was there, the
// notes and the actions agreed; who the server says may (the IB'er of the school, the consultant)
// records a new meeting and takes an action into the child's active plan.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { CreateMeetingBody, type MeetingView } from '../../../../contracts/meetings.ts';
import { amsterdamToday } from '../../../../domain/calendar.ts';
import { type AgreementOwner, agreementOwners, caseMeetingKinds } from '../../../../domain/childFile.ts';
import { ApiError, api } from '../../../app/api.ts';
import type { Me } from '../../../app/session.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import {
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

type Meeting = z.infer<typeof MeetingView>;

const meetingsKey = (studentId: string) => ['student', studentId, 'meetings'] as const;

const fieldMessages: Record<string, MessageKey> = {
  kind: 'meetings.error.kind',
  heldOn: 'meetings.error.heldOn',
  participants: 'meetings.error.participants',
  name: 'meetings.error.name',
  role: 'meetings.error.role',
  notes: 'meetings.error.notes',
  actions: 'meetings.error.actions',
  action: 'meetings.error.action',
  owner: 'meetings.error.owner',
};

const ownerKey = (owner: AgreementOwner): MessageKey => `owner.${owner}`;

/** Today in the Netherlands (YYYY-MM-DD), whatever the browser's time zone. */
const today = () => amsterdamToday(new Date());

export default function MeetingsTab({ student, me }: StudentTabProps) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: meetingsKey(student.id),
    queryFn: () => api<z.ZodArray<typeof MeetingView>>('GET', `${studentPath(student.id)}/meetings`),
  });
  const [feedback, setFeedback] = useState<Feedback>(null);
  const meetings = query.data;
  return (
    <div className="passend-casefile">
      <Paragraph>{t('meetings.intro')}</Paragraph>
      <FeedbackMessage feedback={feedback} />
      {student.permissions.addMeeting && <NewMeeting student={student} me={me} onSaved={setFeedback} />}
      {query.isPending ? (
        <LoadingState />
      ) : query.isError || !meetings ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : meetings.length === 0 ? (
        <EmptyState>{t('meetings.empty')}</EmptyState>
      ) : (
        meetings.map((meeting) => (
          <MeetingRecord
            key={meeting.id}
            meeting={meeting}
            mayTakeIntoPlan={student.permissions.takeActionIntoPlan}
            onFeedback={setFeedback}
          />
        ))
      )}
    </div>
  );
}

function MeetingRecord({
  meeting,
  mayTakeIntoPlan,
  onFeedback,
}: {
  meeting: Meeting;
  mayTakeIntoPlan: boolean;
  onFeedback: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const kind = t(`meetings.kind.${meeting.kind}`);
  const date = formatDate(meeting.heldOn);
  const headingId = `meeting-${meeting.id}`;

  async function takeIntoPlan(action: Meeting['actions'][number]) {
    setBusy(action.id);
    try {
      await api('POST', `/api/meetings/${meeting.id}/actions/${action.id}/to-plan`);
      // The plan changed too: read everything of this child again.
      await client.invalidateQueries({ queryKey: ['student', meeting.studentId] });
      onFeedback({ ok: true, text: t('meetings.toPlan.done', { action: action.action }) });
    } catch (caught) {
      const noPlan =
        caught instanceof ApiError &&
        (caught.details as { rule?: string } | undefined)?.rule === 'no_active_plan';
      onFeedback({ ok: false, text: t(noPlan ? 'meetings.toPlan.noPlan' : 'meetings.toPlan.failed') });
    } finally {
      setBusy(null);
    }
  }

  return (
    <article aria-labelledby={headingId} className="passend-meeting">
      <Heading level={3} id={headingId}>
        {t('meetings.title', { kind, date })}
      </Heading>
      <Paragraph>
        {t('meetings.recordedBy', { name: meeting.createdByName ?? t('student.unknownPerson') })}
      </Paragraph>
      <Heading level={4}>{t('meetings.participants')}</Heading>
      <UnorderedList>
        {meeting.participants.map((participant, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: participants have no id and keep their order
          <UnorderedListItem key={index}>
            {t('meetings.participant', { name: participant.name, role: participant.role })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Heading level={4}>{t('meetings.notes')}</Heading>
      <Paragraph className="passend-meeting__notes">{meeting.notes || t('meetings.noNotes')}</Paragraph>
      {meeting.actions.length === 0 ? (
        <>
          <Heading level={4}>{t('meetings.actions')}</Heading>
          <Paragraph>{t('meetings.noActions')}</Paragraph>
        </>
      ) : (
        // The table's caption names the actions and the meeting they come from.
        <DataTable
          caption={t('meetings.actionsCaption', { kind, date })}
          columns={[
            { header: t('meetings.action'), cell: (action) => action.action },
            { header: t('meetings.owner'), cell: (action) => t(ownerKey(action.owner)) },
            {
              header: t('meetings.inPlan'),
              cell: (action) =>
                action.planAgreementId !== null ? (
                  t('meetings.inPlan.yes')
                ) : mayTakeIntoPlan ? (
                  <Button
                    appearance="secondary-action-button"
                    aria-label={t('meetings.toPlanLabel', { action: action.action })}
                    disabled={busy !== null}
                    onClick={() => void takeIntoPlan(action)}
                  >
                    {t('meetings.toPlan')}
                  </Button>
                ) : (
                  t('meetings.inPlan.no')
                ),
            },
          ]}
          rows={meeting.actions}
          rowKey={(action) => action.id}
        />
      )}
    </article>
  );
}

function NewMeeting({
  student,
  me,
  onSaved,
}: {
  student: Student;
  me: Me;
  onSaved: (feedback: Feedback) => void;
}) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('kind');
  if (!isOpen) {
    return (
      <Button
        ref={openButton}
        appearance="secondary-action-button"
        onClick={() => {
          onSaved(null);
          setOpen(true);
        }}
      >
        {t('meetings.new')}
      </Button>
    );
  }
  return (
    <MeetingForm
      student={student}
      me={me}
      onDone={(feedback) => {
        onSaved(feedback);
        setOpen(false);
      }}
    />
  );
}

type Row<T> = T & { key: number };
let nextRowKey = 1;
const row = <T,>(value: T): Row<T> => ({ ...value, key: nextRowKey++ });

function MeetingForm({
  student,
  me,
  onDone,
}: {
  student: Student;
  me: Me;
  onDone: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const ownRole = me.user.memberships.find((m) => m.role === 'school_ib' || m.role === 'consultant')?.role;
  const [kind, setKind] = useState('');
  const [heldOn, setHeldOn] = useState(today);
  const [participants, setParticipants] = useState(() => [
    row({ name: me.user.displayName, role: ownRole ? t(`role.${ownRole}`).toLocaleLowerCase() : '' }),
  ]);
  const [notes, setNotes] = useState('');
  const [actions, setActions] = useState<Row<{ action: string; owner: string }>[]>([]);
  const { errors, busy, submit } = useFormSubmit({ messages: fieldMessages });

  const update = <T,>(rows: Row<T>[], index: number, change: Partial<T>) =>
    rows.map((item, i) => (i === index ? { ...item, ...change } : item));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      kind: kind || undefined,
      heldOn,
      participants: participants.map(({ name, role }) => ({ name, role })),
      notes,
      actions: actions.map(({ action, owner }) => ({ action, owner: owner || undefined })),
    };
    void submit(CreateMeetingBody, input, async (body) => {
      await api('POST', `${studentPath(student.id)}/meetings`, body);
      await client.invalidateQueries({ queryKey: meetingsKey(student.id) });
      onDone({ ok: true, text: t('meetings.form.saved', { date: formatDate(body.heldOn) }) });
    });
  };

  const shown = errors ?? {};
  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('meetings.form.label')}>
      <ErrorSummary errors={errors} />
      <SelectField
        path="kind"
        label={t('meetings.form.kind')}
        placeholder={t('meetings.choose')}
        value={kind}
        options={caseMeetingKinds.map((value) => ({ value, label: t(`meetings.kind.${value}`) }))}
        error={shown.kind}
        onChange={setKind}
      />
      <TextField
        path="heldOn"
        type="date"
        label={t('meetings.form.heldOn')}
        value={heldOn}
        error={shown.heldOn}
        onChange={setHeldOn}
      />
      <Fieldset invalid={Boolean(shown.participants)}>
        <FieldsetLegend>{t('meetings.form.participants')}</FieldsetLegend>
        {shown.participants && (
          <FormFieldErrorMessage id={`${fieldId('participants')}-error`}>
            {t(shown.participants)}
          </FormFieldErrorMessage>
        )}
        {participants.map((participant, index) => (
          <Fieldset key={participant.key} className="passend-casefile-row">
            <FieldsetLegend>{t('meetings.form.participantLegend', { number: index + 1 })}</FieldsetLegend>
            <TextField
              path={`participants.${index}.name`}
              label={t('meetings.form.participantName')}
              value={participant.name}
              error={shown[`participants.${index}.name`]}
              onChange={(name) => setParticipants(update(participants, index, { name }))}
            />
            <TextField
              path={`participants.${index}.role`}
              label={t('meetings.form.participantRole')}
              description={index === 0 ? t('meetings.form.participantRoleHint') : undefined}
              value={participant.role}
              error={shown[`participants.${index}.role`]}
              onChange={(role) => setParticipants(update(participants, index, { role }))}
            />
            {participants.length > 1 && (
              <Button
                appearance="subtle-button"
                onClick={() => setParticipants(participants.filter((_, i) => i !== index))}
              >
                {t('meetings.form.removeParticipant', { number: index + 1 })}
              </Button>
            )}
          </Fieldset>
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() => setParticipants([...participants, row({ name: '', role: '' })])}
        >
          {t('meetings.form.addParticipant')}
        </Button>
      </Fieldset>
      <TextAreaField
        path="notes"
        label={t('meetings.form.notes')}
        description={t('meetings.form.notesHint')}
        rows={6}
        value={notes}
        error={shown.notes}
        onChange={setNotes}
      />
      <Fieldset invalid={Boolean(shown.actions)}>
        <FieldsetLegend>{t('meetings.form.actions')}</FieldsetLegend>
        {shown.actions && (
          <FormFieldErrorMessage id={`${fieldId('actions')}-error`}>{t(shown.actions)}</FormFieldErrorMessage>
        )}
        {actions.map((action, index) => (
          <Fieldset key={action.key} className="passend-casefile-row">
            <FieldsetLegend>{t('meetings.form.actionLegend', { number: index + 1 })}</FieldsetLegend>
            <TextField
              path={`actions.${index}.action`}
              label={t('meetings.form.action')}
              value={action.action}
              error={shown[`actions.${index}.action`]}
              onChange={(text) => setActions(update(actions, index, { action: text }))}
            />
            <SelectField
              path={`actions.${index}.owner`}
              label={t('meetings.form.owner')}
              placeholder={t('meetings.choose')}
              value={action.owner}
              options={agreementOwners.map((value) => ({ value, label: t(ownerKey(value)) }))}
              error={shown[`actions.${index}.owner`]}
              onChange={(owner) => setActions(update(actions, index, { owner }))}
            />
            <Button
              appearance="subtle-button"
              onClick={() => setActions(actions.filter((_, i) => i !== index))}
            >
              {t('meetings.form.removeAction', { number: index + 1 })}
            </Button>
          </Fieldset>
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() => setActions([...actions, row({ action: '', owner: '' })])}
        >
          {t('meetings.form.addAction')}
        </Button>
      </Fieldset>
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('meetings.form.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
