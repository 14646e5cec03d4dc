// The support level as the file shows it: a badge that names the level and whether it is
// basisondersteuning (1–3) or extra ondersteuning (4, docs/domain.md).
import { StatusBadge } from '@utrecht/component-library-react';
import { isExtraSupport } from '../../../domain/childFile.ts';
import { supportLevelKey, useI18n } from '../../i18n/index.tsx';

export function SupportLevelBadge({ level }: { level: number }) {
  const { t } = useI18n();
  return (
    <StatusBadge status={isExtraSupport(level) ? 'warning' : 'neutral'} className="passend-level-badge">
      {t(supportLevelKey(level))}
    </StatusBadge>
  );
}
