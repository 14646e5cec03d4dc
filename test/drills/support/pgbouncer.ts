// PgBouncer for the drills (docs/operations.md, "The pooler"): Debian's /usr/sbin/pgbouncer with an ini
// of its own in the drill's folder, on its own loopback port, in transaction pooling mode. Repointing
// it at another server is what an operator (or Patroni's on_role_change callback) does: edit the
// ini and RELOAD on the admin console. Runs as the postgres OS user when we are root.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asPostgres, freePort, waitFor, withClient } from './cluster.ts';

export const pgbouncerProgram = process.env.PASSEND_PGBOUNCER ?? '/usr/sbin/pgbouncer';

export type Pgbouncer = {
  port: number;
  /** The app's URL through the pooler: postgres://postgres@127.0.0.1:<port>/<database> */
  url: string;
  /** Points the pooler at another server (ini + RELOAD); existing server connections are closed as they free up. */
  repoint(serverPort: number): Promise<void>;
  /** Runs a command on the admin console (SHOW POOLS, RELOAD, PAUSE, RESUME). */
  admin<T = Record<string, unknown>>(command: string): Promise<T[]>;
  stop(): Promise<void>;
};

export type PgbouncerOptions = {
  folder: string;
  serverPort: number;
  database?: string;
  poolSize?: number;
  mode?: 'transaction' | 'session';
};

function ini(options: Required<PgbouncerOptions>, port: number, serverPort: number): string {
  const { folder, database, poolSize, mode } = options;
  return `;; Passend drill pooler (test/drills/support/pgbouncer.ts)
[databases]
${database} = host=127.0.0.1 port=${serverPort} dbname=${database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir = ${folder}
pidfile = ${path.join(folder, 'pgbouncer.pid')}
logfile = ${path.join(folder, 'pgbouncer.log')}
auth_type = trust
auth_file = ${path.join(folder, 'pgbouncer-users.txt')}
admin_users = postgres
pool_mode = ${mode}
default_pool_size = ${poolSize}
max_client_conn = 400
;; While the server is away, answer quickly rather than hold the app's queries: the app turns the
;; error into 503 (docs/operations.md, "Failover").
server_login_retry = 1
server_connect_timeout = 3
query_wait_timeout = 10
server_reset_query =
ignore_startup_parameters = extra_float_digits
`;
}

export async function startPgbouncer(options: PgbouncerOptions): Promise<Pgbouncer> {
  const settings: Required<PgbouncerOptions> = {
    database: 'passend',
    poolSize: 10,
    mode: 'transaction',
    ...options,
  };
  const port = await freePort();
  const iniPath = path.join(settings.folder, 'pgbouncer.ini');
  writeFileSync(path.join(settings.folder, 'pgbouncer-users.txt'), '"postgres" ""\n', { mode: 0o644 });
  writeFileSync(iniPath, ini(settings, port, settings.serverPort), { mode: 0o644 });
  await asPostgres(pgbouncerProgram, ['-d', iniPath]);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/pgbouncer`;
  const admin = async <T>(command: string) =>
    withClient(adminUrl, async (client) => (await client.query(command)).rows as T[]);
  await waitFor(async () => (await admin('SHOW VERSION')).length > 0, 15_000, 'PgBouncer to listen');
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/${settings.database}`,
    admin,
    repoint: async (serverPort) => {
      writeFileSync(iniPath, ini(settings, port, serverPort), { mode: 0o644 });
      await admin('RELOAD');
    },
    stop: async () => {
      const pid = Number(readFileSync(path.join(settings.folder, 'pgbouncer.pid'), 'utf8').trim());
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        return;
      }
      await waitFor(
        () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        },
        15_000,
        'PgBouncer to stop',
      );
    },
  };
}
