// The page controls under a paged list: where the rows stand in the whole ("21–40 van 163") and
// buttons to the previous and next page. At the first or last page the button stays in place and
// focusable (aria-disabled), so focus does not jump away from the control the user pressed.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n/index.tsx';

export function Pager({
  label,
  total,
  page,
  pageSize,
  onPage,
}: {
  /** The name of the control, e.g. "Pagina's van de scholen". */
  label: string;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  const hasPrevious = page > 1;
  const hasNext = page < pages;
  return (
    <nav aria-label={label} className="passend-pager">
      <Paragraph aria-live="polite">
        {t('home.pager.range', {
          first: formatNumber(first),
          last: formatNumber(last),
          total: formatNumber(total),
        })}
      </Paragraph>
      {pages > 1 && (
        <>
          <Button
            appearance="secondary-action-button"
            aria-disabled={!hasPrevious}
            onClick={() => hasPrevious && onPage(page - 1)}
          >
            {t('home.pager.previous')}
          </Button>
          <span>{t('home.pager.page', { page: formatNumber(page), pages: formatNumber(pages) })}</span>
          <Button
            appearance="secondary-action-button"
            aria-disabled={!hasNext}
            onClick={() => hasNext && onPage(page + 1)}
          >
            {t('home.pager.next')}
          </Button>
        </>
      )}
    </nav>
  );
}
