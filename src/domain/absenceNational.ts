// The national attendance count (Leerplichttelling) of the Ministry of Education (OCW), as
// published per school year, for comparison beside the SWV's own figures (docs/domain.md,
// "Children at home"). Source: Leerplichttelling OCW, series as republished by datagraver.com.
// Copied numbers only; the national count is per school year, ours on any reference date.
export const nationalAbsenceSource = 'Leerplichttelling OCW (via datagraver.com)';

export const nationalAbsenceFigures: readonly {
  schoolYear: string;
  absolute: number;
  relativeLong: number;
  /** Exemptions under article 5a (physical or mental unfitness). */
  exemption5a: number;
}[] = [
  { schoolYear: '2019-2020', absolute: 5570, relativeLong: 3385, exemption5a: 6361 },
  { schoolYear: '2020-2021', absolute: 5491, relativeLong: 3328, exemption5a: 7083 },
  { schoolYear: '2021-2022', absolute: 10240, relativeLong: 3246, exemption5a: 7389 },
];
