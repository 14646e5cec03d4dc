// A primary, a streaming replica and PgBouncer (transaction mode) on free loopback ports, as the
// drills make them (test/drills/support/), to try the runbook by hand (docs/operations.md):
//
//   npx tsx scripts/drills/cluster.ts [--synchronous]
//
// Prints the URLs and the folder, and removes everything on Ctrl-C. Run as root, PostgreSQL and
// PgBouncer run as the postgres user.
import { startCluster } from '../../test/drills/support/cluster.ts';
import { startPgbouncer } from '../../test/drills/support/pgbouncer.ts';

const cluster = await startCluster({ synchronous: process.argv.includes('--synchronous') });
const pooler = await startPgbouncer({ folder: cluster.folder, serverPort: cluster.primary.port });
console.log(`folder     ${cluster.folder}`);
console.log(`primary    ${cluster.primary.url('passend')}   (data ${cluster.primary.dataDir})`);
console.log(`replica    ${cluster.replica.url('passend')}   (data ${cluster.replica.dataDir})`);
console.log(`pgbouncer  ${pooler.url}   admin: postgres://postgres@127.0.0.1:${pooler.port}/pgbouncer`);
console.log(`\nDATABASE_URL=${pooler.url} DATABASE_REPLICA_URL=${cluster.replica.url('passend')}`);
console.log('Ctrl-C stops and removes it all.');
process.once('SIGINT', () => {
  void pooler
    .stop()
    .catch(() => {})
    .then(() => cluster.destroy())
    .finally(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);
