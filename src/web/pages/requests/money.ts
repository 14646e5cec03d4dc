// Euros as the budget page reads and writes them: typed the Dutch way ("250.000", "1.250,50") or
// plainly ("1250.50"), kept in cents; and the school years around one ("2026-2027").

/** Cents of what was typed, or undefined when it is empty; NaN when it is no amount. */
export function centsOf(typed: string): number | undefined {
  const value = typed.replace(/[€\s]/g, '');
  if (value === '') return undefined;
  let plain: string;
  if (/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(value) || /^\d+(,\d{1,2})?$/.test(value))
    plain = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(\.\d{1,2})?$/.test(value)) plain = value;
  else return Number.NaN;
  return Math.round(Number(plain) * 100);
}

/** The school year before or after "2026-2027", by `step` years. */
export function schoolYearAfter(schoolYear: string, step: number): string {
  const start = Number(schoolYear.slice(0, 4)) + step;
  return `${start}-${start + 1}`;
}

/** An amount in cents for a field: "250000" or "1250,50", as the user would type it again. */
export function typedOf(cents: number | null): string {
  if (cents === null) return '';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}
