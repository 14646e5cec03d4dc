// Texts of the child's file (/students/:id/:tab: header, tabs, overview, access log) and of a
// school's list of children, in every language.
export const studentNl = {
  'student.breadcrumb.list': 'Leerlingen van {school}',
  'student.tabs.label': 'Onderdelen van het dossier',
  'student.tab.overview': 'Overzicht',
  'student.tab.accessLog': 'Wie heeft het dossier bekeken',
  'student.tab.unknown': 'Dit onderdeel van het dossier bestaat niet, of u heeft er geen toegang toe.',
  'student.header.birthDate': 'Geboortedatum',
  'student.header.school': 'School',
  'student.header.group': 'Groep',
  'student.header.level': 'Ondersteuningsniveau',
  'student.group.none': 'geen groep',
  'student.level.1': 'Niveau 1 — basisondersteuning',
  'student.level.2': 'Niveau 2 — basisondersteuning',
  'student.level.3': 'Niveau 3 — basisondersteuning',
  'student.level.4': 'Niveau 4 — extra ondersteuning',
  'student.forbidden.title': 'U heeft geen toegang tot dit dossier',
  'student.forbidden.body':
    'Het dossier van een kind is alleen te zien voor wie met het kind werkt: de school, de consulent van het samenwerkingsverband, de ouders, en kernpartners met toestemming van de ouders. Uw poging staat in het toegangslogboek van het kind. Denkt u dat u toegang nodig heeft? Vraag het de intern begeleider van de school.',
  'student.notFound.title': 'Dit dossier bestaat niet',
  'student.notFound.body':
    'Er is geen kind met deze link. Misschien is de link niet goed overgenomen. Zoek het kind op via de startpagina.',
  'student.backHome': 'Naar de startpagina',
} as const;

export const studentEn: Record<keyof typeof studentNl, string> = {
  'student.breadcrumb.list': 'Pupils of {school}',
  'student.tabs.label': 'Parts of the file',
  'student.tab.overview': 'Overview',
  'student.tab.accessLog': 'Who viewed the file',
  'student.tab.unknown': 'This part of the file does not exist, or you have no access to it.',
  'student.header.birthDate': 'Date of birth',
  'student.header.school': 'School',
  'student.header.group': 'Group',
  'student.header.level': 'Support level',
  'student.group.none': 'no group',
  'student.level.1': 'Level 1 — basic support',
  'student.level.2': 'Level 2 — basic support',
  'student.level.3': 'Level 3 — basic support',
  'student.level.4': 'Level 4 — extra support',
  'student.forbidden.title': 'You have no access to this file',
  'student.forbidden.body':
    'A child’s file is only open to those who work with the child: the school, the SWV’s consultant, the parents, and core partners with the parents’ consent. Your attempt is in the child’s access log. Do you think you need access? Ask the school’s intern begeleider.',
  'student.notFound.title': 'This file does not exist',
  'student.notFound.body':
    'There is no child at this link. Perhaps the link was not copied correctly. Find the child from the start page.',
  'student.backHome': 'Go to the start page',
};
