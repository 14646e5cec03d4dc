// The support level as the file shows it: a badge that names the level and whether it is
// basisondersteuning (1–3) or extra ondersteuning (4, DESIGN §2).
import { StatusBadge } from '@utrecht/component-library-react';
import { isExtraSupport } from '../../../domain/childFile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

export const levelKey = (level: number): MessageKey =>
  level >= 1 && level <= 4 ? (`student.level.${level}` as MessageKey) : 'student.level.1';

export function SupportLevelBadge({ level }: { level: number }) {
  const { t } = useI18n();
  return (
    <StatusBadge status={isExtraSupport(level) ? 'warning' : 'neutral'} className="passend-level-badge">
      {t(levelKey(level))}
    </StatusBadge>
  );
}
