// Languages of the web app: Dutch first, English, room for more (including right-to-left ones).
// Texts come only from the message files, in the words of the user's sector (lookup.ts); dates
// and numbers are formatted with Intl. The language is the browser's until someone signs in: then
// the account's choice wins, and a choice made while signed in is kept on the account.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { SetLanguageBody } from '../../contracts/auth.ts';
import { api } from '../app/api.ts';
import { fetchSession, type Me, sessionKey } from '../app/session.ts';
import { en } from './en.ts';
import { type Catalogue, lookup } from './lookup.ts';
import { type MessageKey, nl } from './nl.ts';
import { secondaryEn, secondaryNl } from './secondary.ts';

export const languages = {
  nl: { catalogue: { messages: nl, secondary: secondaryNl }, dir: 'ltr' },
  en: { catalogue: { messages: en, secondary: secondaryEn }, dir: 'ltr' },
} as const satisfies Record<string, { catalogue: Catalogue; dir: 'ltr' | 'rtl' }>;
export type Language = keyof typeof languages;

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

function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

/** The signed-in session as the app already has it; this hook never asks the server itself. */
function useActiveSession(): Me | null {
  const { data } = useQuery({ queryKey: sessionKey, queryFn: fetchSession, enabled: false });
  return data?.stage === 'active' ? data : null;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const queryClient = useQueryClient();
  const me = useActiveSession();
  const sector = me?.user.swvSector ?? null;
  const accountLanguage = me?.user.language ?? null;

  const applyLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    setLanguageState(next);
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
    const { catalogue } = languages[language];
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    const dates = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
    const moments = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    });
    const times = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
    const numbers = new Intl.NumberFormat(locale);
    return {
      language,
      setLanguage,
      t: (key, values) => lookup(catalogue, sector, key, values),
      // A calendar date (YYYY-MM-DD) is shown as that date, whatever the browser's time zone.
      formatDate: (date) =>
        dates.format(
          typeof date === 'string' && date.length === 10 ? new Date(`${date}T12:00:00Z`) : new Date(date),
        ),
      formatDateTime: (instant) => moments.format(new Date(instant)),
      formatTime: (instant) => times.format(new Date(instant)),
      formatNumber: (value) => numbers.format(value),
    };
  }, [language, setLanguage, sector]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
