// The English texts of secondary.ts, loaded only when someone reads Passend in English.
import type { secondaryNl } from './secondary.ts';

export const secondaryEn: Record<keyof typeof secondaryNl, string> = {
  'role.school_ib': 'Care coordinator',
  'role.teacher': 'Mentor',
  'supportLevel.1': 'Level 1 — basic support in class',

  'admin.error.groups': 'Enter the classes, separated by commas. A class has at most 20 characters.',
  'admin.memberships.hint':
    'A role at a school holds for that school only. A mentor sees only their own classes.',
  'admin.memberships.groups': 'Classes',
  'admin.memberships.groupsHint': 'Separated by commas, for example: 1A, 2B',
  'admin.memberships.groupsShort': '(classes {groups})',

  'home.col.group': 'Class',
  'home.groups.title': 'Your classes at {school}',
  'home.director.onHoldTitle': 'What the care coordinator has on hold',
  'home.groups.titlePending': 'Your classes',
  'home.groups.intro': 'Pupils of class {groups} at support level 2 or higher.',
  'home.groups.caption': 'Pupils in your classes who receive extra support',
  'home.groups.empty':
    'No pupils in your classes at level 2 or higher. Do you think a pupil needs more? Discuss it with the care coordinator.',
  'home.groups.noGroups': 'No classes are linked to you yet. Ask the SWV administrator to add your classes.',
  'home.cases.empty':
    'No cases with the parents’ consent yet. As soon as parents consent, you see the child here. If needed, ask the school’s care coordinator to ask for consent.',
  'home.children.caption': 'Your children with their school and class',

  'student.header.group': 'Class',
  'student.group.none': 'no class',
  'student.forbidden.body':
    'A child’s file is only open to those who work with the child: the school, the SWV’s consultant, the parents, and core partners with the parents’ consent. Your attempt is in the child’s access log. Do you think you need access? Ask the school’s care coordinator.',
  'student.field.groupName': 'Class',
  'student.field.groupNameHint': 'As in your pupil administration, for example 2B.',
  'student.error.groupName': 'The name of the class is too long: at most 20 characters.',
  'student.enrolments.caption': 'Schools and classes of {name}',
  'student.enrolments.group': 'Class',
  'student.list.forbidden.body':
    'A school’s pupils are open to its care coordinator, director and mentors, and to the consultants of the school’s team. Your attempt has been recorded.',
  'student.list.group': 'Class',
  'student.list.onlyGroups': 'You see the pupils of your classes: {groups}.',
  'student.list.noGroups': 'You have no classes at this school, so you see no pupils here.',
  'student.list.empty':
    'There are no pupils of this school in Passend yet. The care coordinator adds them with ‘New pupil’.',

  'documents.upload.classificationHint':
    'A medical-psychological report (such as a psychological assessment or a medical letter) is seen only by the care coordinator and the consultant.',
  'meetings.form.participantRoleHint': 'For example mother, mentor or JGZ youth nurse.',

  'plan.field.teacherNeeds': 'Support needs of the teachers',
  'plan.parent.teacherNeeds': 'What the teachers need',
  'plan.paper.proofHint': 'For example: “signed form, pupil file class 2B, 12 November”.',
  'work.team.typeHint':
    'A request for the team is not about one pupil, for example coaching the teachers of a class. You write out the request next.',
  'roster.pupil.details': 'class {group}, born {birthDate}',
  'roster.field.groupName': 'class',
  'roster.teachers.title': 'Teachers and mentors',
  'roster.teachers.summary': '{inFile} teachers in the file; {same} have the same classes in Passend.',
  'roster.teachers.hint':
    'Passend changes no account from the file: which mentor sees the pupils of which class is set by the SWV’s administrator under Users.',
  'roster.teachers.different': 'Other classes in Passend than in the file',
  'roster.teachers.without': 'No account as a mentor of this school',
  'oso.match.candidate': '{name}, born {birthDate}, class {group}',
  'oso.tab.career.group': 'Class',
  'requests.advices.withheld': "Only the school's care coordinator and the SWV read the text of this advice.",
  'bg.file.group': 'Class',
};
