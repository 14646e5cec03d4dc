// Finding a message's text: the language's messages, and in a secondary-education SWV (VO) the
// sector's own words where a message has them (zorgcoördinator, mentor, klas instead of intern
// begeleider, leerkracht, groep). Pages ask for a key and never branch on the sector.
import type { Sector } from '../../domain/organisation.ts';
import type { MessageKey, Messages } from './nl.ts';

/** The SWV's sector (docs/domain.md): primary (PO) or secondary (VO) education. */
export type { Sector };

/** One language's texts: every message, and the VO wording of the messages that differ in VO. */
export type Catalogue = { messages: Messages; secondary: Partial<Record<MessageKey, string>> };

/** A message in the sector's words (null: no SWV, as for the operator), its {names} filled in. */
export function lookup(
  catalogue: Catalogue,
  sector: Sector | null,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text = (sector === 'VO' ? catalogue.secondary[key] : undefined) ?? catalogue.messages[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
}
