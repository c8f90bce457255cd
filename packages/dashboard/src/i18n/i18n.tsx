import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, vi, type Messages } from './messages';

export type Language = 'vi' | 'en';

const storageKey = 'thidua.language';
const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Number and date formatting in the interface language (vi-VN: "78,6", "13/12/2019"). */
export interface Format {
  /** Up to `digits` decimals (default 1); `null` shows a dash. */
  number(value: number | null | undefined, digits?: number): string;
  /** Exactly `digits` decimals. */
  fixed(value: number | null | undefined, digits: number): string;
  /** A 0–1 share as a percentage ("87,5 %"). */
  share(value: number | null | undefined): string;
  /** An ISO calendar date ("2025-07-01"). */
  date(iso: string | null | undefined): string;
}

function makeFormat(language: Language): Format {
  const locale = locales[language];
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (min: number, max: number) => {
    const key = `${min}:${max}`;
    let format = numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
      numbers.set(key, format);
    }
    return format;
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const missing = '—';
  return {
    number: (value, digits = 1) => (value == null ? missing : numberFormat(0, digits).format(value)),
    fixed: (value, digits) => (value == null ? missing : numberFormat(digits, digits).format(value)),
    share: (value) => (value == null ? missing : percent.format(value)),
    date: (iso) => (iso ? dates.format(new Date(`${iso}T00:00:00Z`)) : missing),
  };
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Messages;
  format: Format;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Vietnamese unless the reader chose English before (remembered in this browser). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage(next) {
        setLanguageState(next);
        try {
          localStorage.setItem(storageKey, next);
        } catch {
          // Private browsing may refuse storage; the choice then lasts for this page only.
        }
      },
      t: language === 'en' ? en : vi,
      format: makeFormat(language),
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The interface language, its messages and its number formats. */
export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n needs an I18nProvider above it');
  return context;
}
