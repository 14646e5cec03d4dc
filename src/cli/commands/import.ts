// `passend import …`: files from schools' systems and DUO.
// - `edexml FILE --school CODE`: a school's roster from its administration system (docs/domain.md,
//   "Rosters from the school's system"), validated against its EDEXML XSD first; an invalid file
//   is refused whole with each problem's line, element and record, and nothing is written.
// - `schools FILE`: DUO's register of school locations, each assigned to its SWV by postcode
//   (docs/domain.md, "The school register").
// `--dry-run` shows what would change.
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { amsterdamToday } from '../../domain/calendar.ts';
import { locationCodeRefusal, schoolKinds } from '../../domain/organisation.ts';
import type { RosterChanges } from '../../domain/roster.ts';
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
