// Create a school (/admin/schools/new) or edit one (/admin/schools/:id): name, BRIN + vestiging
// (fixed once created: it is the school's natural key), kind, board, wijk, municipality, pupils.
import { Paragraph } from '@utrecht/component-library-react';
import { CreateSchoolBody, SchoolView, UpdateSchoolBody } from '../../../contracts/organisations.ts';
import { schoolKinds } from '../../../domain/organisation.ts';
import { numberOf, SelectField, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type Board, type School, useBoards, useSchools } from './data.ts';
import { RecordForm, useRecordForm } from './forms.tsx';
import { RecordPage } from './frames.tsx';
import './admin.css';

function SchoolForm({ school, boards }: { school: School | null; boards: Board[] }) {
  const { t } = useI18n();
  const form = useRecordForm({
    response: SchoolView,
    initial: {
      name: school?.name ?? '',
      locationCode: school?.locationCode ?? '',
      kind: school?.kind ?? '',
      boardId: school?.boardId ?? '',
      wijk: school?.wijk ?? '',
      municipality: school?.municipality ?? '',
      pupilCount: school ? String(school.pupilCount) : '',
    },
    record: school,
    collection: '/api/schools',
    create: CreateSchoolBody,
    update: UpdateSchoolBody,
    list: adminKeys.schools,
    conflict: { path: 'locationCode', message: 'admin.error.locationCode.taken' },
  });
  const { locationCode, boardId, pupilCount, ...fields } = form.values;
  const save = () =>
    form.save({ ...fields, boardId: boardId || null, pupilCount: numberOf(pupilCount) }, { locationCode });

  return (
    <RecordForm form={form} kind="school" name={school?.name} onSubmit={save}>
      <TextField label={t('admin.school.name')} autoComplete="off" {...form.field('name')} />
      {school ? (
        <Paragraph>{t('admin.school.locationCodeFixed', { code: school.locationCode })}</Paragraph>
      ) : (
        <TextField
          label={t('admin.school.locationCode')}
          description={t('admin.school.locationCodeHint')}
          autoComplete="off"
          spellCheck={false}
          {...form.field('locationCode')}
        />
      )}
      <SelectField
        label={t('admin.school.kind')}
        placeholder={t('admin.school.chooseKind')}
        options={schoolKinds.map((value) => ({ value, label: t(`admin.kind.${value}`) }))}
        {...form.field('kind')}
      />
      <SelectField
        label={t('admin.school.board')}
        placeholder={t('admin.school.noBoard')}
        options={boards.map((board) => ({ value: board.id, label: `${board.name} (${board.code})` }))}
        {...form.field('boardId')}
      />
      <TextField label={t('admin.school.wijk')} {...form.field('wijk')} />
      <TextField label={t('admin.school.municipality')} {...form.field('municipality')} />
      <TextField label={t('admin.school.pupilCount')} inputMode="numeric" {...form.field('pupilCount')} />
    </RecordForm>
  );
}

export default function SchoolFormPage({ params }: { params: Record<string, string> }) {
  const schools = useSchools();
  const boards = useBoards();
  return (
    <RecordPage kind="school" id={params.id} list={schools} queries={[boards]}>
      {(school) => <SchoolForm key={school?.id ?? 'new'} school={school} boards={boards.data ?? []} />}
    </RecordPage>
  );
}
