// The SWV's partner organisations (kernpartners: buurtteam, JGZ, leerplicht), their kind and the
// schools they work at. Adding and editing one start here.
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { usePartnerOrganisations } from './data.ts';
import { ListPage } from './frames.tsx';

export default function PartnersPage() {
  const { t, formatNumber } = useI18n();
  const partners = usePartnerOrganisations();
  return (
    <ListPage
      title={t('admin.partners.title')}
      intro={t('admin.partners.intro')}
      add={{ href: '/admin/partners/new', label: t('admin.partners.new') }}
      queries={[partners]}
    >
      {() =>
        partners.data?.length ? (
          <DataTable
            caption={t('admin.partners.caption')}
            columns={[
              {
                header: t('admin.partner.name'),
                cell: (partner) => (
                  <Link href={`/admin/partners/${partner.id}`} className="utrecht-link">
                    {partner.name}
                  </Link>
                ),
              },
              { header: t('admin.partner.kind'), cell: (partner) => t(`admin.partnerKind.${partner.kind}`) },
              {
                header: t('admin.partner.schoolCount'),
                cell: (partner) => formatNumber(partner.schoolIds.length),
                numeric: true,
              },
            ]}
            rows={partners.data}
            rowKey={(partner) => partner.id}
          />
        ) : (
          <EmptyState>{t('admin.partners.empty')}</EmptyState>
        )
      }
    </ListPage>
  );
}
