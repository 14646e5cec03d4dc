// What every feature module's routes receive from app.ts. A leaf: routes take it from here, not
// from app.ts, which imports the routes (test/layers.test.ts forbids import cycles).
import type { Database } from '../db/client.ts';
import type { ReadingDatabase } from '../db/replica.ts';

export type ModuleOptions = {
  database: Database;
  secureCookies: boolean;
  publicUrl: string;
  /** The replica for reading work (DATABASE_REPLICA_URL); null or absent: everything on the primary. */
  reading?: ReadingDatabase | null;
};
