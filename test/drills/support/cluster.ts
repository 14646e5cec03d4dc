// Real PostgreSQL clusters for the drills (docs/operations.md): a primary and a streaming replica made
// with Debian's PostgreSQL 15 programs (initdb, pg_ctl, pg_basebackup -R) in a temporary folder, each
// on its own loopback port, never touching the machine's own server on 5432. initdb refuses root, so
// when this process runs as root (CI) every program runs as the `postgres` OS user and the folder is
// given to that user. Also used by the benchmarks (bench/replica.ts, bench/pooler.ts).
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const postgresBin = process.env.PASSEND_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The uid and gid of the `postgres` OS user when this process is root; null: run as ourselves. */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root, but there is no postgres user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs one of PostgreSQL's programs, as the postgres user when we are root. */
export async function asPostgres(program: string, args: string[]): Promise<string> {
  const file = program.includes('/') ? program : path.join(postgresBin, program);
  const [command, argv] = postgresUser()
    ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
    : [file, args];
  try {
    const { stdout } = await run(command, argv, { timeout: 120_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** A loopback port nobody listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A temporary folder the postgres user owns (when we are root), removed by the caller. */
export function drillFolder(prefix = 'passend-drill-'): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  const user = postgresUser();
  if (user) chownSync(folder, user.uid, user.gid);
  return folder;
}

export type PgNode = {
  name: string;
  dataDir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** fast: roll back and disconnect, then a clean shutdown; immediate: as a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** pg_ctl promote: a replica becomes a primary (waits until it accepts writes). */
  promote(): Promise<void>;
  running(): boolean;
};

function node(name: string, dataDir: string, port: number): PgNode {
  const logFile = path.join(path.dirname(dataDir), `${name}.log`);
  let up = false;
  return {
    name,
    dataDir,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await asPostgres('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      up = true;
    },
    stop: async (mode = 'fast') => {
      if (!up) return;
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      up = false;
    },
    promote: async () => {
      await asPostgres('pg_ctl', ['-D', dataDir, '-w', '-t', '60', 'promote']);
    },
    running: () => up,
  };
}

export type ClusterOptions = {
  /**
   * Commits wait until the replica has the WAL (synchronous_standby_names = '*'): what Patroni's
   * synchronous mode does, so a failover loses no acknowledged write. Off by default, since a
   * stopped replica then holds every commit.
   */
  synchronous?: boolean;
};

export type Cluster = {
  folder: string;
  primary: PgNode;
  replica: PgNode;
  /** Stops both (when running) and removes the folder. */
  destroy(): Promise<void>;
};

/** Settings both clusters share: loopback only, their own socket folder, small, and ready to stream. */
function settings(folder: string, port: number, name: string): string {
  return [
    '',
    `# ${name} of the Passend drill`,
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${folder}'`,
    'max_connections = 60',
    "shared_buffers = '32MB'",
    'wal_level = replica',
    'max_wal_senders = 5',
    'hot_standby = on',
    // The replica tells the primary what its queries still read, so long monitor queries are not
    // cancelled by the cleanup of rows they read (docs/operations.md).
    'hot_standby_feedback = on',
    // The drills and benchmarks test replication and pooling, not the disk of a shared machine.
    'fsync = off',
    "log_min_messages = 'warning'",
    '',
  ].join('\n');
}

/** initdb + start: a primary on its own port, with a `host replication` line in its pg_hba.conf. */
export async function startPrimary(folder: string): Promise<PgNode> {
  const dataDir = path.join(folder, 'primary');
  const port = await freePort();
  await asPostgres('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  appendFileSync(path.join(dataDir, 'postgresql.conf'), settings(folder, port, 'primary'));
  appendFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    '\n# the drill replica streams from here\nhost replication postgres 127.0.0.1/32 trust\n',
  );
  const primary = node('primary', dataDir, port);
  await primary.start();
  return primary;
}

/** pg_basebackup -R from the primary, then start it on its own port as a hot standby. */
export async function startReplica(folder: string, primary: PgNode, name = 'replica'): Promise<PgNode> {
  const dataDir = path.join(folder, name);
  const port = await freePort();
  await asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  // The copied postgresql.conf names the primary's port; a later line wins.
  appendFileSync(path.join(dataDir, 'postgresql.conf'), settings(folder, port, name));
  if (!existsSync(path.join(dataDir, 'standby.signal')))
    throw new Error('pg_basebackup -R wrote no standby.signal');
  const replica = node(name, dataDir, port);
  await replica.start();
  return replica;
}

/** A primary and a streaming replica of it, with `database` created (and streamed) on both. */
export async function startCluster(options: ClusterOptions & { database?: string } = {}): Promise<Cluster> {
  const folder = drillFolder();
  const primary = await startPrimary(folder);
  const database = options.database ?? 'passend';
  await withClient(primary.url(), (client) => client.query(`create database ${database}`));
  const replica = await startReplica(folder, primary);
  await waitFor(() => isStreaming(primary), 30_000, 'the replica to stream');
  if (options.synchronous) {
    // Only now: before a standby streams, every commit would wait for one.
    await withClient(primary.url(), async (c) => {
      await c.query("alter system set synchronous_standby_names = '*'");
      await c.query('select pg_reload_conf()');
    });
    await waitFor(
      async () =>
        (
          await withClient(primary.url(), (c) =>
            c.query<{ n: number }>(
              "select count(*)::int as n from pg_stat_replication where sync_state = 'sync'",
            ),
          )
        ).rows[0]!.n === 1,
      30_000,
      'the replica to be synchronous',
    );
  }
  return {
    folder,
    primary,
    replica,
    destroy: async () => {
      for (const n of [replica, primary]) await n.stop('immediate').catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Whether a standby streams from this primary (pg_stat_replication). */
export async function isStreaming(primary: PgNode): Promise<boolean> {
  const rows = await withClient(primary.url(), (c) =>
    c.query<{ state: string }>('select state from pg_stat_replication'),
  ).catch(() => null);
  return rows?.rows.some((r) => r.state === 'streaming') ?? false;
}

/** Waits until the replica has replayed everything the primary has written up to now. */
export async function caughtUp(primary: PgNode, replica: PgNode, timeoutMs = 30_000): Promise<void> {
  const lsn = (
    await withClient(primary.url(), (c) =>
      c.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'),
    )
  ).rows[0]!.lsn;
  await waitFor(
    async () => {
      const { rows } = await withClient(replica.url(), (c) =>
        c.query<{ behind: string }>('select pg_wal_lsn_diff($1, pg_last_wal_replay_lsn())::text as behind', [
          lsn,
        ]),
      );
      return Number(rows[0]!.behind) <= 0;
    },
    timeoutMs,
    'the replica to catch up',
  );
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
