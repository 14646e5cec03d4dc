// Complaints (/complaints). Staff of the SWV see the register, register a complaint that came in
// otherwise and handle each (in progress, closed with its outcome). A parent files their own
// complaint in plain Dutch (about what, what happened, optionally which child) and follows it.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import {
  type ComplaintList,
  type ComplaintView,
  CreateComplaintBody,
  UpdateComplaintBody,
} from '../../../contracts/objections.ts';
import { complaintStates } from '../../../domain/objections.ts';
import { DataTable } from '../../components/DataTable.tsx';
import {
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSchoolList } from '../requests/queue.ts';
import { objectionErrors, useComplaints, useObjectionsChange } from './data.ts';
import { RegisterForm, RegisterFrame, today } from './Register.tsx';
import '../requests/requests.css';

type Complaint = z.infer<typeof ComplaintView>;
type Children = z.infer<typeof ComplaintList>['children'];

export default function ComplaintsPage() {
  const { t, formatDate } = useI18n();
  const complaints = useComplaints();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [adding, setAdding] = useState(false);
  const [handling, setHandling] = useState<Complaint | null>(null);
  const staff = complaints.data?.permissions.handle ?? false;
  const rows = complaints.data?.complaints ?? [];
  const asParent = complaints.data !== undefined && !staff;
  return (
    <RegisterFrame
      title={t(asParent ? 'obj.complaint.titleParent' : 'obj.complaint.title')}
      intro={t(asParent ? 'obj.complaint.introParent' : 'obj.complaint.intro')}
      query={complaints}
    >
      <FeedbackMessage feedback={feedback} />
      {adding ? (
        <NewComplaint
          staff={staff}
          childrenOf={complaints.data?.children ?? []}
          onDone={(text) => {
            setAdding(false);
            setFeedback({ ok: true, text });
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Paragraph>
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setFeedback(null);
              setAdding(true);
            }}
          >
            {t(staff ? 'obj.complaint.add' : 'obj.complaint.addParent')}
          </Button>
        </Paragraph>
      )}
      {rows.length === 0 ? (
        <EmptyState>{t('obj.complaint.empty')}</EmptyState>
      ) : (
        <DataTable<Complaint>
          caption={t(staff ? 'obj.complaint.caption' : 'obj.complaint.captionParent')}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { header: t('obj.complaint.receivedOn'), cell: (row) => formatDate(row.receivedOn) },
            {
              header: t('obj.complaint.about'),
              cell: (row) => (
                <>
                  <strong>{row.about}</strong>
                  {row.childFirstName ? ` (${row.childFirstName})` : ''}
                  <br />
                  {row.description}
                  {staff && (
                    <>
                      <br />
                      <small>
                        {t(row.fromPortal ? 'obj.complaint.fromPortal' : 'obj.complaint.registered')}
                      </small>
                    </>
                  )}
                </>
              ),
            },
            {
              header: t('obj.complaint.state'),
              cell: (row) =>
                `${t(`obj.complaint.state.${row.state}`)}${row.closedOn ? ` (${formatDate(row.closedOn)})` : ''}`,
            },
            { header: t('obj.complaint.outcome'), cell: (row) => row.outcome || '—' },
            ...(staff
              ? [
                  {
                    header: t('obj.complaint.handle'),
                    cell: (row: Complaint) =>
                      row.state === 'closed' ? (
                        '—'
                      ) : (
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t('obj.complaint.handleButton', { date: formatDate(row.receivedOn) })}
                          onClick={() => {
                            setFeedback(null);
                            setHandling(row);
                          }}
                        >
                          {t('obj.complaint.handle')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {handling && (
        <HandleComplaint
          key={handling.id}
          complaint={handling}
          onDone={(text) => {
            setHandling(null);
            setFeedback({ ok: true, text });
          }}
          onCancel={() => setHandling(null)}
        />
      )}
    </RegisterFrame>
  );
}

type FormProps = { onDone: (text: string) => void; onCancel: () => void };

function NewComplaint({
  staff,
  childrenOf,
  onDone,
  onCancel,
}: FormProps & { staff: boolean; childrenOf: Children }) {
  const { t } = useI18n();
  const change = useObjectionsChange();
  const schools = useSchoolList(staff);
  const [values, setValues] = useState({
    about: '',
    description: '',
    studentId: '',
    schoolId: '',
    receivedOn: today(),
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: {
      about: 'obj.error.about',
      description: 'obj.error.description',
      receivedOn: 'obj.error.date',
    },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(
      CreateComplaintBody,
      {
        about: values.about,
        description: values.description,
        studentId: values.studentId || null,
        schoolId: values.schoolId || null,
        ...(staff ? { receivedOn: values.receivedOn } : {}),
      },
      async (body) => {
        await change('POST', '/api/complaints', body);
        onDone(t(staff ? 'obj.complaint.done' : 'obj.complaint.doneParent'));
      },
    );
  return (
    <RegisterForm
      title={t(staff ? 'obj.complaint.add' : 'obj.complaint.addParent')}
      errors={errors}
      busy={busy}
      submitLabel={t(staff ? 'obj.save' : 'obj.complaint.addParent')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="about"
        label={t('obj.complaint.about')}
        description={t('obj.complaint.aboutHint')}
        value={values.about}
        error={errors?.about}
        onChange={set('about')}
      />
      <TextAreaField
        path="description"
        label={t('obj.complaint.description')}
        rows={6}
        value={values.description}
        error={errors?.description}
        onChange={set('description')}
      />
      {!staff && childrenOf.length > 0 && (
        <SelectField
          path="studentId"
          label={t('obj.complaint.child')}
          placeholder={t('obj.complaint.noChild')}
          value={values.studentId}
          options={childrenOf.map((child) => ({ value: child.id, label: child.firstName }))}
          error={errors?.studentId}
          onChange={set('studentId')}
        />
      )}
      {staff && (
        <>
          <SelectField
            path="schoolId"
            label={t('obj.dispute.school')}
            placeholder={t('obj.dispute.noSchool')}
            value={values.schoolId}
            options={(schools.data ?? []).map((school) => ({ value: school.id, label: school.name }))}
            error={errors?.schoolId}
            onChange={set('schoolId')}
          />
          <TextField
            path="receivedOn"
            type="date"
            label={t('obj.complaint.receivedOn')}
            value={values.receivedOn}
            error={errors?.receivedOn}
            onChange={set('receivedOn')}
          />
        </>
      )}
    </RegisterForm>
  );
}

function HandleComplaint({ complaint, onDone, onCancel }: FormProps & { complaint: Complaint }) {
  const { t, formatDate } = useI18n();
  const change = useObjectionsChange();
  const [state, setState] = useState<string>(
    complaint.state === 'received' ? 'in_progress' : complaint.state,
  );
  const [outcome, setOutcome] = useState(complaint.outcome);
  const { errors, busy, submit } = useFormSubmit({
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(UpdateComplaintBody, { state, outcome }, async (body) => {
      await change('PATCH', `/api/complaints/${encodeURIComponent(complaint.id)}`, body);
      onDone(t('obj.complaint.done'));
    });
  return (
    <RegisterForm
      title={t('obj.complaint.handleFor', { date: formatDate(complaint.receivedOn) })}
      errors={errors}
      busy={busy}
      submitLabel={t('obj.complaint.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <SelectField
        path="state"
        label={t('obj.complaint.state')}
        placeholder={t('obj.choose')}
        value={state}
        options={complaintStates.map((value) => ({ value, label: t(`obj.complaint.state.${value}`) }))}
        error={errors?.state}
        onChange={setState}
      />
      <TextAreaField
        path="outcome"
        label={t('obj.complaint.outcome')}
        value={outcome}
        error={errors?.outcome}
        onChange={setOutcome}
      />
    </RegisterForm>
  );
}
