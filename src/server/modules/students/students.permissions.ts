// What a user may see and do in a child's file and in a school's list, asked of the one policy
// with the facts the read already loaded, so the page offers exactly what the server would allow
// (docs/decisions/0017-server-says-what-the-user-may-do.md). The server checks again on every request.
import type { z } from 'zod';
import type { StudentList, StudentPermissions } from '../../../contracts/students.ts';
import { notOnCaseTeam } from '../../../domain/caseTeam.ts';
import type { Actor } from '../../access/actor.ts';
import { type ChildPart, can, type StudentFacts } from '../../access/policy.ts';

/** The parts of a file that carry nothing but the child's facts. */
type PlainPart = Exclude<
  ChildPart,
  { type: 'document' | 'plan_agreement' | 'waiting_entry' | 'waiting_note' }
>['type'];

export function studentPermissions(actor: Actor, student: StudentFacts): z.infer<typeof StudentPermissions> {
  const may = (action: 'read' | 'create' | 'update', type: PlainPart) =>
    can(actor, action, { type, student }).allowed;
  return {
    parts: {
      plan: may('read', 'plan'),
      meetings: may('read', 'case_meeting'),
      // The widest document there is: who may read none has no documents tab (parents: the shared ones).
      documents: can(actor, 'read', {
        type: 'document',
        student,
        classification: 'ordinary',
        sharedWithParents: true,
      }).allowed,
      consent: may('read', 'consent'),
      caseTeam: may('read', 'case_team'),
      requests: can(actor, 'read', {
        type: 'request',
        swvId: student.swvId,
        schoolId: student.schoolId,
        student,
        decidedBy: 'committee',
        draft: false,
      }).allowed,
      transitions: can(actor, 'read', {
        type: 'transition',
        swvId: student.swvId,
        fromSchoolId: student.schoolId,
        toSchoolId: null,
        student,
      }).allowed,
      accessLog: may('read', 'access_log'),
      osoDossier: may('read', 'oso_dossier'),
    },
    asParent: student.isGuardian,
    openSchoolList: can(actor, 'read', {
      type: 'student_list',
      swvId: student.swvId,
      schoolId: student.schoolId,
    }).allowed,
    edit: may('update', 'student'),
    changeSupportLevel: may('update', 'support_level'),
    startPlan: may('update', 'plan'),
    addMeeting: may('create', 'case_meeting'),
    // As the meetings module asks it: holding meetings and changing the plan.
    takeActionIntoPlan: may('create', 'case_meeting') && may('update', 'plan'),
    giveConsent: may('create', 'consent'),
    withdrawConsent: may('update', 'consent'),
    exportFile: may('read', 'child_export'),
    reportAbsence: can(actor, 'create', {
      type: 'absence_watch',
      swvId: student.swvId,
      schoolId: student.schoolId,
      municipality: '',
      student,
      involvedUserIds: [],
    }).allowed,
  };
}

/** Adding a child to the school's list: asked for a child in no group yet, as the form starts. */
export function studentListPermissions(
  actor: Actor,
  swvId: string,
  schoolId: string,
): z.infer<typeof StudentList>['permissions'] {
  const newChild: StudentFacts = {
    swvId,
    schoolId,
    groupName: '',
    isGuardian: false,
    caseTeam: notOnCaseTeam,
    consentedPartnerOrganisationIds: [],
  };
  return {
    addStudent: can(actor, 'create', { type: 'student', student: newChild }).allowed,
    importRoster: can(actor, 'manage', { type: 'school_roster', swvId, schoolId }).allowed,
    importDossier: can(actor, 'create', { type: 'oso_dossier', student: newChild }).allowed,
  };
}
