// Seeds one SWV the size of a small real one for the read benchmarks: a few schools, ~1,000
// children with parents, consents and a case team, staff, and some access-log history. Built
// with the test factories, so the data goes through the same constraints as in the tests.
import { uuidv7 } from 'uuidv7';
import { appendAccessLog } from '../../src/server/access/accessLog.ts';
import type { Database } from '../../src/server/db/client.ts';
import {
  aCaseMember,
  aConsent,
  aGuardian,
  anActivePlan,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type TestUser,
} from '../../test/support/factories.ts';

export type SeededSwv = {
  swvId: string;
  schoolIds: string[];
  /** The IB'er of the first school, who signs in for the benchmark. */
  ib: TestUser;
  /** The consultant whose team serves every school (bench/requestQueue.ts signs in as them). */
  consultant: TestUser;
  /** The children of the IB'er's school. */
  studentIdsOfIbSchool: string[];
  /** The children of every school, by school id. */
  studentIdsBySchool: Map<string, string[]>;
  studentCount: number;
};

const givenNames = ['Sanne', 'Daan', 'Noor', 'Mohamed', 'Lotte', 'Sem', 'Yara', 'Finn', 'Aya', 'Levi'];
const familyNames = ['de Vries', 'Jansen', 'Bakker', 'El Amrani', 'Visser', 'Yilmaz', 'Smit', 'Meijer'];
const groups = ['1A', '2A', '3A', '4A', '5A', '5B', '6A', '7A', '8A', '8B'];

export async function seedSwv(
  database: Database,
  options: {
    schools: number;
    studentsPerSchool: number;
    /** One child in this many has an active plan (for the list's flags and filter); none if absent. */
    activePlanEvery?: number;
  },
): Promise<SeededSwv> {
  const db = database.db;
  const swv = await aSwv(db);
  const schools = [];
  for (let index = 0; index < options.schools; index++) {
    schools.push(await aSchool(db, swv.id, { kind: index === options.schools - 1 ? 'sbo' : 'bao' }));
  }
  const schoolIds = schools.map((school) => school.id);
  const firstSchoolId = schoolIds[0]!;

  const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: firstSchoolId }]);
  await aUser(db, swv.id, [{ role: 'school_director', schoolId: firstSchoolId }]);
  await aUser(db, swv.id, [{ role: 'teacher', schoolId: firstSchoolId, groups: ['5A', '5B'] }]);
  const consultant = await aUser(db, swv.id, [{ role: 'consultant' }]);
  await aTeam(db, swv.id, schoolIds, [consultant.id]);
  const partnerId = await aPartnerOrganisation(db, swv.id, schoolIds);
  const partner = await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerId }]);

  const studentIdsBySchool = new Map<string, string[]>();
  let studentCount = 0;
  for (const schoolId of schoolIds) {
    const ids: string[] = [];
    for (let index = 0; index < options.studentsPerSchool; index++) {
      const child = await aStudent(db, swv.id, schoolId, {
        givenName: givenNames[index % givenNames.length]!,
        familyName: `${familyNames[index % familyNames.length]} ${index}`,
        groupName: groups[index % groups.length]!,
        // Levels 1–4 in turn; with a plan for one in five, level 3 with a plan is one in twenty.
        supportLevel: 1 + (index % 4),
      });
      if (options.activePlanEvery && index % options.activePlanEvery === 2) {
        await anActivePlan(db, { swvId: swv.id, studentId: child.id, userId: ib.id });
      }
      ids.push(child.id);
      studentCount += 1;
      // One child in ten has a parent account; one in twenty a case team with the partner and consent.
      if (index % 10 === 0) {
        const parent = await aUser(db, swv.id, [{ role: 'parent' }]);
        await aGuardian(db, swv.id, child.id, parent.id);
        if (index % 20 === 0) {
          await aCaseMember(db, swv.id, child.id, partner.id);
          await aConsent(db, {
            swvId: swv.id,
            studentId: child.id,
            givenByUserId: parent.id,
            partnerOrganisationId: partnerId,
          });
        }
      }
    }
    studentIdsBySchool.set(schoolId, ids);
  }

  // A history of earlier reads by the IB'er (four per child of the school), so the log and its
  // chain are not empty at the start.
  const history = Array.from({ length: 4 }, () => studentIdsBySchool.get(firstSchoolId)!).flat();
  await db.transaction(async (tx) => {
    for (const [index, studentId] of history.entries()) {
      await appendAccessLog(
        tx,
        {
          actorUserId: ib.id,
          requestId: uuidv7(),
          clientAddress: '127.0.0.1',
          now: new Date(Date.now() - (history.length - index) * 60_000),
        },
        {
          swvId: swv.id,
          studentId,
          objectType: 'student',
          objectId: studentId,
          action: 'read',
          outcome: 'allowed',
          purpose: 'IB’er of the school',
          actorRole: 'school_ib',
          actorOrganisation: `school:${firstSchoolId}`,
        },
      );
    }
  });
  await database.exec('analyze');

  return {
    swvId: swv.id,
    schoolIds,
    ib,
    consultant,
    studentIdsOfIbSchool: studentIdsBySchool.get(firstSchoolId)!,
    studentIdsBySchool,
    studentCount,
  };
}
