// Add a partner organisation (/admin/partners/new) or edit one (/admin/partners/:id): its name, its
// kind and the schools it works at. Its people are users with the role "kernpartner".
import {
  CreatePartnerOrganisationBody,
  PartnerOrganisationView,
  UpdatePartnerOrganisationBody,
} from '../../../contracts/organisations.ts';
import { partnerKinds } from '../../../domain/organisation.ts';
import { SelectField, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  adminKeys,
  type PartnerOrganisation,
  type School,
  usePartnerOrganisations,
  useSchools,
} from './data.ts';
import { RecordForm, SchoolsChoice, useRecordForm } from './forms.tsx';
import { RecordPage } from './frames.tsx';
import './admin.css';

function PartnerForm({ partner, schools }: { partner: PartnerOrganisation | null; schools: School[] }) {
  const { t } = useI18n();
  const form = useRecordForm({
    response: PartnerOrganisationView,
    initial: {
      name: partner?.name ?? '',
      kind: partner?.kind ?? '',
      schoolIds: partner?.schoolIds ?? [],
      municipality: partner?.municipality ?? '',
    },
    record: partner,
    collection: '/api/partner-organisations',
    create: CreatePartnerOrganisationBody,
    update: UpdatePartnerOrganisationBody,
    list: adminKeys.partners,
    conflict: { path: 'name', message: 'admin.error.partnerName.taken' },
    messages: { kind: 'admin.error.partnerKind' },
  });
  return (
    <RecordForm form={form} kind="partner" name={partner?.name} onSubmit={() => form.save(form.values)}>
      <TextField label={t('admin.partner.name')} autoComplete="off" {...form.field('name')} />
      <SelectField
        label={t('admin.partner.kind')}
        placeholder={t('admin.partner.chooseKind')}
        options={partnerKinds.map((value) => ({ value, label: t(`admin.partnerKind.${value}`) }))}
        {...form.field('kind')}
      />
      <TextField
        label={t('admin.partner.municipality')}
        description={t('admin.partner.municipalityHint')}
        autoComplete="off"
        {...form.field('municipality')}
      />
      <SchoolsChoice legend={t('admin.partner.schools')} schools={schools} {...form.field('schoolIds')} />
    </RecordForm>
  );
}

export default function PartnerFormPage({ params }: { params: Record<string, string> }) {
  const partners = usePartnerOrganisations();
  const schools = useSchools();
  return (
    <RecordPage kind="partner" id={params.id} list={partners} queries={[schools]}>
      {(partner) => <PartnerForm key={partner?.id ?? 'new'} partner={partner} schools={schools.data ?? []} />}
    </RecordPage>
  );
}
