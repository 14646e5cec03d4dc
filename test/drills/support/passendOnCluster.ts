// Passend in this process on a drill cluster's database (directly, or through PgBouncer), with a
// small SWV of its own: a school with children, a consultant, the school's IB'er and policy staff.
// The app is the one main.ts builds (buildApp), so what a drill shows holds for the server.
import { buildApp } from '../../../src/server/app.ts';
import { type Database, openDatabase } from '../../../src/server/db/client.ts';
import type { ReadingDatabase } from '../../../src/server/db/replica.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../../support/factories.ts';
import {
  aClock,
  documentsForTests,
  type TestApp,
  testPublicUrl,
  testWebRoot,
} from '../../support/testApp.ts';

export type DrillApp = TestApp & { database: Database };

/** The app on `url`; closing it closes its pool, never the cluster. */
export async function passendOn(
  url: string,
  options: {
    reading?: ReadingDatabase | null;
    poolSize?: number;
    connectTimeoutMs?: number;
    /** False through PgBouncer 1.18 in transaction mode (Debian's), which cannot carry named statements. */
    preparedStatements?: boolean;
  } = {},
): Promise<DrillApp> {
  const database = await openDatabase({
    kind: 'postgres',
    url,
    poolSize: options.poolSize ?? 10,
    connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    preparedStatements: options.preparedStatements ?? true,
  });
  const clock = aClock();
  const app = await buildApp({
    database,
    publicUrl: testPublicUrl,
    secureCookies: true,
    now: () => clock.now,
    webRoot: testWebRoot,
    documents: documentsForTests(),
    reading: options.reading ?? null,
  });
  await app.ready();
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { app, database: Object.assign(database, { drop: close }), clock, close };
}

export type DrillSwv = {
  swvId: string;
  schoolId: string;
  studentIds: string[];
  consultant: TestUser;
  ib: TestUser;
  policy: TestUser;
};

export async function aDrillSwv(database: Database, children = 5): Promise<DrillSwv> {
  const db = database.db;
  const swvId = (await aSwv(db)).id;
  const schoolId = (await aSchool(db, swvId, { name: 'De Klimop' })).id;
  const studentIds: string[] = [];
  for (let i = 0; i < children; i++) studentIds.push((await aStudent(db, swvId, schoolId)).id);
  return {
    swvId,
    schoolId,
    studentIds,
    consultant: await aUser(db, swvId, [{ role: 'consultant' }]),
    ib: await aUser(db, swvId, [{ role: 'school_ib', schoolId }]),
    policy: await aUser(db, swvId, [{ role: 'policy' }]),
  };
}
