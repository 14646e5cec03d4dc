// The transition tab (/students/:id/transitions): the child's moves to another school, each linking
// to its page; the sending school's IB'er starts one here, picking the new school among the schools
// on Passend (also of another SWV) by name or BRIN and vestiging.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { StartTransitionBody } from '../../../../contracts/transitions.ts';
import { Link, navigate } from '../../../app/router.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
  useFormToggle,
} from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import {
  type TransitionRow,
  transitionErrors,
  transitionPage,
  useSchoolDirectory,
  useStudentTransitions,
  useTransitionsChange,
} from '../../transitions/data.ts';
import { Risks, SchoolName, TermClock, TransitionState } from '../../transitions/parts.tsx';
import type { Student } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import '../../transitions/transitions.css';
import './casefile.css';

export default function TransitionsTab({ student }: StudentTabProps) {
  const { t, formatDate } = useI18n();
  const query = useStudentTransitions(student.id);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const { transitions, permissions } = query.data;
  return (
    <div className="passend-casefile">
      <Paragraph>{t('trans.tab.intro', { name: student.givenName })}</Paragraph>
      {permissions.start && <NewTransition student={student} />}
      {transitions.length === 0 ? (
        <EmptyState>{t('trans.tab.empty', { name: student.givenName })}</EmptyState>
      ) : (
        <DataTable<TransitionRow>
          caption={t('trans.tab.caption', { name: student.givenName })}
          rows={transitions}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t('trans.col.to'),
              cell: (row) => (
                <Link href={transitionPage(row.id)} className="utrecht-link">
                  <SchoolName school={row.to} />
                </Link>
              ),
            },
            { header: t('trans.col.moves'), cell: (row) => formatDate(row.movesOn) },
            { header: t('trans.col.term'), cell: (row) => <TermClock row={row} /> },
            { header: t('trans.col.risks'), cell: (row) => <Risks row={row} /> },
            { header: t('trans.col.state'), cell: (row) => <TransitionState row={row} /> },
          ]}
        />
      )}
    </div>
  );
}

function NewTransition({ student }: { student: Student }) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('search');
  if (!isOpen)
    return (
      <Button ref={openButton} appearance="primary-action-button" onClick={() => setOpen(true)}>
        {t('trans.new')}
      </Button>
    );
  return <NewTransitionForm student={student} onCancel={() => setOpen(false)} />;
}

const messages = {
  toLocationCode: 'trans.error.toLocationCode',
  registeredOn: 'trans.error.registeredOn',
  movesOn: 'trans.error.movesOn',
} as const;

function NewTransitionForm({ student, onCancel }: { student: Student; onCancel: () => void }) {
  const { t } = useI18n();
  const change = useTransitionsChange();
  const [search, setSearch] = useState('');
  const [code, setCode] = useState('');
  const [registeredOn, setRegisteredOn] = useState('');
  const [movesOn, setMovesOn] = useState('');
  const [report, setReport] = useState('');
  const schools = useSchoolDirectory(search);
  const { errors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: (caught) => transitionErrors(caught, () => errorsFromResponse(caught, { messages })),
  });
  const found = schools.data?.schools ?? [];
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      StartTransitionBody,
      { toLocationCode: code || undefined, registeredOn, movesOn, report },
      async (body) => {
        const created = await change(
          'POST',
          `/api/students/${encodeURIComponent(student.id)}/transitions`,
          body,
        );
        navigate(transitionPage(created.id));
      },
    );
  };
  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('trans.new.label')}>
      <ErrorSummary errors={errors} />
      <TextField
        path="search"
        type="search"
        label={t('trans.new.search')}
        description={t('trans.new.searchHint')}
        value={search}
        onChange={setSearch}
      />
      <SelectField
        path="toLocationCode"
        label={t('trans.new.school')}
        placeholder={
          search.trim().length >= 2 && schools.isSuccess && found.length === 0
            ? t('trans.new.noSchools')
            : t('trans.choose')
        }
        value={code}
        options={found.map((school) => ({
          value: school.locationCode,
          label: `${school.otherSwvName ? t('trans.otherSwv', { school: school.name, swv: school.otherSwvName }) : school.name} — ${school.locationCode}`,
        }))}
        error={errors?.toLocationCode}
        onChange={setCode}
      />
      <TextField
        path="registeredOn"
        type="date"
        label={t('trans.new.registeredOn')}
        value={registeredOn}
        error={errors?.registeredOn}
        onChange={setRegisteredOn}
      />
      <TextField
        path="movesOn"
        type="date"
        label={t('trans.new.movesOn')}
        value={movesOn}
        error={errors?.movesOn}
        onChange={setMovesOn}
      />
      <TextAreaField
        path="report"
        label={t('trans.field.report')}
        description={t('trans.field.reportHint')}
        rows={5}
        value={report}
        error={errors?.report}
        onChange={setReport}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('trans.new.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
