// `passend users …`: accounts by e-mail address. A new account gets an activation link, printed
// once, with which the person sets their own password; or the password is read from stdin
// (--password-stdin) and held to the password rules (docs/SECURITY.md B1). A reset password is generated
// and printed once, or read from stdin.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { requiresSecondFactor } from '../../domain/roles.ts';
import { activationPath } from '../../server/auth/activation.ts';
import { assertAcceptablePassword } from '../../server/auth/passwords.ts';
import { loadConfig } from '../../server/config.ts';
import { AppError } from '../../server/http/errors.ts';
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
  if (!fromStdin) return { password: randomBytes(15).toString('base64url'), generated: true };
  return { password: await passwordFromStdin(email), generated: false };
}

async function passwordFromStdin(email: string): Promise<string> {
  const password = await readSecretFromStdin();
  try {
    assertAcceptablePassword(password, email);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  return password;
}

const swvOption = ['--swv <register code>', 'the SWV of the account, where the address has several'] as const;

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
    .option('--password-stdin', 'read the password from stdin instead of printing an activation link')
    .action(
      async (
        emailArgument: string,
        options: { name: string; role: string; swv?: string; school?: string; passwordStdin?: boolean },
      ) => {
        const email = parseEmail(emailArgument);
        const role = parseRole(options.role);
        const password = options.passwordStdin === true ? await passwordFromStdin(email) : null;
        const { registerCode, activation } = await withDatabase(
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
        if (activation) {
          const link = `${loadConfig().publicUrl.replace(/\/+$/, '')}${activationPath(activation.token)}`;
          console.log(
            `Activation link (shown once, valid until ${activation.expiresAt.toISOString()}): ${link}`,
          );
        }
        if (requiresSecondFactor([role])) console.log('The second factor is set up at the first login.');
      },
    );

  users
    .command('reset-password')
    .description("set a new password and end the user's sessions; the second factor stays")
    .argument('<email>', 'e-mail address of the account')
    .option('--password-stdin', 'read the new password from stdin instead of generating one')
    .option(...swvOption)
    .action(async (emailArgument: string, options: { passwordStdin?: boolean; swv?: string }) => {
      const email = parseEmail(emailArgument);
      const { password, generated } = await choosePassword(email, options.passwordStdin === true);
      const ended = await withDatabase((database) => setPassword(database, email, password, options.swv), {
        requireMigrated: true,
      });
      console.log(`The password of ${email} was changed. ${sessionsEnded(ended)}`);
      if (generated) console.log(`New password (shown once): ${password}`);
    });

  users
    .command('reset-second-factor')
    .description('remove the second factor: the user sets up a new one at the next login')
    .argument('<email>', 'e-mail address of the account')
    .option(...swvOption)
    .action(async (emailArgument: string, options: { swv?: string }) => {
      const email = parseEmail(emailArgument);
      const ended = await withDatabase((database) => resetSecondFactor(database, email, options.swv), {
        requireMigrated: true,
      });
      console.log(`${email} sets up a new second factor at the next login. ${sessionsEnded(ended)}`);
    });

  users
    .command('end-sessions')
    .description('sign the user out everywhere')
    .argument('<email>', 'e-mail address of the account')
    .option(...swvOption)
    .action(async (emailArgument: string, options: { swv?: string }) => {
      const email = parseEmail(emailArgument);
      const ended = await withDatabase((database) => endSessions(database, email, options.swv), {
        requireMigrated: true,
      });
      console.log(sessionsEnded(ended));
    });
}
