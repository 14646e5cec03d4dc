// The red line on the homes (docs/home.md): children at home 3 months or more without an offer.
// A consultant sees the cases they may open, each a link; the SWV's administrator, committee and
// policy staff see how many (policy staff with small cells hidden), with the way to the figures.
import { Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Panel } from '../home/panels.tsx';
import { casePage, useAbsenceFigures, useAbsenceList } from './data.ts';

export function RedLineCasesPanel() {
  const { t, formatNumber } = useI18n();
  const query = useAbsenceList('');
  return (
    <Panel query={query} title={() => t('abs.home.title')}>
      {(list) => {
        const past = list.cases.filter((row) => row.pastRedLine);
        return past.length === 0 ? (
          <Paragraph>{t('abs.home.none')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('abs.home.count', { count: formatNumber(past.length) })}</Paragraph>
            <UnorderedList>
              {past.map((row) => (
                <UnorderedListItem key={row.id}>
                  <Link href={casePage(row.id)} className="utrecht-link">
                    {row.childName}
                  </Link>{' '}
                  — {t('abs.days', { days: formatNumber(row.daysAtHome) })}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        );
      }}
    </Panel>
  );
}

export function RedLineCountPanel() {
  const { t, formatNumber } = useI18n();
  const query = useAbsenceFigures('');
  return (
    <Panel query={query} title={() => t('abs.home.title')}>
      {(figures) => (
        <>
          <Paragraph>
            {figures.redLine === null
              ? t('abs.home.hidden')
              : figures.redLine === 0
                ? t('abs.home.none')
                : t('abs.home.count', { count: formatNumber(figures.redLine) })}
          </Paragraph>
          <Paragraph>
            <Link href="/absence/figures" className="utrecht-link">
              {t('abs.figures.title')}
            </Link>
          </Paragraph>
        </>
      )}
    </Panel>
  );
}
