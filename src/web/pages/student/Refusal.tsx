// A page the server refused (no access) or could not find: says so plainly, with the way back.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

export function Refusal({ title, body }: { title: MessageKey; body: MessageKey }) {
  const { t } = useI18n();
  return (
    <div className="passend-refusal">
      <Heading level={1}>{t(title)}</Heading>
      <Paragraph>{t(body)}</Paragraph>
      <Paragraph>
        <Link href="/" className="utrecht-link">
          {t('student.backHome')}
        </Link>
      </Paragraph>
    </div>
  );
}
