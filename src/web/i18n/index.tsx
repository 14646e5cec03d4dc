// Languages of the web app: Dutch first, English, room for more (including right-to-left ones).
// Texts come only from the message files, in the words of the user's sector (lookup.ts); dates
// and numbers are formatted with Intl. The language is the browser's until someone signs in: then
// the account's choice wins, and a choice made while signed in is kept on the account.
// Dutch is in the app's first download; another language's messages are their own chunk, loaded
// when that language is chosen, and shown once they are in (docs/decisions/0019).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { z } from 'zod';
import type { SetLanguageBody } from '../../contracts/auth.ts';
import { api } from '../app/api.ts';
import { fetchSession, type Me, sessionKey } from '../app/session.ts';
import { type Catalogue, lookup } from './lookup.ts';
import { type MessageKey, nl } from './nl.ts';
import { secondaryNl } from './secondary.ts';

const dutch: Catalogue = { messages: nl, secondary: secondaryNl };

export const languages = {
  nl: { load: async () => dutch, dir: 'ltr' },
  en: { load: async () => (await import('./en.ts')).catalogue, dir: 'ltr' },
} as const satisfies Record<string, { load: () => Promise<Catalogue>; dir: 'ltr' | 'rtl' }>;
export type Language = keyof typeof languages;

/** The catalogues loaded so far; a language is shown only once its catalogue is here. */
const catalogues: Partial<Record<Language, Catalogue>> = { nl: dutch };

/** Loads a language's messages (once); a failed load can be tried again. */
export function loadLanguage(language: Language): Promise<Catalogue> {
  const loaded = catalogues[language];
  if (loaded) return Promise.resolve(loaded);
  return languages[language].load().then((catalogue) => (catalogues[language] = catalogue));
}

/** The one name of each support level (1–4), wherever a level is shown. */
export const supportLevelKey = (level: number): MessageKey =>
  level >= 1 && level <= 4 ? (`supportLevel.${level}` as MessageKey) : 'supportLevel.unknown';

const storageKey = 'passend.language';

type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  formatDate: (date: string | Date) => string;
  /** A moment (ISO timestamp) as date and time in the Netherlands. */
  formatDateTime: (instant: string) => string;
  /** A moment's time of day (hours and minutes) in the Netherlands. */
  formatTime: (instant: string) => string;
  formatNumber: (value: number) => string;
};

const I18nContext = createContext<I18n | null>(null);

/** The language this browser last showed (Dutch at first). */
export function storedLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

/** The language to show first: the account's, else this browser's, if its messages are in. */
const firstLanguage = (accountLanguage: Language | null): Language => {
  const wanted = accountLanguage ?? storedLanguage();
  return catalogues[wanted] ? wanted : 'nl';
};

/** A value made on first use: an Intl formatter costs time to create, and most pages use few. */
function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The signed-in session as the app already has it; this hook never asks the server itself. */
function useActiveSession(): Me | null {
  const { data } = useQuery({ queryKey: sessionKey, queryFn: fetchSession, enabled: false });
  return data?.stage === 'active' ? data : null;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useActiveSession();
  const sector = me?.user.swvSector ?? null;
  const accountLanguage = me?.user.language ?? null;
  const [language, setLanguageState] = useState<Language>(() => firstLanguage(accountLanguage));
  /** The language asked for last: a slower load of an earlier choice must not win. */
  const wanted = useRef(language);

  const applyLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    wanted.current = next;
    loadLanguage(next)
      .then(() => {
        if (wanted.current === next) setLanguageState(next);
      })
      .catch(() => {});
  }, []);
  // At sign-in (and whenever the account's choice changes) the account's language wins.
  useEffect(() => {
    if (accountLanguage) applyLanguage(accountLanguage);
  }, [accountLanguage, applyLanguage]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = languages[language].dir;
  }, [language]);

  const signedIn = me !== null;
  const setLanguage = useCallback(
    (next: Language) => {
      applyLanguage(next);
      if (!signedIn) return;
      const body: z.input<typeof SetLanguageBody> = { language: next };
      // Kept on the account for the next sign-in; if saving fails, this browser keeps the choice.
      api('PUT', '/api/auth/language', body)
        .then(() =>
          queryClient.setQueryData<Me | null>(sessionKey, (session) =>
            session ? { ...session, user: { ...session.user, language: next } } : session,
          ),
        )
        .catch(() => {});
    },
    [signedIn, applyLanguage, queryClient],
  );
  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[language]!;
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    const dates = onFirstUse(
      () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }),
    );
    const moments = onFirstUse(
      () =>
        new Intl.DateTimeFormat(locale, {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }),
    );
    const times = onFirstUse(
      () => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
    );
    const numbers = onFirstUse(() => new Intl.NumberFormat(locale));
    return {
      language,
      setLanguage,
      t: (key, values) => lookup(catalogue, sector, key, values),
      // A calendar date (YYYY-MM-DD) is shown as that date, whatever the browser's time zone.
      formatDate: (date) =>
        dates().format(
          typeof date === 'string' && date.length === 10 ? new Date(`${date}T12:00:00Z`) : new Date(date),
        ),
      formatDateTime: (instant) => moments().format(new Date(instant)),
      formatTime: (instant) => times().format(new Date(instant)),
      formatNumber: (value) => numbers().format(value),
    };
  }, [language, setLanguage, sector]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
