// The words of secondary education (VO). In an SWV of the VO sector these texts replace those of
// the same keys (lookup.ts): the school's support coordinator is the zorgcoördinator, the teacher
// with a class is its mentor, and a pupil is in a klas, not a groep. A message that names one of
// the primary-school words has its VO text here (lookup.test.ts checks that none is missed).
import type { MessageKey } from './nl.ts';

export const secondaryNl = {
  'role.school_ib': 'Zorgcoördinator',
  'role.teacher': 'Mentor',
  'supportLevel.1': 'Niveau 1 — basisondersteuning in de klas',

  'admin.error.groups': 'Vul de klassen in, gescheiden door komma’s. Een klas heeft hoogstens 20 tekens.',
  'admin.memberships.hint':
    'Een rol bij een school geldt alleen voor die school. Een mentor ziet alleen de eigen klassen.',
  'admin.memberships.groups': 'Klassen',
  'admin.memberships.groupsHint': 'Gescheiden door komma’s, bijvoorbeeld: 1A, 2B',
  'admin.memberships.groupsShort': '(klassen {groups})',

  'home.col.group': 'Klas',
  'home.groups.title': 'Uw klassen op {school}',
  'home.director.onHoldTitle': 'Wat bij de zorgcoördinator ligt',
  'home.groups.titlePending': 'Uw klassen',
  'home.groups.intro': 'Leerlingen van klas {groups} met ondersteuningsniveau 2 of hoger.',
  'home.groups.caption': 'Leerlingen in uw klassen die extra ondersteuning krijgen',
  'home.groups.empty':
    'Geen leerlingen in uw klassen op niveau 2 of hoger. Denkt u dat een leerling meer nodig heeft? Bespreek het met de zorgcoördinator.',
  'home.groups.noGroups':
    'Er zijn nog geen klassen aan u gekoppeld. Vraag de beheerder van het samenwerkingsverband om uw klassen toe te voegen.',
  'home.cases.empty':
    'Nog geen casussen met toestemming van de ouders. Zodra ouders toestemming geven, ziet u het kind hier. Vraag zo nodig de zorgcoördinator van de school om toestemming te vragen.',
  'home.children.caption': 'Uw kinderen met hun school en klas',

  'student.header.group': 'Klas',
  'student.group.none': 'geen klas',
  'student.forbidden.body':
    'Het dossier van een kind is alleen te zien voor wie met het kind werkt: de school, de consulent van het samenwerkingsverband, de ouders, en kernpartners met toestemming van de ouders. Uw poging staat in het toegangslogboek van het kind. Denkt u dat u toegang nodig heeft? Vraag het de zorgcoördinator van de school.',
  'student.field.groupName': 'Klas',
  'student.field.groupNameHint': 'Zoals in uw leerlingadministratie, bijvoorbeeld 2B.',
  'student.error.groupName': 'De naam van de klas is te lang: hoogstens 20 tekens.',
  'student.enrolments.caption': 'Scholen en klassen van {name}',
  'student.enrolments.group': 'Klas',
  'student.list.forbidden.body':
    'De leerlingen van een school zijn te zien voor de zorgcoördinator, de directeur en de mentoren van de school, en voor de consulenten van het team van de school. Uw poging is vastgelegd.',
  'student.list.group': 'Klas',
  'student.list.onlyGroups': 'U ziet de leerlingen van uw klassen: {groups}.',
  'student.list.noGroups': 'U heeft op deze school geen klassen, dus u ziet hier geen leerlingen.',
  'student.list.empty':
    'Er staan nog geen leerlingen van deze school in Passend. De zorgcoördinator voegt ze toe met ‘Nieuwe leerling’.',

  'documents.upload.classificationHint':
    'Een medisch-psychologisch verslag (zoals een psychologisch onderzoek of een medische brief) zien alleen de zorgcoördinator en de consulent.',
  'meetings.form.participantRoleHint': 'Bijvoorbeeld moeder, mentor of jeugdverpleegkundige JGZ.',

  'plan.field.teacherNeeds': 'Ondersteuningsbehoeften van de docenten',
  'plan.parent.teacherNeeds': 'Wat de docenten nodig hebben',
  'plan.paper.proofHint': 'Bijvoorbeeld: “getekend formulier, leerlingmap klas 2B, 12 november”.',
} as const satisfies Partial<Record<MessageKey, string>>;

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
};
