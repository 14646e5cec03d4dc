// The hand-over dossier tab ("Overdrachtsdossier"): what OSO dossiers brought into the child's file
// (docs/domain.md, "Hand-over dossiers (OSO)"): the child and the parents with their numbers, the
// school career, test results, support given and the attachments. The server leaves out what this
// reader may not see: a secret address or number (only the IB'er and the consultant see those),
// diagnoses and intelligence tests (medical-psychological); the page only says that it did.
import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import type { OsoDossierView } from '../../../../contracts/oso.ts';
import { api } from '../../../app/api.ts';
import { Link } from '../../../app/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import './casefile.css';

type View = z.infer<typeof OsoDossierView>;
type Contact = View['contacts'][number];

const name = (person: { givenName: string; familyNamePrefix: string; familyName: string }) =>
  [person.givenName, person.familyNamePrefix, person.familyName].filter(Boolean).join(' ');

export default function OsoDossierTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['student', student.id, 'oso-dossier'],
    queryFn: () => api<typeof OsoDossierView>('GET', `${studentPath(student.id)}/oso-dossier`),
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const view = query.data;
  if (view.dossiers.length === 0) return <EmptyState>{t('oso.tab.empty')}</EmptyState>;
  return (
    <div className="passend-casefile passend-oso">
      <Dossiers view={view} />
      {view.hiddenMedical > 0 && (
        <Paragraph>{t('oso.tab.hiddenMedical', { count: view.hiddenMedical })}</Paragraph>
      )}
      <Heading level={3}>{t('oso.tab.contacts')}</Heading>
      <ul className="passend-oso-list">
        {view.contacts.map((contact, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the contacts in the server's order.
          <ContactItem key={index} contact={contact} />
        ))}
      </ul>
      <Career view={view} />
      <Results view={view} />
      <Support view={view} />
      <Heading level={3}>{t('oso.tab.documents')}</Heading>
      {view.documents.length > 0 && (
        <ul className="passend-oso-list">
          {view.documents.map((document) => (
            <li key={document.documentId}>
              {document.title} ({document.fileName}, {t(`oso.source.${document.source}` as MessageKey)})
            </li>
          ))}
        </ul>
      )}
      <Paragraph>
        <Link href={`/students/${encodeURIComponent(student.id)}/documents`}>
          {t('oso.tab.documentsLink')}
        </Link>
      </Paragraph>
    </div>
  );
}

function Dossiers({ view }: { view: View }) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <>
      <Heading level={3}>{t('oso.tab.dossiers')}</Heading>
      <ul className="passend-oso-list">
        {view.dossiers.map((dossier) => (
          <li key={dossier.id}>
            {t('oso.tab.dossier', {
              kind: t(`oso.about.${dossier.handOver}` as MessageKey),
              transfer: dossier.transfer ? ` (${dossier.transfer})` : '',
              school: [dossier.sendingSchoolName, dossier.sendingLocationCode].filter(Boolean).join(' '),
              date: dossier.exportedOn ? formatDate(dossier.exportedOn) : '–',
              imported: formatDateTime(dossier.importedAt),
              by: dossier.importedByName ?? '–',
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

function ContactItem({ contact }: { contact: Contact }) {
  const { t } = useI18n();
  const role = contact.isPupil
    ? t('oso.tab.pupil')
    : [
        t(`oso.relation.${contact.relation ?? 'other'}` as MessageKey),
        contact.legalRepresentative ? t('oso.tab.legal') : null,
        contact.deceased ? t('oso.tab.deceased') : null,
      ]
        .filter(Boolean)
        .join(', ');
  return (
    <li>
      <strong>{name(contact)}</strong> ({role})
      {contact.addressHidden ? (
        <Paragraph>{t('oso.tab.addressHidden')}</Paragraph>
      ) : contact.addresses.length === 0 ? (
        !contact.deceased && <Paragraph>{t('oso.tab.noAddress')}</Paragraph>
      ) : (
        contact.addresses.map((address, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the addresses in the dossier's order.
          <Paragraph key={index}>
            {[address.street, address.number, address.addition].filter(Boolean).join(' ')}
            {', '}
            {[address.postcode, address.place].filter(Boolean).join(' ')}
          </Paragraph>
        ))
      )}
      {contact.communications.length > 0 && (
        <ul>
          {contact.communications.map((communication, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the numbers in the dossier's order.
            <li key={index}>
              {communication.kind}
              {communication.label ? ` (${communication.label})` : ''}: {communication.value}
              {communication.secret ? ` — ${t('oso.tab.secret')}` : ''}
              {communication.emergency ? ` — ${t('oso.tab.emergency')}` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Career({ view }: { view: View }) {
  const { t, formatDate } = useI18n();
  if (view.career.length === 0) return null;
  return (
    <>
      <Heading level={3}>{t('oso.tab.career')}</Heading>
      <ul className="passend-oso-list">
        {view.career.map((entry) => (
          <li key={`${entry.schoolYear}-${entry.groupCode}-${entry.startedOn}`}>
            <strong>{entry.schoolYear}</strong>: {t('oso.tab.career.group')}{' '}
            {entry.groupName ?? entry.groupCode}
            {entry.locationCode ? `, ${t('oso.tab.career.school')} ${entry.locationCode}` : ''}
            {entry.schoolKind ? ` (${[entry.schoolKind, entry.schoolType].filter(Boolean).join(' ')})` : ''},{' '}
            {formatDate(entry.startedOn)}
            {entry.endedOn ? ` – ${formatDate(entry.endedOn)}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function Results({ view }: { view: View }) {
  const { t, formatDate } = useI18n();
  if (view.results.length === 0) return null;
  return (
    <>
      <Heading level={3}>{t('oso.tab.results')}</Heading>
      <ul className="passend-oso-list">
        {view.results.map((result) => (
          <li key={`${result.testCode}-${result.takenOn}`}>
            <strong>{result.testName ?? result.testCode}</strong>
            {result.subject ? ` (${result.subject})` : ''}, {t('oso.tab.results.date')}{' '}
            {formatDate(result.takenOn)}
            {result.yearGroup ? `, ${t('oso.tab.career.group')} ${result.yearGroup}` : ''}
            {result.scores.length > 0 || result.abilityScore ? (
              <Paragraph>
                {t('oso.tab.results.scores')}:{' '}
                {[
                  result.abilityScore ? `${t('oso.tab.results.ability')} ${result.abilityScore}` : null,
                  ...result.scores.map((score) => `${score.code} ${score.value}`),
                ]
                  .filter(Boolean)
                  .join(', ')}
              </Paragraph>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function Support({ view }: { view: View }) {
  const { t, formatDate } = useI18n();
  if (view.support.length === 0) return null;
  return (
    <>
      <Heading level={3}>{t('oso.tab.support')}</Heading>
      <ul className="passend-oso-list">
        {view.support.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks in the server's order.
          <li key={index}>
            <strong>{t(`oso.support.${entry.kind}` as MessageKey)}</strong>
            {entry.summary ? `: ${entry.summary}` : ''}
            {entry.startedOn ? `, ${formatDate(entry.startedOn)}` : ''}
            {entry.endedOn ? ` – ${formatDate(entry.endedOn)}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
