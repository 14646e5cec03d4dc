// Shared pieces of the API contract: ids, dates, the error shape. Bodies are strict objects, so
// an unknown field (a smuggled swv_id or role, docs/SECURITY.md C4) is refused, never silently used.
import { z } from 'zod';
import { isSchoolYear } from '../domain/schoolHolidays.ts';

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });

/**
 * A calendar date, YYYY-MM-DD, that exists and that Passend can mean: from 1900 to 2199. A year
 * 0000 passes the ISO pattern but does not exist for PostgreSQL (it failed as a 500).
 */
export const CalendarDate = z.iso
  .date()
  .refine((date) => date >= '1900-01-01' && date <= '2199-12-31', 'A date from 1900 to 2199');

/** An instant, ISO 8601 in UTC, in the same years as CalendarDate (a year 0000 failed as a 500). */
export const DateTime = z.iso
  .datetime()
  .refine((instant) => instant >= '1900-01-01' && instant < '2200-01-01', 'A date-time from 1900 to 2199');

/**
 * "2026-2027": the school year from 1 August 2026 to 31 July 2027. The second year is the one
 * after the first, both in CalendarDate's years; "0000-0001" failed as a 500, "2026-1999" was stored.
 */
export const SchoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'a school year such as 2026-2027')
  .refine(isSchoolYear, 'the second year follows the first, like "2026-2027"')
  .refine((year) => year >= '1900' && year < '2199', 'A school year from 1900-1901 to 2198-2199');

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/**
 * Free text fields: trimmed, bounded, no control characters (C0 or C1) except newlines and tabs,
 * and no lone UTF-16 surrogates (JSON can carry them as escapes, but they are no text; PostgreSQL's
 * jsonb refuses them and text columns would store a replacement character instead).
 */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value),
      'contains control characters',
    )
    .refine((value) => !/\p{Surrogate}/u.test(value), 'contains invalid unicode');

/**
 * One line of text (a name, a group): a line break, tab or direction mark would break a list, a
 * PDF line or a CSV cell, or make one name read as another on screen; an invisible character
 * (zero-width space, soft hyphen, byte-order mark, word joiner, tag characters) would make two
 * names that look the same differ, so that a search for one misses the other. The zero-width
 * (non-)joiner stays: some scripts need it.
 */
export const Line = (max: number) =>
  Text(max).refine(
    (value) =>
      !/[\t\n\r\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u.test(
        value,
      ),
    'must be one line of plain text',
  );

/** A name shows at least one letter or digit: fillers that draw as blank (U+3164, U+2800) are none. */
export const Name = Line(200).refine(
  (value) => /[\p{L}\p{N}]/u.test(value.replace(/[\u115f\u1160\u3164\uffa0]/g, '')),
  'must contain a letter or digit',
);

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());
