// `passend swv …`: SWV settings that are the operator's alone.
import { type Command, InvalidArgumentError } from 'commander';
import { withDatabase } from '../context.ts';
import { setGrantApproval } from '../swvSettings.ts';

function parseOnOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new InvalidArgumentError('on or off');
}

export function registerSwvCommands(program: Command): void {
  const swvCommand = program.command('swv').description('SWV settings that only the operator changes');
  swvCommand
    .command('grant-approval')
    .description(
      'whether roles with access to children’s data wait for a second administrator (on by default)',
    )
    .argument('<register code>', 'the SWV, e.g. "PO 26.04"')
    .argument('<on|off>', 'on: a second administrator approves; off: roles work at once', parseOnOff)
    .action(async (registerCode: string, required: boolean) => {
      const result = await withDatabase((database) => setGrantApproval(database, registerCode, required), {
        requireMigrated: true,
      });
      const state = required ? 'on' : 'off';
      console.log(
        result.changed
          ? `Approval of roles with children’s data is now ${state} in ${result.registerCode}.`
          : `Approval of roles with children’s data was already ${state} in ${result.registerCode}.`,
      );
    });
}
