// `passend import …`: files from schools' systems and DUO.
// - `edexml FILE --school CODE`: a school's roster from its administration system (docs/domain.md,
//   "Rosters from the school's system"), validated against its EDEXML XSD first; an invalid file
//   is refused whole with each problem's line, element and record, and nothing is written.
// - `schools FILE`: DUO's register of school locations, each assigned to its SWV by postcode
//   (docs/domain.md, "The school register").
// - `oso FILE --school CODE --by EMAIL`: a child's OSO hand-over dossier (version 2019.1) into the
//   child's file, in the name of the IB'er or consultant whose address is given (docs/domain.md,
//   "Hand-over dossiers (OSO)"): the child matched by the school's key or name and birth date,
//   or named with --student, or made with --create-child.
// `--dry-run` shows what would change.
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { OsoImportResult } from '../../contracts/oso.ts';
import { amsterdamToday } from '../../domain/calendar.ts';
import { locationCodeRefusal, schoolKinds } from '../../domain/organisation.ts';
import { osoMaxBytes } from '../../domain/oso.ts';
import type { RosterChanges } from '../../domain/roster.ts';
import { loadActorByEmail } from '../../server/access/loadActor.ts';
import { loadConfig } from '../../server/config.ts';
import { AppError } from '../../server/http/errors.ts';
import { resolveKeyRing } from '../../server/modules/documents/encryption.ts';
import { importOsoDossier } from '../../server/modules/dossiers/dossiers.service.ts';
import { readOsoDossier } from '../../server/modules/dossiers/osoReader.ts';
import {
  importSchoolRegister,
  RegisterFileRefused,
  type RegisterResult,
  readRegisterFile,
} from '../../server/modules/organisations/schoolRegister.ts';
import { edexmlMaxBytes, readEdexml } from '../../server/modules/students/edexml.ts';
import {
  importRoster,
  rosterSchoolMismatch,
  schoolsByLocationCode,
} from '../../server/modules/students/rosterImport.ts';
import { barOf, progressLine } from '../../server/progress.ts';
import { XmlFileRefused } from '../../server/xml/xsd.ts';
import { CliError, withDatabase } from '../context.ts';

/** The whole refusal as the operator reads it: each problem on a line of its own. */
export function refusalText(refusal: XmlFileRefused): string {
  const lines = refusal.problems.map((problem) =>
    [
      problem.line === null ? null : `line ${problem.line}`,
      problem.record ?? problem.element,
      problem.message,
    ]
      .filter(Boolean)
      .join(': '),
  );
  return `The file was refused, nothing was imported:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

export function changesSummary(changes: RosterChanges, applied: boolean): string {
  const verb = applied ? '' : 'would be ';
  const lines = [
    `${changes.added.length} ${verb}added, ${changes.changed.length} ${verb}changed, ${changes.left.length} ${verb}marked as left, ${changes.unchanged} unchanged.`,
  ];
  if (changes.skipped.length > 0) {
    lines.push(`${changes.skipped.length} pupils of the file skipped:`);
    for (const skip of changes.skipped)
      lines.push(`  pupil ${skip.key}: ${skip.reason.replaceAll('_', ' ')}`);
  }
  if (changes.notInFile.length > 0)
    lines.push(
      `${changes.notInFile.length} children typed in by hand are not in the file: check them in Passend.`,
    );
  return lines.join('\n');
}

/** DUO's largest register file (all primary school locations) is about 2 MB. */
const registerMaxBytes = 50 * 1024 * 1024;

function readFile(file: string, maxBytes: number): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`Cannot read ${file}`);
  }
  if (size > maxBytes) throw new CliError(`${file} is larger than ${maxBytes / 1024 / 1024} MB`);
  return readFileSync(file);
}

function registerSummary(result: RegisterResult, applied: boolean): string {
  const verb = applied ? '' : 'would be ';
  const lines = result.swvs.map(
    (swv) =>
      `${swv.registerCode} ${swv.name}: ${swv.created.length} ${verb}created, ${swv.updated.length} ${verb}updated, ${swv.unchanged} unchanged.`,
  );
  if (result.swvs.length === 0) lines.push('No SWV of this sector in Passend: nothing to do.');
  lines.push(`${result.elsewhere} locations belong to SWVs not in Passend.`);
  if (result.unknownPostcode.length > 0)
    lines.push(`No SWV known for the postcode of: ${result.unknownPostcode.join(', ')}.`);
  if (result.refused.length > 0) lines.push(`Rows not read: ${result.refused.join('; ')}.`);
  return lines.join('\n');
}

/** What an OSO import did (or would do): the child, and the counts of what it brings. */
export function dossierSummary(result: z.infer<typeof OsoImportResult>): string {
  const verb = result.applied ? '' : 'would be ';
  const { counts } = result;
  const child = result.child
    ? `${result.child.name}${result.child.created ? ` (a new child${result.applied ? '' : ', to be created'})` : ''}`
    : `${result.pupil.name}, born ${result.pupil.birthDate}: not matched with certainty`;
  const lines = [
    `OSO dossier (${result.dossier.kind}${result.dossier.transfer ? `, ${result.dossier.transfer}` : ''}) of ${result.dossier.sendingSchool.locationCode} for ${child}.`,
  ];
  if (!result.child) {
    lines.push(
      result.match.candidates.length > 0
        ? `Name the child with --student: ${result.match.candidates.map((c) => `${c.id} (${c.name}, ${c.birthDate})`).join('; ')}; or use --create-child.`
        : 'No child of the school is alike: use --create-child, or name the child with --student.',
    );
    return lines.join('\n');
  }
  if (result.alreadyImported) lines.push('This dossier was imported for the child before: nothing to add.');
  const entry = (name: string, c: { added: number; changed: number; unchanged: number }) =>
    `${name}: ${c.added} ${verb}added, ${c.changed} ${verb}changed, ${c.unchanged} unchanged`;
  lines.push(
    `Documents: ${counts.documents.added} ${verb}added, ${counts.documents.known} already there, ${counts.documents.refused} not taken in.`,
    `${entry('Test results', counts.results)}.`,
    `${entry('School career entries', counts.career)}.`,
    `${entry('Support given', counts.support)}.`,
    `${entry('Contacts', counts.contacts)}.`,
  );
  for (const attachment of result.attachments.filter((a) => a.status === 'refused'))
    lines.push(`  not taken in: ${attachment.fileName}: ${attachment.problem?.replaceAll('_', ' ')}`);
  return lines.join('\n');
}

export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description("take in files from schools' systems");
  importCommand
    .command('edexml')
    .description("a school's pupils and groups from an EDEXML file (2.1, 2.0, 1.0.3)")
    .argument('<file>', 'the EDEXML file the school administration system exported')
    .requiredOption('--school <location code>', 'BRIN and vestiging, e.g. 03LX00')
    .option('--swv <register code>', 'the SWV of the school, where the code is in several')
    .option('--dry-run', 'show what would change, change nothing')
    .action(async (file: string, options: { school: string; swv?: string; dryRun?: boolean }) => {
      const locationCode = options.school.toUpperCase();
      const refusal = locationCodeRefusal(locationCode);
      if (refusal) throw new CliError(`--school: ${refusal.message}`);
      const content = readFile(file, edexmlMaxBytes);
      const progress = progressLine();
      progress.update(`Checking ${file} against the EDEXML schema…`);
      let roster: ReturnType<typeof readEdexml>;
      try {
        roster = readEdexml(content);
      } catch (error) {
        progress.done();
        if (error instanceof XmlFileRefused) {
          process.stderr.write(`${refusalText(error)}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
      const summary = await withDatabase(
        async (database) => {
          const schools = await schoolsByLocationCode(database, locationCode, options.swv ?? null);
          if (schools.length === 0) throw new CliError(`No school ${locationCode} in Passend`);
          if (schools.length > 1)
            throw new CliError(
              `School ${locationCode} is in several SWVs (${schools.map((s) => s.registerCode).join(', ')}): name one with --swv`,
            );
          const target = schools[0]!;
          const mismatch = rosterSchoolMismatch(roster, target);
          if (mismatch) throw new CliError(mismatch);
          const now = new Date();
          const changes = await importRoster(database, target, roster, {
            apply: !options.dryRun,
            today: amsterdamToday(now),
            origin: { actorUserId: null, requestId: 'cli-import-edexml', clientAddress: 'cli', now },
            actorRole: 'operator',
            onProgress: (done, total) => progress.update(barOf(done, total, 'pupils')),
          });
          return `${target.name} (${target.locationCode}), EDEXML ${roster.version}, ${roster.pupils.length} pupils in the file.\n${changesSummary(changes, !options.dryRun)}`;
        },
        { requireMigrated: true },
      );
      progress.done();
      console.log(summary);
    });

  importCommand
    .command('oso')
    .description("a child's OSO hand-over dossier (version 2019.1) into the child's file")
    .argument('<file>', 'the OSO dossier (XML) the school system exported')
    .requiredOption(
      '--school <location code>',
      'the school it is imported at: BRIN and vestiging, e.g. 00YY00',
    )
    .requiredOption('--by <email>', "the IB'er or consultant in whose name it is imported (the access log)")
    .option('--swv <register code>', 'the SWV of the school, where the code is in several')
    .option('--student <id>', 'the child it is of, when the match is not certain')
    .option('--create-child', 'make a new child of the dossier’s pupil at the school')
    .option('--dry-run', 'show what would change, change nothing')
    .action(
      async (
        file: string,
        options: {
          school: string;
          by: string;
          swv?: string;
          student?: string;
          createChild?: boolean;
          dryRun?: boolean;
        },
      ) => {
        const locationCode = options.school.toUpperCase();
        const refusal = locationCodeRefusal(locationCode);
        if (refusal) throw new CliError(`--school: ${refusal.message}`);
        if (options.student !== undefined && !/^[0-9a-f-]{36}$/i.test(options.student))
          throw new CliError('--student: the id of a child in Passend');
        const content = readFile(file, osoMaxBytes);
        const keys = resolveKeyRing(loadConfig().documents.keys, loadConfig().database);
        const summary = await withDatabase(
          async (database) => {
            const schools = await schoolsByLocationCode(database, locationCode, options.swv ?? null);
            if (schools.length === 0) throw new CliError(`No school ${locationCode} in Passend`);
            if (schools.length > 1)
              throw new CliError(
                `School ${locationCode} is in several SWVs (${schools.map((s) => s.registerCode).join(', ')}): name one with --swv`,
              );
            const target = schools[0]!;
            const actor = await loadActorByEmail(database.db, target.swvId, options.by);
            if (!actor) throw new CliError(`No active account ${options.by} in the SWV of ${locationCode}`);
            const ctx = {
              database,
              actor,
              requestId: `cli-import-oso-${Date.now()}`,
              clientAddress: 'cli',
              now: new Date(),
            };
            try {
              const result = await importOsoDossier(
                ctx,
                keys,
                target.id,
                content,
                {
                  apply: !options.dryRun,
                  studentId: options.student ?? null,
                  createChild: options.createChild === true,
                },
                async (bytes) => readOsoDossier(bytes),
              );
              return dossierSummary(result);
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              const problems = ((error.details as { problems?: XmlFileRefused['problems'] } | undefined)
                ?.problems ?? []) as XmlFileRefused['problems'];
              const lines = problems.map(
                (p) =>
                  `  ${[p.line === null ? null : `line ${p.line}`, p.record ?? p.element, p.message].filter(Boolean).join(': ')}`,
              );
              throw new CliError([`${error.message}; nothing was imported`, ...lines].join('\n'));
            }
          },
          { requireMigrated: true },
        );
        console.log(summary);
      },
    );

  importCommand
    .command('schools')
    .description("DUO's register of school locations, each given to its SWV by postcode")
    .argument(
      '<file>',
      'a DUO address file of school locations (CSV, e.g. "alle schoolvestigingen basisonderwijs")',
    )
    .option('--kind <kind>', `the kind of the file's schools: ${schoolKinds.join(', ')}`, 'bao')
    .option('--swv <register code>', 'only this SWV, e.g. "PO 26.01"')
    .option('--dry-run', 'show what would change, change nothing')
    .action(async (file: string, options: { kind: string; swv?: string; dryRun?: boolean }) => {
      const kind = schoolKinds.find((known) => known === options.kind);
      if (!kind) throw new CliError(`--kind: one of ${schoolKinds.join(', ')}`);
      let register: ReturnType<typeof readRegisterFile>;
      try {
        register = readRegisterFile(readFile(file, registerMaxBytes));
      } catch (error) {
        if (error instanceof RegisterFileRefused) throw new CliError(error.message);
        throw error;
      }
      const result = await withDatabase(
        (database) =>
          importSchoolRegister(database, register, {
            kind,
            apply: !options.dryRun,
            onlyRegisterCode: options.swv ?? null,
            actorUserId: null,
            now: new Date(),
          }),
        { requireMigrated: true },
      );
      console.log(registerSummary(result, !options.dryRun));
    });
}
