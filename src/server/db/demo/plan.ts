// The shape of the demo, planned in memory before anything is written: which SWVs exist, their
// boards, schools (with how many pupils and which groups), teams and partner organisations.
// The three regional SWVs follow docs/domain.md and the DUO extracts; the national scale adds synthetic ones.
import type { holidayRegions, PartnerKind, SchoolKind } from '../../../domain/organisation.ts';
import type { Population } from './names.ts';
import { apportion, type Random, randomStream } from './random.ts';
import { primarySchools, type ReferenceSchool, secondarySchools, specialSchools } from './referenceData.ts';

export type DemoSettings = {
  seed: number;
  /** The school year the data describes, by its first calendar year (2026 = 2026/27). */
  schoolYear: number;
  /** The instant the demo rows were "created": 1 July before the school year, so always in the past. */
  createdAt: Date;
  /** Share of the real pupil numbers to generate (1 = all; tests use ~0.02). */
  pupilScale: number;
};

/** A named, reproducible stream of randomness for one part of the demo. */
export function streamOf(settings: DemoSettings, ...labels: readonly (string | number)[]): Random {
  return randomStream(settings.seed, settings.createdAt.getTime(), ...labels);
}

export type Stage = 'po' | 'vo';

export type SchoolPlan = {
  id: string;
  boardId: string;
  brin: string;
  locationCode: string;
  name: string;
  kind: SchoolKind;
  wijk: string;
  municipality: string;
  /** Pupils to generate at this location (after the pupil scale). */
  pupilCount: number;
  /** PO: groep 1–8; VO: leerjaar 1–6. */
  stage: Stage;
  grades: readonly number[];
};

export type BoardPlan = { id: string; code: string; name: string };
export type TeamPlan = { id: string; name: string; wijk: string; schoolIds: string[] };
export type PartnerPlan = { id: string; name: string; kind: PartnerKind };

export type SwvPlan = {
  id: string;
  name: string;
  registerCode: string;
  sector: 'PO' | 'VO';
  /** For e-mail addresses: ib@<slug>.demo.passend.nl. */
  slug: string;
  municipalities: string[];
  holidayRegion: (typeof holidayRegions)[number];
  /** The decision clock skips the region's school holidays (docs/domain.md, "The two-week clock"). */
  skipSchoolHolidays: boolean;
  population: Population;
  boards: BoardPlan[];
  schools: SchoolPlan[];
  teams: TeamPlan[];
  partners: PartnerPlan[];
  /** The regular school where the demo's school staff, parent and partner work with children. */
  spotlightSchoolId: string;
};

// docs/domain.md: SBO ~2.0% and SO ~1.2% of an SWV's pupils (together 3.2%, the Utrecht figure).
const sboShare = 0.02;
const soShare = 0.012;
// VO: no public figure in the reference data; VSO ~3.5% (the national order of magnitude) and one OPDC.
const vsoShare = 0.035;
const opdcShare = 0.006;
/** The regular pupils per VO location are not in the VO extract: exam candidates × the years to the exam. */
const pupilsPerExamCandidate = 5.5;
export const nationalPupils = 2_500_000;
export const nationalSwvCount = 150;

export const utrechtWijken = [
  'Binnenstad',
  'Noordoost',
  'Oost',
  'Zuid',
  'Zuidwest',
  'West',
  'Noordwest',
  'Overvecht',
  'Leidsche Rijn',
  'Vleuten-De Meern',
] as const;

/** The city's wijk by 4-digit postcode (the wijk boundaries follow the postcode areas closely enough). */
const utrechtWijkByPostcode: Record<string, (typeof utrechtWijken)[number]> = {};
for (const [wijk, areas] of [
  ['Binnenstad', [3511, 3512]],
  ['Noordwest', [3513, 3551, 3552, 3553, 3554, 3555]],
  ['Noordoost', [3514, 3515, 3571, 3572, 3573]],
  ['Zuidwest', [3521, 3522, 3526, 3527]],
  ['Zuid', [3523, 3524, 3525]],
  ['West', [3531, 3532, 3533]],
  ['Leidsche Rijn', [3541, 3542, 3543, 3544, 3545, 3546]],
  ['Vleuten-De Meern', [3451, 3452, 3453, 3454, 3455]],
  ['Overvecht', [3561, 3562, 3563, 3564, 3565]],
  ['Oost', [3581, 3582, 3583, 3584, 3585]],
] as const) {
  for (const area of areas) utrechtWijkByPostcode[String(area)] = wijk;
}

type SchoolDraft = {
  kind: SchoolKind;
  brin: string;
  locationCode: string;
  name: string;
  boardCode: string;
  municipality: string;
  wijk: string;
  /** Relative size within its kind; pupil numbers are apportioned by it. */
  weight: number;
  grades: readonly number[];
};

type SwvDraft = Omit<SwvPlan, 'id' | 'boards' | 'schools' | 'teams' | 'partners' | 'spotlightSchoolId'> & {
  schools: SchoolDraft[];
  /** Pupils per school kind at full scale. */
  kindTotals: Partial<Record<SchoolKind, number>>;
  boardNames: Map<string, string>;
  /** Teams by wijk: every school of the listed wijken. */
  teams: { name: string; wijken: string[] }[];
  partners: { name: string; kind: PartnerKind }[];
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function gradesOf(kind: SchoolKind, tracks: readonly string[] = []): number[] {
  switch (kind) {
    case 'bao':
    case 'so':
      return range(1, 8);
    case 'sbo':
      return range(3, 8);
    case 'vo':
      return tracks.includes('VWO') ? range(1, 6) : tracks.includes('HAVO') ? range(1, 5) : range(1, 4);
    case 'vso':
      return range(1, 6);
    case 'opdc':
      return range(1, 2);
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown school kind ${String(unknownKind)}`);
    }
  }
}

export function stageOf(kind: SchoolKind): Stage {
  return kind === 'vo' || kind === 'vso' || kind === 'opdc' ? 'vo' : 'po';
}

const schoolNameParts = [
  'De Regenboog',
  'De Wegwijzer',
  'Het Kompas',
  'De Fontein',
  'De Vlinder',
  'De Zonnewijzer',
  'Het Palet',
  'De Sterrenkijker',
  'De Springplank',
  'De Horizon',
  'De Bongerd',
  'Het Mozaïek',
  'De Notenboom',
  'De Windroos',
  'Het Anker',
  'De Wilgenhoek',
  'De Klimop',
  'De Zeppelin',
  'Het Zonnehuis',
  'De Meander',
  'De Vuurvogel',
  'Het Baken',
  'De Kameleon',
  'De Boomhut',
];
const secondaryNameParts = [
  'Erasmus',
  'Comenius',
  'Spinoza',
  'Het Baken',
  'De Brug',
  'Vechtdal',
  'Da Vinci',
  'Hofstede',
];
const namePrefixes: Record<SchoolKind, readonly string[]> = {
  bao: ['Basisschool', 'OBS', 'CBS', 'KBS', 'IKC', 'Kindcentrum'],
  sbo: ['SBO'],
  so: ['SO'],
  vo: ['College', 'Lyceum', 'Scholengemeenschap'],
  vso: ['VSO'],
  opdc: ['OPDC'],
};

/** Invented locations get BRIN codes from 90 up, beyond the codes DUO hands out (they run to the 30s). */
function inventCode(random: Random, taken: Set<string>): { brin: string; locationCode: string } {
  for (;;) {
    const letters = String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25));
    const brin = `${random.int(90, 99)}${letters}`;
    const locationCode = `${brin}00`;
    if (!taken.has(locationCode)) {
      taken.add(locationCode);
      return { brin, locationCode };
    }
  }
}

function inventName(random: Random, kind: SchoolKind, taken: Set<string>, place: string): string {
  const parts = kind === 'vo' ? secondaryNameParts : schoolNameParts;
  for (let attempt = 0; ; attempt++) {
    const base = `${random.pick(namePrefixes[kind])} ${random.pick(parts)}`;
    const name = attempt < 20 ? base : `${base} ${place}${attempt > 40 ? ` ${attempt}` : ''}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function fromReference(
  school: ReferenceSchool,
  wijk: string,
  weight: number,
  boardCode: string,
): SchoolDraft {
  return {
    kind: school.kind,
    brin: school.brin,
    locationCode: school.locationCode,
    name: school.name,
    boardCode,
    municipality: school.municipality,
    wijk,
    weight,
    grades: gradesOf(school.kind, school.tracks),
  };
}

function average(values: readonly (number | null)[], fallback: number): number {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : fallback;
}

function boardName(code: string, denomination: string | null): string {
  return denomination ? `Bestuur ${code} (${denomination.toLowerCase()})` : `Bestuur ${code}`;
}

function addBoards(draft: SwvDraft, schools: readonly ReferenceSchool[]): void {
  for (const school of schools) {
    if (school.boardCode && !draft.boardNames.has(school.boardCode)) {
      draft.boardNames.set(school.boardCode, boardName(school.boardCode, school.denomination));
    }
  }
}

/** Special schools from the extract; a location without a 2025 count gets the average size. */
function specialDrafts(random: Random, draft: SwvDraft, codes: readonly string[], kind: SchoolKind) {
  const schools = specialSchools(codes, kind);
  addBoards(draft, schools);
  const fallback = average(
    schools.map((s) => s.pupils2025),
    150,
  );
  return schools.map((school) =>
    fromReference(
      school,
      school.municipality,
      school.pupils2025 ?? fallback,
      school.boardCode ?? random.pick([...draft.boardNames.keys()]),
    ),
  );
}

function planUtrecht(settings: DemoSettings): SwvDraft {
  const random = streamOf(settings, 'plan', 'PO 26.01');
  const draft: SwvDraft = {
    name: 'SWV Utrecht PO',
    registerCode: 'PO 26.01',
    sector: 'PO',
    slug: 'utrecht',
    municipalities: ['Utrecht'],
    holidayRegion: 'midden',
    skipSchoolHolidays: false,
    population: 'city',
    schools: [],
    // docs/domain.md: ~31,000 pupils, of whom 2.0% in SBO and 1.2% in SO.
    kindTotals: { bao: 31_000 * (1 - sboShare - soShare), sbo: 31_000 * sboShare, so: 31_000 * soShare },
    boardNames: new Map(),
    teams: utrechtWijken.map((wijk) => ({ name: `Team ${wijk}`, wijken: [wijk] })),
    partners: [
      { name: 'Buurtteams Utrecht', kind: 'buurtteam' },
      { name: 'JGZ Utrecht', kind: 'jgz' },
      { name: 'Leerplicht Utrecht', kind: 'leerplicht' },
    ],
  };
  const regular = primarySchools('PO 26-01');
  addBoards(draft, regular);
  const taken = new Set(regular.map((s) => s.locationCode));
  const names = new Set(regular.map((s) => s.name));
  draft.schools.push(
    ...regular.map((school) =>
      fromReference(
        school,
        utrechtWijkByPostcode[school.postcode?.slice(0, 4) ?? ''] ?? 'Binnenstad',
        school.pupils2025 ?? 200,
        school.boardCode!,
      ),
    ),
  );
  // The demo plan: 100 basisscholen; DUO lists 98 in PO 26-01, so two are invented, in the small wijken.
  const mean = average(
    regular.map((s) => s.pupils2025),
    250,
  );
  for (let i = 0; regular.length + i < 100; i++) {
    draft.schools.push({
      kind: 'bao',
      ...inventCode(random, taken),
      name: inventName(random, 'bao', names, 'Utrecht'),
      boardCode: random.pick([...draft.boardNames.keys()].sort()),
      municipality: 'Utrecht',
      wijk: i % 2 === 0 ? 'Binnenstad' : 'Oost',
      weight: Math.round(mean * (0.6 + random.next() * 0.8)),
      grades: gradesOf('bao'),
    });
  }
  // The four SBO and six SO locations of the city with pupils in DUO's 2025 count.
  const special = [
    ...specialDrafts(random, draft, ['06UJ00', '06UJ02', '16QI00', '21GQ00'], 'sbo'),
    ...specialDrafts(random, draft, ['01JO15', '03ND00', '00PQ00', '26LF00', '00VV00', '04BF00'], 'so'),
  ];
  for (const school of special) school.wijk = random.pick(utrechtWijken);
  draft.schools.push(...special);
  return draft;
}

function planPassenderwijs(settings: DemoSettings): SwvDraft {
  const random = streamOf(settings, 'plan', 'PO 26.04');
  // The demo plan: all non-reformatory primary schools of the five municipalities.
  const regular = primarySchools('PO 26-04').filter((s) => s.denomination !== 'Reformatorisch');
  const regularPupils = regular.reduce((sum, s) => sum + (s.pupils2025 ?? 0), 0);
  const total = regularPupils / (1 - sboShare - soShare);
  const municipalities = ['De Ronde Venen', 'Montfoort', 'Oudewater', 'Stichtse Vecht', 'Woerden'];
  const draft: SwvDraft = {
    name: 'Passenderwijs',
    registerCode: 'PO 26.04',
    sector: 'PO',
    slug: 'passenderwijs',
    municipalities,
    holidayRegion: 'midden',
    // The one demo SWV whose clock stands still in the school holidays.
    skipSchoolHolidays: true,
    population: 'town',
    schools: [],
    kindTotals: { bao: regularPupils, sbo: total * sboShare, so: total * soShare },
    boardNames: new Map(),
    teams: [{ name: 'Regioteam', wijken: municipalities }],
    partners: [
      { name: 'Jeugd- en gezinsteams Utrecht West', kind: 'buurtteam' },
      { name: 'JGZ Utrecht West', kind: 'jgz' },
      { name: 'Regionaal Bureau Leerplicht Utrecht West', kind: 'leerplicht' },
    ],
  };
  addBoards(draft, regular);
  draft.schools.push(
    ...regular.map((school) =>
      fromReference(school, school.municipality, school.pupils2025 ?? 150, school.boardCode!),
    ),
    ...specialDrafts(random, draft, ['01JW00', '01KJ00'], 'sbo'),
    ...specialDrafts(random, draft, ['18FQ00'], 'so'),
  );
  return draft;
}

function planSterkVo(settings: DemoSettings): SwvDraft {
  const random = streamOf(settings, 'plan', 'VO 26.01');
  const regular = secondarySchools('VO 26-01');
  const regularPupils = regular.reduce(
    (sum, s) => sum + (s.examCandidates ?? 100) * pupilsPerExamCandidate,
    0,
  );
  const total = regularPupils / (1 - vsoShare - opdcShare);
  const draft: SwvDraft = {
    name: 'Sterk VO Utrecht en Stichtse Vecht',
    registerCode: 'VO 26.01',
    sector: 'VO',
    slug: 'sterkvo',
    municipalities: ['Utrecht', 'Stichtse Vecht'],
    holidayRegion: 'midden',
    skipSchoolHolidays: false,
    population: 'city',
    schools: [],
    kindTotals: { vo: regularPupils, vso: total * vsoShare, opdc: total * opdcShare },
    boardNames: new Map(),
    teams: [
      { name: 'Team Utrecht', wijken: ['Utrecht'] },
      { name: 'Team Stichtse Vecht', wijken: ['Stichtse Vecht'] },
    ],
    partners: [
      { name: 'Buurtteams Utrecht Jeugd', kind: 'buurtteam' },
      { name: 'JGZ Utrecht en Stichtse Vecht', kind: 'jgz' },
      { name: 'Leerplicht Utrecht en Stichtse Vecht', kind: 'leerplicht' },
    ],
  };
  // The VO extract has no board numbers: one invented board per institution (BRIN).
  const boardByBrin = new Map<string, string>();
  for (const school of regular) {
    if (!boardByBrin.has(school.brin)) {
      const code = String(90_000 + boardByBrin.size * 7 + random.int(0, 6));
      boardByBrin.set(school.brin, code);
      draft.boardNames.set(code, `Bestuur van ${school.name}`);
    }
  }
  draft.schools.push(
    ...regular.map((school) =>
      fromReference(
        school,
        school.municipality,
        (school.examCandidates ?? 100) * pupilsPerExamCandidate,
        boardByBrin.get(school.brin)!,
      ),
    ),
    ...specialDrafts(random, draft, ['02YT00', '14RZ00', '17GW05', '03NL00', '26JD00'], 'vso'),
  );
  // The OPDC: temporary placement with intensive guidance, run by the SWV itself.
  const opdcBoard = '99001';
  draft.boardNames.set(opdcBoard, 'Sterk VO (OPDC)');
  draft.schools.push({
    kind: 'opdc',
    ...inventCode(random, new Set(draft.schools.map((s) => s.locationCode))),
    name: 'OPDC Utrecht',
    boardCode: opdcBoard,
    municipality: 'Utrecht',
    wijk: 'Utrecht',
    weight: 1,
    grades: gradesOf('opdc'),
  });
  return draft;
}

const placePrefixes = [
  'Noord',
  'Zuid',
  'Oost',
  'West',
  'Groot',
  'Klein',
  'Nieuw',
  'Oud',
  'Hoog',
  'Laag',
  'Sint ',
  'Ter ',
];
const placeRoots = [
  'broek',
  'dijk',
  'veen',
  'horst',
  'wijk',
  'dam',
  'rade',
  'hoven',
  'berg',
  'wold',
  'zande',
  'meer',
  'vliet',
  'loo',
  'hout',
  'kerk',
];

function inventPlace(random: Random, taken: Set<string>): string {
  for (;;) {
    const prefix = random.pick(placePrefixes);
    const root = random.pick(placeRoots);
    const name = prefix.endsWith(' ')
      ? `${prefix}${root[0]!.toUpperCase()}${root.slice(1)}`
      : `${prefix}${root}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** A synthetic SWV for the national scale: invented places, schools and boards, realistic sizes. */
function planSynthetic(
  settings: DemoSettings,
  registerCode: string,
  sector: 'PO' | 'VO',
  totalPupils: number,
): SwvDraft {
  const random = streamOf(settings, 'plan', registerCode);
  const placeNames = new Set<string>();
  const kinds: [SchoolKind, number, number][] =
    sector === 'PO'
      ? [
          // kind, share of pupils, pupils per location
          ['bao', 1 - sboShare - soShare, 230],
          ['sbo', sboShare, 160],
          ['so', soShare, 130],
        ]
      : [
          ['vo', 1 - vsoShare - opdcShare, 1100],
          ['vso', vsoShare, 220],
          ['opdc', opdcShare, 1e9],
        ];
  const schoolCount = kinds.reduce(
    (sum, [, share, size]) => sum + Math.max(1, Math.round((totalPupils * share) / size)),
    0,
  );
  const municipalities = range(1, Math.min(8, Math.max(2, Math.round(schoolCount / 20)))).map(() =>
    inventPlace(random, placeNames),
  );
  const [region, number] = registerCode.slice(3).split('.');
  const draft: SwvDraft = {
    name: `Samenwerkingsverband ${sector} ${municipalities[0]} e.o.`,
    registerCode,
    sector,
    slug: `${sector.toLowerCase()}-${region}-${number}`,
    municipalities,
    holidayRegion: random.pick(['noord', 'midden', 'zuid'] as const),
    skipSchoolHolidays: false,
    population: random.chance(0.3) ? 'city' : 'town',
    schools: [],
    kindTotals: Object.fromEntries(kinds.map(([kind, share]) => [kind, totalPupils * share])),
    boardNames: new Map(),
    teams: municipalities.map((place) => ({ name: `Team ${place}`, wijken: [place] })),
    partners: [
      { name: `Buurtteam ${municipalities[0]}`, kind: 'buurtteam' },
      { name: `JGZ ${municipalities[0]} e.o.`, kind: 'jgz' },
      { name: `Leerplicht ${municipalities[0]} e.o.`, kind: 'leerplicht' },
    ],
  };
  const boardCodes = range(1, Math.max(2, Math.round(schoolCount / 8))).map((i) =>
    String(10_000 + i * 811 + random.int(0, 800)),
  );
  for (const code of boardCodes)
    draft.boardNames.set(
      code,
      boardName(
        code,
        random.pick(['openbaar', 'Rooms-Katholiek', 'Protestants-Christelijk', 'Algemeen bijzonder']),
      ),
    );
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const [kind, share, size] of kinds) {
    const count = Math.max(1, Math.round((totalPupils * share) / size));
    for (let i = 0; i < count; i++) {
      const place = random.pick(municipalities);
      draft.schools.push({
        kind,
        ...inventCode(random, codes),
        name: kind === 'opdc' ? `OPDC ${municipalities[0]}` : inventName(random, kind, names, place),
        boardCode: random.pick(boardCodes),
        municipality: place,
        wijk: place,
        weight: 0.5 + random.next(),
        grades: gradesOf(
          kind,
          kind === 'vo' ? random.pick([['VMBO'], ['HAVO', 'VWO'], ['VMBO', 'HAVO', 'VWO']]) : [],
        ),
      });
    }
  }
  return draft;
}

/** Gives every row its id (in a fixed order), apportions pupils and links teams and boards. */
function finish(settings: DemoSettings, draft: SwvDraft): SwvPlan {
  const random = streamOf(settings, 'ids', draft.registerCode);
  const id = random.id();
  const boards = [...draft.boardNames].map(([code, name]) => ({ id: random.id(), code, name }));
  const boardIdByCode = new Map(boards.map((b) => [b.code, b.id]));
  const schools: SchoolPlan[] = draft.schools.map((school) => ({
    id: random.id(),
    boardId: boardIdByCode.get(school.boardCode)!,
    brin: school.brin,
    locationCode: school.locationCode,
    name: school.name,
    kind: school.kind,
    wijk: school.wijk,
    municipality: school.municipality,
    pupilCount: 0,
    stage: stageOf(school.kind),
    grades: school.grades,
  }));
  for (const [kind, total] of Object.entries(draft.kindTotals) as [SchoolKind, number][]) {
    const indexes = draft.schools.flatMap((school, index) => (school.kind === kind ? [index] : []));
    const counts = apportion(
      Math.round(total * settings.pupilScale),
      indexes.map((index) => draft.schools[index]!.weight),
    );
    indexes.forEach((index, i) => {
      schools[index]!.pupilCount = counts[i]!;
    });
  }
  const teams = draft.teams.map((team) => ({
    id: random.id(),
    name: team.name,
    wijk: team.wijken.length === 1 ? team.wijken[0]! : 'Regio',
    schoolIds: schools.filter((s) => team.wijken.includes(s.wijk)).map((s) => s.id),
  }));
  const partners = draft.partners.map((partner) => ({ id: random.id(), ...partner }));
  // The spotlight school: one of the larger regular schools (by full size, so the same school at
  // every pupil scale), so the demo's school staff, parent and partner have children to work with.
  const regular = draft.schools
    .map((school, index) => ({ school, plan: schools[index]! }))
    .filter(({ school }) => school.kind === 'bao' || school.kind === 'vo')
    .sort(
      (a, b) =>
        b.school.weight - a.school.weight || a.school.locationCode.localeCompare(b.school.locationCode),
    );
  const spotlight = random.pick(regular.slice(0, Math.max(1, Math.ceil(regular.length / 3)))).plan;
  return {
    id,
    name: draft.name,
    registerCode: draft.registerCode,
    sector: draft.sector,
    slug: draft.slug,
    municipalities: draft.municipalities,
    holidayRegion: draft.holidayRegion,
    skipSchoolHolidays: draft.skipSchoolHolidays,
    population: draft.population,
    boards,
    schools,
    teams,
    partners,
    spotlightSchoolId: spotlight.id,
  };
}

export function planRegional(settings: DemoSettings): SwvPlan[] {
  return [planUtrecht(settings), planPassenderwijs(settings), planSterkVo(settings)].map((draft) =>
    finish(settings, draft),
  );
}

/** The three regional SWVs plus synthetic ones up to ~150 SWVs and ~2.5 million pupils. */
export function planNational(settings: DemoSettings): SwvPlan[] {
  const regional = planRegional(settings);
  const random = streamOf(settings, 'plan', 'national');
  const taken = new Set(regional.map((swv) => swv.registerCode));
  const codes: { code: string; sector: 'PO' | 'VO' }[] = [];
  const synthetic = nationalSwvCount - regional.length;
  const poCount = Math.round(synthetic * (2 / 3));
  for (const [sector, wanted, perRegion] of [
    ['PO', poCount, 9],
    ['VO', synthetic - poCount, 5],
  ] as const) {
    let made = 0;
    for (let region = 20; made < wanted; region++) {
      for (let n = 1; n <= perRegion && made < wanted; n++) {
        const code = `${sector} ${region}.${String(n).padStart(2, '0')}`;
        if (taken.has(code)) continue;
        codes.push({ code, sector });
        made++;
      }
    }
  }
  const regionalPupils = regional.reduce(
    (sum, swv) => sum + swv.schools.reduce((s, x) => s + x.pupilCount, 0),
    0,
  );
  const left = Math.max(0, nationalPupils - regionalPupils / settings.pupilScale);
  // Primary education has ~60% of the pupils (DUO: ~1.45 of ~2.4 million).
  const weights = codes.map(
    ({ sector }) => (sector === 'PO' ? 0.6 / poCount : 0.4 / (synthetic - poCount)) * (0.5 + random.next()),
  );
  const totals = apportion(Math.round(left), weights);
  return [
    ...regional,
    ...codes.map(({ code, sector }, i) =>
      finish(settings, planSynthetic(settings, code, sector, totals[i]!)),
    ),
  ];
}
