// Starts Passend: config → database (migrated) → demo data on an empty database → HTTP.
// On SIGTERM/SIGINT it stops taking requests, finishes running ones, checkpoints and closes (docs/SECURITY.md F4).
import type { FastifyInstance } from 'fastify';
import { resolveCheckpointFolder, resolveSigningKeys } from './access/checkpoints.ts';
import { createSealer } from './access/sealer.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { seedDemoIfEmpty } from './db/demo/index.ts';
import { migrateDatabase } from './db/migrate.ts';
import { createReadingDatabase, type ReadingDatabase } from './db/replica.ts';
import { createJobQueue } from './jobs/jobQueue.ts';
import { scheduledJobs } from './jobs/scheduledJobs.ts';
import { sealSecrets } from './modules/auth/secretRotation.ts';
import { resolveKeyRing } from './modules/documents/encryption.ts';
import { smtpMailer } from './modules/notifications/notifications.mail.ts';
import { watchBulkReading } from './modules/organisations/bulkReading.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before the database opens: a PostgreSQL installation without document keys does not start.
  const documentKeys = resolveKeyRing(config.documents.keys, config.database);
  // Nor one without the access log's signing key and checkpoint folder (docs/decisions/0033).
  const auditKeys = resolveSigningKeys(config.audit.keys, config.database);
  const checkpointFolder = resolveCheckpointFolder(config.audit.checkpointDir, config.database);
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, preparedStatements: config.database.preparedStatements }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  installShutdown(database, null);
  await migrateDatabase(database, config.migrationDatabaseUrl);
  // Secrets stored in plaintext by a version before 0004 are sealed before anyone signs in.
  const { sealed } = await sealSecrets(database, documentKeys, 'plaintext');
  if (sealed > 0)
    console.log(
      `Sealed ${sealed} stored secret${sealed === 1 ? '' : 's'} under key ${documentKeys.current.id}.`,
    );
  // Seals the access log every second: first what an earlier run (or a crash) left unsealed.
  // …and tells the watch on unusual bulk reading who read children's data (docs/SECURITY.md E5).
  const sealer = createSealer(database.db, {
    key: auditKeys[0]!,
    folder: checkpointFolder,
    onReaders: watchBulkReading(database.db, { threshold: config.audit.bulkReadThreshold }),
  });
  sealer.start(1000);
  // Reading work on the replica (docs/decisions/0039): probed now, then every 5 s.
  let reading: ReadingDatabase | null = null;
  if (config.replica) {
    const replica = await openReplica(config.replica.url);
    reading = createReadingDatabase(database, replica, { maxLagSeconds: config.replica.maxLagSeconds });
    await reading.check();
    reading.start(5000);
  }
  const demoLogins = config.demo ? await seedDemoIfEmpty(database, config.demoPassword) : null;
  const jobs = createJobQueue(database, {
    jobs: scheduledJobs(database, {
      mailer: config.smtp ? smtpMailer(config.smtp) : null,
      publicUrl: config.publicUrl,
    }),
    now: () => new Date(),
    onError: (error) => console.error(`Job queue: ${error instanceof Error ? error.name : 'unknown error'}`),
  });
  const app = await buildApp({
    database,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    documents: { keys: documentKeys, maxBytes: config.documents.maxBytes },
    jobs,
    reading,
  });
  app.addHook('onClose', async () => reading?.close());
  // Closing the app lets a running job finish (up to 10 s) before the database closes.
  app.addHook('onClose', async () => jobs.stop());
  // The rows of the last requests are sealed before the database closes.
  app.addHook('onClose', async () => {
    await sealer.stop();
    await sealer.runOnce().catch(() => {});
  });
  installShutdown(database, app);
  await app.listen({ port: config.port, host: config.host });
  const where =
    config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
  console.log(`Passend is running at ${config.publicUrl} (${where})`);
  if (demoLogins) console.log(demoLogins);
  // After listening, so a restart answers at once; then what was missed while stopped (sessions
  // expired, reminders) runs now rather than at its next slot.
  await jobs.start({ runEachNow: true });
}

/**
 * The replica's pool, opened without a first query: the app starts while the replica is down
 * (reading work goes to the primary), and a later probe finds it when it comes.
 */
function openReplica(url: string): Promise<Database> {
  return openDatabase({ kind: 'postgres', url, poolSize: 5, connectTimeoutMs: 3000, lazy: true });
}

let stopping: Promise<void> | null = null;
let stop: (() => Promise<void>) | null = null;

function installShutdown(database: Database, app: FastifyInstance | null): void {
  // server.close() ends only the connections idle at that moment: one whose request is still running
  // stays open (keep-alive) after its answer and holds up the exit for Fastify's 72 s keep-alive
  // timeout, past a container's grace period. Close such a connection as soon as it is answered.
  app?.addHook('onResponse', async () => {
    if (stopping) app.server.closeIdleConnections();
  });
  stop = async () => {
    await app?.close();
    await database.close();
  };
  if (stopping === null && process.listenerCount('SIGTERM') === 0) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        stopping ??= (stop?.() ?? Promise.resolve()).then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
      });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
