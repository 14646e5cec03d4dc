// Languages of the web app: Dutch first, English, room for more (including right-to-left ones).
// Texts come only from the message files; dates and numbers are formatted with Intl.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.ts';
import { type MessageKey, type Messages, nl } from './nl.ts';

export const languages = { nl: { messages: nl, dir: 'ltr' }, en: { messages: en, dir: 'ltr' } } as const;
export type Language = keyof typeof languages;

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

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = languages[language].dir;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages: Messages = languages[language].messages;
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
      t: (key, values) =>
        messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`)),
      // A calendar date (YYYY-MM-DD) is shown as that date, whatever the browser's time zone.
      formatDate: (date) =>
        dates.format(
          typeof date === 'string' && date.length === 10 ? new Date(`${date}T12:00:00Z`) : new Date(date),
        ),
      formatDateTime: (instant) => moments.format(new Date(instant)),
      formatTime: (instant) => times.format(new Date(instant)),
      formatNumber: (value) => numbers.format(value),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
