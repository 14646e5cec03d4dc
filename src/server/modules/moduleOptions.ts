// What every feature module's routes receive from app.ts. A leaf: routes take it from here, not
// from app.ts, which imports the routes (test/layers.test.ts forbids import cycles).
import type { Database } from '../db/client.ts';

export type ModuleOptions = { database: Database; secureCookies: boolean; publicUrl: string };
