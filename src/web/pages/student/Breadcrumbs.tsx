// Where the page is: Start, then the trail to this page (the last item is the page itself).
import { BreadcrumbNav, BreadcrumbNavLink, BreadcrumbNavSeparator } from '@utrecht/component-library-react';
import { Fragment } from 'react';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function Breadcrumbs({ trail }: { trail: ReadonlyArray<{ href: string; label: string }> }) {
  const { t } = useI18n();
  return (
    <BreadcrumbNav aria-label={t('nav.breadcrumb')} className="passend-breadcrumbs">
      <BreadcrumbNavLink href="/" Link={Link} index={0}>
        {t('nav.home')}
      </BreadcrumbNavLink>
      {trail.map((item, index) => (
        <Fragment key={item.href}>
          <BreadcrumbNavSeparator>›</BreadcrumbNavSeparator>
          <BreadcrumbNavLink
            href={item.href}
            Link={Link}
            index={index + 1}
            current={index === trail.length - 1}
          >
            {item.label}
          </BreadcrumbNavLink>
        </Fragment>
      ))}
    </BreadcrumbNav>
  );
}
