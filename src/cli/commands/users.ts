// `passend users …`: accounts by e-mail address. Passwords are generated and printed once, or
// read from stdin (--password-stdin) and held to the password rules (TRUST B1).
import type { Command } from 'commander';
import { requiresSecondFactor } from '../../domain/roles.ts';
import { assertAcceptablePassword } from '../../server/auth/passwords.ts';
import { AppError } from '../../server/http/errors.ts';
import { newInitialPassword } from '../../server/modules/organisations/organisations.service.ts';
import { CliError, readSecretFromStdin, withDatabase } from '../context.ts';
import {
  createAccount,
  endSessions,
  parseEmail,
  parseRole,
  resetSecondFactor,
  setPassword,
} from '../userAccounts.ts';

/** The password to set: from stdin and checked, or generated (and then shown once). */
async function choosePassword(
  email: string,
  fromStdin: boolean,
): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: newInitialPassword(), generated: true };
  const password = await readSecretFromStdin();
  try {
    assertAcceptablePassword(password, email);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  return { password, generated: false };
}

const sessionsEnded = (count: number) => `Ended ${count} session${count === 1 ? '' : 's'}.`;

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('manage accounts by e-mail address');

  users
    .command('create')
    .description('create an account with one role; the operator has no SWV')
    .argument('<email>', 'e-mail address, the login name')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'operator, swv_admin, consultant, committee, policy, school_ib, …')
    .option('--swv <register code>', 'the SWV, e.g. "PO 26.04" (every role but operator)')
    .option('--school <location code>', 'BRIN and vestiging, e.g. 12AB00 (school roles)')
    .option('--password-stdin', 'read the password from stdin instead of generating one')
    .action(
      async (
        emailArgument: string,
        options: { name: string; role: string; swv?: string; school?: string; passwordStdin?: boolean },
      ) => {
        const email = parseEmail(emailArgument);
        const role = parseRole(options.role);
        const { password, generated } = await choosePassword(email, options.passwordStdin === true);
        const { registerCode } = await withDatabase(
          (database) =>
            createAccount(
              database,
              {
                email,
                displayName: options.name,
                role,
                swvRegisterCode: options.swv,
                schoolLocationCode: options.school,
              },
              password,
            ),
          { requireMigrated: true },
        );
        console.log(`Created ${email} (${role}${registerCode ? ` in ${registerCode}` : ''}).`);
        if (generated) console.log(`Initial password (shown once): ${password}`);
        if (requiresSecondFactor([role])) console.log('The second factor is set up at the first login.');
      },
    );

  users
    .command('reset-password')
    .description("set a new password and end the user's sessions; the second factor stays")
    .argument('<email>', 'e-mail address of the account')
    .option('--password-stdin', 'read the new password from stdin instead of generating one')
    .action(async (emailArgument: string, options: { passwordStdin?: boolean }) => {
      const email = parseEmail(emailArgument);
      const { password, generated } = await choosePassword(email, options.passwordStdin === true);
      const ended = await withDatabase((database) => setPassword(database, email, password), {
        requireMigrated: true,
      });
      console.log(`The password of ${email} was changed. ${sessionsEnded(ended)}`);
      if (generated) console.log(`New password (shown once): ${password}`);
    });

  users
    .command('reset-second-factor')
    .description('remove the second factor: the user sets up a new one at the next login')
    .argument('<email>', 'e-mail address of the account')
    .action(async (emailArgument: string) => {
      const email = parseEmail(emailArgument);
      const ended = await withDatabase((database) => resetSecondFactor(database, email), {
        requireMigrated: true,
      });
      console.log(`${email} sets up a new second factor at the next login. ${sessionsEnded(ended)}`);
    });

  users
    .command('end-sessions')
    .description('sign the user out everywhere')
    .argument('<email>', 'e-mail address of the account')
    .action(async (emailArgument: string) => {
      const email = parseEmail(emailArgument);
      const ended = await withDatabase((database) => endSessions(database, email), { requireMigrated: true });
      console.log(sessionsEnded(ended));
    });
}
