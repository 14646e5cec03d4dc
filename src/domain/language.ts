// The languages of the user interface: Dutch first, then English. An account may choose one
// (stored on the account); without a choice the browser's stays.
export const languageCodes = ['nl', 'en'] as const;
export type LanguageCode = (typeof languageCodes)[number];
