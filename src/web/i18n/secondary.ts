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
  'work.team.typeHint':
    'Een vraag voor het team gaat niet over één leerling, bijvoorbeeld begeleiding van docenten bij een klas. U schrijft de vraag daarna uit.',
  'roster.pupil.details': 'klas {group}, geboren {birthDate}',
  'roster.field.groupName': 'klas',
  'roster.teachers.title': 'Docenten',
  'roster.teachers.summary': '{inFile} docenten in het bestand; {same} hebben in Passend dezelfde klassen.',
  'roster.teachers.hint':
    'Passend past geen accounts aan vanuit het bestand: welke mentor de leerlingen van welke klas ziet, regelt de beheerder van het samenwerkingsverband bij Gebruikers.',
  'roster.teachers.different': 'Andere klassen in Passend dan in het bestand',
  'roster.teachers.without': 'Geen account als mentor van deze school',
  'oso.match.candidate': '{name}, geboren {birthDate}, klas {group}',
  'oso.tab.career.group': 'Klas',
  'requests.advices.withheld':
    'De tekst van dit advies lezen alleen de zorgcoördinator en het samenwerkingsverband.',
  'bg.file.group': 'Klas',
} as const satisfies Partial<Record<MessageKey, string>>;
