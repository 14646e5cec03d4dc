// The school holidays of the three holiday regions as the government publishes them (rijksoverheid.nl,
// "Overzicht schoolvakanties per schooljaar"): what an SWV administrator would enter for this and
// next school year. 2027-2028 as on the government's page; 2026-2027 from the OpenHolidays data of
// the same dates (openholidaysapi.org), which matches the government's page for 2027-2028 exactly.
// The summer holiday runs past 31 July into the next school year, as the government lists it.
import type { holidayRegions } from '../../../domain/organisation.ts';

type Region = (typeof holidayRegions)[number];
type Period = readonly [firstDay: string, lastDay: string];
type Holiday = { name: string } & Record<Region, Period>;

const same = (firstDay: string, lastDay: string): Record<Region, Period> => ({
  noord: [firstDay, lastDay],
  midden: [firstDay, lastDay],
  zuid: [firstDay, lastDay],
});

export const publishedSchoolHolidays: Readonly<Record<string, readonly Holiday[]>> = {
  '2026-2027': [
    {
      name: 'Herfstvakantie',
      noord: ['2026-10-10', '2026-10-18'],
      midden: ['2026-10-17', '2026-10-25'],
      zuid: ['2026-10-17', '2026-10-25'],
    },
    { name: 'Kerstvakantie', ...same('2026-12-19', '2027-01-03') },
    {
      name: 'Voorjaarsvakantie',
      noord: ['2027-02-20', '2027-02-28'],
      midden: ['2027-02-20', '2027-02-28'],
      zuid: ['2027-02-13', '2027-02-21'],
    },
    { name: 'Meivakantie', ...same('2027-04-24', '2027-05-02') },
    {
      name: 'Zomervakantie',
      noord: ['2027-07-10', '2027-08-22'],
      midden: ['2027-07-17', '2027-08-29'],
      zuid: ['2027-07-24', '2027-09-05'],
    },
  ],
  '2027-2028': [
    {
      name: 'Herfstvakantie',
      noord: ['2027-10-16', '2027-10-24'],
      midden: ['2027-10-16', '2027-10-24'],
      zuid: ['2027-10-23', '2027-10-31'],
    },
    { name: 'Kerstvakantie', ...same('2027-12-25', '2028-01-09') },
    {
      name: 'Voorjaarsvakantie',
      noord: ['2028-02-19', '2028-02-27'],
      midden: ['2028-02-26', '2028-03-05'],
      zuid: ['2028-02-26', '2028-03-05'],
    },
    { name: 'Meivakantie', ...same('2028-04-29', '2028-05-07') },
    {
      name: 'Zomervakantie',
      noord: ['2028-07-15', '2028-08-27'],
      midden: ['2028-07-08', '2028-08-20'],
      zuid: ['2028-07-22', '2028-09-03'],
    },
  ],
};

/** A region's holidays, per school year, as rows of school_holiday without their ids. */
export function schoolHolidaysOf(region: Region) {
  return Object.entries(publishedSchoolHolidays).flatMap(([schoolYear, holidays]) =>
    holidays.map((holiday) => ({
      schoolYear,
      name: holiday.name,
      firstDay: holiday[region][0],
      lastDay: holiday[region][1],
    })),
  );
}
