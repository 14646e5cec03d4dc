// docs/requirements.md R-IMP-1: an SWV-sized EDEXML roster (31,000 pupils by default) is validated
// and imported in seconds. Generates an EDEXML 2.1 file shaped like a school system's export
// (groups, pupils with ECK iD, teachers), then measures, in one run: reading and validating it
// against the XSD; the first import into an empty school (every pupil added); and importing the
// same file again (every pupil unchanged, nothing written). Reports pupils per second per step.
//
//   npx tsx bench/edexmlImport.ts [--database pglite|postgres] [--pupils N] [--rounds N]
import { z } from 'zod';
import { amsterdamToday } from '../src/domain/calendar.ts';
import { readEdexml } from '../src/server/modules/students/edexml.ts';
import { importRoster } from '../src/server/modules/students/rosterImport.ts';
import { aSchool, aSwv } from '../test/support/factories.ts';
import { aPgliteDatabase, aPostgresDatabase } from './support/benchDatabase.ts';
import { median } from './support/stats.ts';

const Options = z.object({
  database: z.enum(['pglite', 'postgres']).default('pglite'),
  pupils: z.coerce.number().int().min(1).default(31_000),
  rounds: z.coerce.number().int().min(1).default(3),
  databaseUrl: z.string().default(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
});

function optionsFromArgv() {
  const raw: Record<string, string> = {};
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2)
    raw[args[i]!.replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase())] = args[i + 1]!;
  return Options.parse(raw);
}

const familyNames = [
  'Vries',
  'Jansen',
  'Bakker',
  'Amrani',
  'Visser',
  'Yılmaz',
  'Smit',
  'Meijer',
  'Nguyễn',
  'Şahin',
];
const givenNames = ['Sanne', 'Daan', 'Noor', 'Finn', 'Mila', 'Yusuf', 'Lotte', 'Sem', 'Aya', 'Łukasz'];

/** An EDEXML 2.1 roster of `pupils` pupils in groups of 25, 2 teachers a group. */
export function generateEdexml(pupils: number, locationCode: string): Buffer {
  const groups = Math.ceil(pupils / 25);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<EDEX>',
    `<school><schooljaar>2026-2027</schooljaar><brincode>${locationCode.slice(0, 4)}</brincode><dependancecode>${locationCode.slice(4)}</dependancecode><aanmaakdatum>2026-12-01T08:00:00</aanmaakdatum><auteur>bench</auteur><xsdversie>2.1</xsdversie></school>`,
    '<groepen>',
  ];
  for (let g = 0; g < groups; g++)
    lines.push(
      `<groep key="G${g}"><naam>${(g % 8) + 1}${String.fromCharCode(65 + (g % 26))}${g}</naam><jaargroep>${(g % 8) + 1}</jaargroep></groep>`,
    );
  lines.push('</groepen>', '<leerlingen>');
  for (let p = 0; p < pupils; p++) {
    const year = 2014 + (p % 8);
    lines.push(
      `<leerling key="L${p}" eckid="https://id.school/LL_${p.toString(36).padStart(12, '0')}"><achternaam>${familyNames[p % 10]}</achternaam>${p % 3 === 0 ? '<voorvoegsel>de</voorvoegsel>' : ''}<roepnaam>${givenNames[(p * 7) % 10]}</roepnaam><geboortedatum>${year}-${String((p % 12) + 1).padStart(2, '0')}-${String((p % 28) + 1).padStart(2, '0')}</geboortedatum><geslacht>${p % 2}</geslacht><jaargroep>${(Math.floor(p / 25) % 8) + 1}</jaargroep><groep key="G${Math.floor(p / 25)}"/></leerling>`,
    );
  }
  lines.push('</leerlingen>', '<leerkrachten>');
  for (let g = 0; g < groups * 2; g++)
    lines.push(
      `<leerkracht key="T${g}"><achternaam>Leerkracht${g}</achternaam><roepnaam>Kim</roepnaam><groepen><groep key="G${Math.floor(g / 2)}"/></groepen></leerkracht>`,
    );
  lines.push('</leerkrachten>', '</EDEX>');
  return Buffer.from(lines.join('\n'));
}

async function main() {
  const options = optionsFromArgv();
  const locationCode = '99ZZ00';
  const file = generateEdexml(options.pupils, locationCode);
  console.log(
    `EDEXML 2.1, ${options.pupils.toLocaleString('en')} pupils, ${(file.length / 1e6).toFixed(1)} MB; ${options.database}; ${options.rounds} rounds; load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
  const times = { read: [] as number[], first: [] as number[], again: [] as number[] };
  for (let round = 0; round < options.rounds; round++) {
    const bench =
      options.database === 'pglite'
        ? await aPgliteDatabase()
        : await aPostgresDatabase(options.databaseUrl, 4);
    try {
      const swvRow = await aSwv(bench.database.db);
      const schoolRow = await aSchool(bench.database.db, swvRow.id);
      const target = { swvId: swvRow.id, id: schoolRow.id, locationCode, name: schoolRow.name };
      let started = performance.now();
      const roster = readEdexml(file);
      times.read.push(performance.now() - started);
      const now = new Date();
      const importOptions = {
        apply: true,
        today: amsterdamToday(now),
        origin: { actorUserId: null, requestId: 'bench', clientAddress: 'bench', now },
        actorRole: 'operator',
      };
      started = performance.now();
      const first = await importRoster(bench.database, target, roster, importOptions);
      times.first.push(performance.now() - started);
      started = performance.now();
      const again = await importRoster(bench.database, target, roster, importOptions);
      times.again.push(performance.now() - started);
      if (first.added.length !== options.pupils || again.unchanged !== options.pupils)
        throw new Error(`Unexpected result: ${first.added.length} added, ${again.unchanged} unchanged`);
    } finally {
      await bench.remove();
    }
  }
  for (const [step, title] of [
    ['read', 'read + validate against the XSD'],
    ['first', 'first import (all added)'],
    ['again', 'same file again (all unchanged)'],
  ] as const) {
    const ms = median(times[step]);
    console.log(
      `${title.padEnd(34)} median ${(ms / 1000).toFixed(2)} s  ${Math.round(options.pupils / (ms / 1000)).toLocaleString('en')} pupils/s  (runs: ${times[step].map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
