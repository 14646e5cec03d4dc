// What the child's file and a school's list say each relation may see and do
// (docs/decisions/0017-server-says-what-the-user-may-do.md), and that the parts the file offers
// are the parts the server then lets the user read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aConsent,
  aGuardian,
  anOrganisationOnCase,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';

const none = {
  plan: false,
  meetings: false,
  documents: false,
  consent: false,
  caseTeam: false,
  requests: false,
  transitions: false,
  accessLog: false,
  osoDossier: false,
};
const noActions = {
  asParent: false,
  openSchoolList: false,
  edit: false,
  changeSupportLevel: false,
  startPlan: false,
  addMeeting: false,
  takeActionIntoPlan: false,
  giveConsent: false,
  withdrawConsent: false,
  reportAbsence: false,
  exportFile: false,
};

/** Per relation to the child (in group 5A): what the file says the user may see and do. */
const expected = {
  ib: {
    parts: {
      plan: true,
      meetings: true,
      documents: true,
      consent: true,
      caseTeam: true,
      requests: true,
      transitions: true,
      accessLog: true,
      osoDossier: true,
    },
    ...noActions,
    openSchoolList: true,
    edit: true,
    changeSupportLevel: true,
    startPlan: true,
    addMeeting: true,
    takeActionIntoPlan: true,
    giveConsent: true,
    withdrawConsent: true,
    reportAbsence: true,
    exportFile: true,
  },
  director: {
    parts: {
      ...none,
      plan: true,
      meetings: true,
      documents: true,
      consent: true,
      caseTeam: true,
      requests: true,
      transitions: true,
      osoDossier: true,
    },
    ...noActions,
    openSchoolList: true,
  },
  teacherOfGroup: {
    parts: { ...none, plan: true, meetings: true, documents: true, osoDossier: true },
    ...noActions,
    openSchoolList: true,
    startPlan: true,
  },
  consultant: {
    parts: {
      ...none,
      plan: true,
      meetings: true,
      documents: true,
      consent: true,
      caseTeam: true,
      requests: true,
      transitions: true,
      osoDossier: true,
    },
    ...noActions,
    openSchoolList: true,
    edit: true,
    changeSupportLevel: true,
    startPlan: true,
    addMeeting: true,
    takeActionIntoPlan: true,
    exportFile: true,
  },
  partnerOnCase: {
    parts: {
      ...none,
      plan: true,
      meetings: true,
      documents: true,
      caseTeam: true,
      requests: true,
      osoDossier: true,
    },
    ...noActions,
  },
  parent: {
    parts: {
      ...none,
      plan: true,
      documents: true,
      consent: true,
      caseTeam: true,
      requests: true,
      transitions: true,
      accessLog: true,
      osoDossier: true,
    },
    ...noActions,
    asParent: true,
    giveConsent: true,
    withdrawConsent: true,
    exportFile: true,
  },
} as const;

type Relation = keyof typeof expected;

/** The read behind each part, as its tab asks it. */
const partReads: Record<keyof typeof none, string> = {
  plan: 'plans',
  meetings: 'meetings',
  documents: 'documents',
  consent: 'consents',
  caseTeam: 'case-team',
  requests: 'requests',
  transitions: 'transitions',
  accessLog: 'access-log',
  osoDossier: 'oso-dossier',
};

describe('what the child file says the user may do', () => {
  let t: TestApp;
  let schoolId: string;
  let childId: string;
  const agents = {} as Record<Relation | 'otherTeacher' | 'admin', Agent>;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    childId = (await aStudent(db, swvId, schoolId, { groupName: '5A' })).id;
    const partnerOrganisationId = await aPartnerOrganisation(db, swvId, [schoolId]);
    const user = (memberships: MembershipSpec[]) => aUser(db, swvId, memberships);
    const users = {
      ib: await user([{ role: 'school_ib', schoolId }]),
      director: await user([{ role: 'school_director', schoolId }]),
      teacherOfGroup: await user([{ role: 'teacher', schoolId, groups: ['5A'] }]),
      otherTeacher: await user([{ role: 'teacher', schoolId, groups: ['6B'] }]),
      consultant: await user([{ role: 'consultant' }]),
      partnerOnCase: await user([{ role: 'partner', partnerOrganisationId }]),
      parent: await user([{ role: 'parent' }]),
      admin: await user([{ role: 'swv_admin' }]),
    };
    await aTeam(db, swvId, [schoolId], [users.consultant.id]);
    await aGuardian(db, swvId, childId, users.parent.id);
    await anOrganisationOnCase(db, swvId, childId, partnerOrganisationId);
    await aConsent(db, { swvId, studentId: childId, givenByUserId: users.parent.id, partnerOrganisationId });
    for (const [name, u] of Object.entries(users)) agents[name as keyof typeof agents] = await signIn(t, u);
  });
  afterAll(() => t.close());

  it.each(Object.keys(expected) as Relation[])('%s', async (relation) => {
    const file = await agents[relation].get(`/api/students/${childId}`);
    expect(file.statusCode).toBe(200);
    const { permissions } = file.json();
    expect(permissions).toEqual(expected[relation]);
    // The tabs the file offers are the reads the server then allows, and no others.
    for (const [part, path] of Object.entries(partReads)) {
      const read = await agents[relation].get(`/api/students/${childId}/${path}`);
      expect({ part, allowed: read.statusCode === 200 }).toEqual({ part, allowed: permissions.parts[part] });
    }
    // So is changing the child's data (an empty change writes nothing).
    const edit = await agents[relation].patch(`/api/students/${childId}`, {});
    expect(edit.statusCode === 200).toBe(permissions.edit);
    // And the export of everything about the child (docs/SECURITY.md E1).
    const exported = await agents[relation].get(`/api/students/${childId}/export?format=json`);
    expect(exported.statusCode === 200).toBe(permissions.exportFile);
  });

  it('answers no permissions to whom the file is refused', async () => {
    for (const agent of [agents.otherTeacher, agents.admin]) {
      const file = await agent.get(`/api/students/${childId}`);
      expect(file.statusCode).toBeGreaterThanOrEqual(403);
      expect(file.json()).not.toHaveProperty('permissions');
    }
  });

  it('offers adding a child and importing the roster to the IB’er only, a dossier to the IB’er and the consultant', async () => {
    const addStudent = async (relation: Relation | 'otherTeacher') =>
      (await agents[relation].get(`/api/schools/${schoolId}/students`)).json().permissions;
    expect(await addStudent('ib')).toEqual({ addStudent: true, importRoster: true, importDossier: true });
    expect(await addStudent('consultant')).toEqual({
      addStudent: false,
      importRoster: false,
      importDossier: true,
    });
    for (const relation of ['director', 'otherTeacher'] as const) {
      expect(await addStudent(relation)).toEqual({
        addStudent: false,
        importRoster: false,
        importDossier: false,
      });
    }
  });
});
