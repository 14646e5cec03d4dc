// The home page's panels, one per role: each a section with its own heading, loading, error and
// empty state. Panels of features that do not exist yet are not here (no placeholders).
import type { UseQueryResult } from '@tanstack/react-query';
import {
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import type { z } from 'zod';
import type { Cell } from '../../../contracts/home.ts';
import type { SchoolKind } from '../../../domain/organisation.ts';
import { Link } from '../../app/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import {
  fullName,
  useOrganisationCounts,
  useOwnGroups,
  useParentChildren,
  usePartnerCases,
  useSchoolSupport,
  useSwvFigures,
  useSwvs,
  useTeamSchools,
} from './data.ts';

const kindKey = (kind: SchoolKind): MessageKey => `home.kind.${kind}`;
const levelKey = (level: number): MessageKey =>
  level >= 1 && level <= 4 ? (`home.level.${level}` as MessageKey) : 'home.level';

/** A panel: a section named by its h2, showing the query's loading, error or data. */
function Panel<Data>({
  title,
  query,
  children,
}: {
  title: (data: Data | undefined) => string;
  query: UseQueryResult<Data>;
  children: (data: Data) => ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="passend-home-panel">
      <Heading level={2} id={headingId}>
        {title(query.data)}
      </Heading>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : (
        children(query.data)
      )}
    </section>
  );
}

function NumberCell({ value }: { value: number }) {
  const { formatNumber } = useI18n();
  return <TableCell className="passend-home-number">{formatNumber(value)}</TableCell>;
}

function usePercent() {
  const { language } = useI18n();
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  return (share: number) => format.format(share);
}

type Child = { id: string; givenName: string; familyNamePrefix: string; familyName: string };

/** IB'er and director: children per support level, and the list at level 4 and 3. */
export function SchoolSupportPanel({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const query = useSchoolSupport(schoolId);
  return (
    <Panel
      query={query}
      title={(data) =>
        data ? t('home.school.title', { school: data.school.name }) : t('home.school.titlePending')
      }
    >
      {(data) => {
        const total = data.levels.reduce((sum, level) => sum + level.count, 0);
        if (total === 0) return <EmptyState>{t('home.school.empty')}</EmptyState>;
        const atLevel34 = data.levels.filter((l) => l.level >= 3).reduce((sum, l) => sum + l.count, 0);
        return (
          <>
            <div className="passend-home-table">
              <Table>
                <TableCaption>{t('home.school.levelsCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('home.col.level')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className="passend-home-number">
                      {t('home.col.count')}
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.levels.map((level) => (
                    <TableRow key={level.level}>
                      <TableHeaderCell scope="row">{t(levelKey(level.level))}</TableHeaderCell>
                      <NumberCell value={level.count} />
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            {data.children.length === 0 ? (
              <EmptyState>{t('home.school.noneAtLevel34')}</EmptyState>
            ) : (
              <>
                {data.children.length < atLevel34 && (
                  <Paragraph>
                    {t('home.school.truncated', { shown: data.children.length, total: atLevel34 })}
                  </Paragraph>
                )}
                <ChildrenTable caption={t('home.school.childrenCaption')} rows={data.children} />
              </>
            )}
          </>
        );
      }}
    </Panel>
  );
}

function ChildrenTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<Child & { groupName: string; supportLevel: number }>;
}) {
  const { t } = useI18n();
  return (
    <div className="passend-home-table">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('home.col.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('home.col.group')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('home.col.level')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((child) => (
            <TableRow key={child.id}>
              <TableHeaderCell scope="row">{fullName(child)}</TableHeaderCell>
              <TableCell>{child.groupName}</TableCell>
              <TableCell>{t('home.level', { level: child.supportLevel })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Teacher: the own groups' children at level 2 or higher. */
export function OwnGroupsPanel({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const query = useOwnGroups(schoolId);
  return (
    <Panel
      query={query}
      title={(data) =>
        data ? t('home.groups.title', { school: data.school.name }) : t('home.groups.titlePending')
      }
    >
      {(data) =>
        data.groups.length === 0 ? (
          <EmptyState>{t('home.groups.noGroups')}</EmptyState>
        ) : (
          <>
            <Paragraph>{t('home.groups.intro', { groups: data.groups.join(', ') })}</Paragraph>
            {data.children.length === 0 ? (
              <EmptyState>{t('home.groups.empty')}</EmptyState>
            ) : (
              <ChildrenTable caption={t('home.groups.caption')} rows={data.children} />
            )}
          </>
        )
      }
    </Panel>
  );
}

/** Consultant: the team's schools with their children at level 3 and 4. */
export function TeamSchoolsPanel() {
  const { t } = useI18n();
  const query = useTeamSchools();
  return (
    <Panel query={query} title={() => t('home.team.title')}>
      {(schools) =>
        schools.length === 0 ? (
          <EmptyState>{t('home.team.empty')}</EmptyState>
        ) : (
          <div className="passend-home-table">
            <Table>
              <TableCaption>{t('home.team.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('home.col.school')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('home.col.kind')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('home.col.wijk')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="passend-home-number">
                    {t('home.col.pupils')}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" className="passend-home-number">
                    {t('home.col.level3')}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" className="passend-home-number">
                    {t('home.col.level4')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {schools.map((school) => (
                  <TableRow key={school.id}>
                    <TableHeaderCell scope="row">{school.name}</TableHeaderCell>
                    <TableCell>{t(kindKey(school.kind))}</TableCell>
                    <TableCell>{school.wijk}</TableCell>
                    <NumberCell value={school.pupils} />
                    <NumberCell value={school.level3} />
                    <NumberCell value={school.level4} />
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )
      }
    </Panel>
  );
}

function ChildrenAtSchoolTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<Child & { schoolName: string; groupName: string }>;
}) {
  const { t } = useI18n();
  return (
    <div className="passend-home-table">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('home.col.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('home.col.school')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('home.col.group')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((child) => (
            <TableRow key={child.id}>
              <TableHeaderCell scope="row">{fullName(child)}</TableHeaderCell>
              <TableCell>{child.schoolName}</TableCell>
              <TableCell>{child.groupName}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Partner: the consented cases, and how many wait for consent (a number, no names). */
export function PartnerCasesPanel() {
  const { t, formatNumber } = useI18n();
  const query = usePartnerCases();
  return (
    <Panel query={query} title={() => t('home.cases.title')}>
      {(data) => (
        <>
          {data.children.length === 0 ? (
            <EmptyState>{t('home.cases.empty')}</EmptyState>
          ) : (
            <ChildrenAtSchoolTable caption={t('home.cases.caption')} rows={data.children} />
          )}
          {data.awaitingConsent > 0 && (
            <Paragraph>{t('home.cases.awaiting', { count: formatNumber(data.awaitingConsent) })}</Paragraph>
          )}
        </>
      )}
    </Panel>
  );
}

/** Parent: the own children. */
export function ParentChildrenPanel() {
  const { t } = useI18n();
  const query = useParentChildren();
  return (
    <Panel query={query} title={() => t('home.children.title')}>
      {(children) =>
        children.length === 0 ? (
          <EmptyState>{t('home.children.empty')}</EmptyState>
        ) : (
          <ChildrenAtSchoolTable caption={t('home.children.caption')} rows={children} />
        )
      }
    </Panel>
  );
}

function CellValues({ cell }: { cell: z.infer<typeof Cell> }) {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  if (cell.count === null) {
    return (
      <>
        <TableCell className="passend-home-number">{t('home.figures.hidden')}</TableCell>
        <TableCell className="passend-home-number">{t('home.figures.hidden')}</TableCell>
      </>
    );
  }
  return (
    <>
      <TableCell className="passend-home-number">{formatNumber(cell.count)}</TableCell>
      <TableCell className="passend-home-number">{cell.share === null ? '' : percent(cell.share)}</TableCell>
    </>
  );
}

function CountAndShareHeader({ first }: { first: string }) {
  const { t } = useI18n();
  return (
    <TableHeader>
      <TableRow>
        <TableHeaderCell scope="col">{first}</TableHeaderCell>
        <TableHeaderCell scope="col" className="passend-home-number">
          {t('home.col.count')}
        </TableHeaderCell>
        <TableHeaderCell scope="col" className="passend-home-number">
          {t('home.col.share')}
        </TableHeaderCell>
      </TableRow>
    </TableHeader>
  );
}

/** Policy staff: the SWV's headline figures, small cells suppressed by the server. */
export function SwvFiguresPanel() {
  const { t, formatNumber } = useI18n();
  const query = useSwvFigures();
  return (
    <Panel query={query} title={() => t('home.figures.title')}>
      {(figures) =>
        figures.schoolsByKind.length === 0 ? (
          <EmptyState>{t('home.figures.empty')}</EmptyState>
        ) : (
          <>
            <Paragraph>
              {t('home.figures.pupils', {
                count: figures.pupils === null ? t('home.figures.hidden') : formatNumber(figures.pupils),
              })}
            </Paragraph>
            <div className="passend-home-table">
              <Table>
                <TableCaption>{t('home.figures.schoolsCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('home.col.kind')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className="passend-home-number">
                      {t('home.col.count')}
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {figures.schoolsByKind.map((row) => (
                    <TableRow key={row.kind}>
                      <TableHeaderCell scope="row">{t(kindKey(row.kind))}</TableHeaderCell>
                      <NumberCell value={row.count} />
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div className="passend-home-table">
              <Table>
                <TableCaption>{t('home.figures.levelsCaption')}</TableCaption>
                <CountAndShareHeader first={t('home.col.level')} />
                <TableBody>
                  {figures.levels.map((cell) => (
                    <TableRow key={cell.level}>
                      <TableHeaderCell scope="row">{t(levelKey(cell.level))}</TableHeaderCell>
                      <CellValues cell={cell} />
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div className="passend-home-table">
              <Table>
                <TableCaption>{t('home.figures.specialCaption')}</TableCaption>
                <CountAndShareHeader first={t('home.col.kind')} />
                <TableBody>
                  <TableRow>
                    <TableHeaderCell scope="row">{t('home.kind.sbo')}</TableHeaderCell>
                    <CellValues cell={figures.special.sbo} />
                  </TableRow>
                  <TableRow>
                    <TableHeaderCell scope="row">{t('home.kind.so')}</TableHeaderCell>
                    <CellValues cell={figures.special.so} />
                  </TableRow>
                </TableBody>
              </Table>
            </div>
            <Paragraph>{t('home.figures.note')}</Paragraph>
          </>
        )
      }
    </Panel>
  );
}

/** SWV administrator: how much there is, with the way to each admin page. */
export function OrganisationPanel() {
  const { t } = useI18n();
  const query = useOrganisationCounts();
  const rows = [
    { key: 'schools', href: '/admin/schools', label: 'home.organisation.schools' },
    { key: 'teams', href: '/admin/teams', label: 'home.organisation.teams' },
    { key: 'users', href: '/admin/users', label: 'home.organisation.users' },
  ] as const;
  return (
    <Panel query={query} title={() => t('home.organisation.title')}>
      {(counts) => (
        <>
          {counts.schools === 0 && <EmptyState>{t('home.organisation.start')}</EmptyState>}
          <div className="passend-home-table">
            <Table>
              <TableCaption>{t('home.organisation.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('home.organisation.what')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="passend-home-number">
                    {t('home.col.count')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.key}>
                    <TableHeaderCell scope="row">
                      <Link href={row.href} className="utrecht-link utrecht-link--html-a">
                        {t(row.label)}
                      </Link>
                    </TableHeaderCell>
                    <NumberCell value={counts[row.key]} />
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </Panel>
  );
}

/** Operator: the SWVs on the platform. */
export function SwvsPanel() {
  const { t } = useI18n();
  const query = useSwvs();
  return (
    <Panel query={query} title={() => t('home.swvs.title')}>
      {(swvs) =>
        swvs.length === 0 ? (
          <EmptyState>{t('home.swvs.empty')}</EmptyState>
        ) : (
          <div className="passend-home-table">
            <Table>
              <TableCaption>{t('home.swvs.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('home.col.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('home.swvs.code')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('home.swvs.sector')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {swvs.map((swv) => (
                  <TableRow key={swv.id}>
                    <TableHeaderCell scope="row">{swv.name}</TableHeaderCell>
                    <TableCell>{swv.registerCode}</TableCell>
                    <TableCell>{swv.sector}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )
      }
    </Panel>
  );
}
