// Dutch, the first language: every text of the web app. Other languages mirror these keys. Each
// feature keeps its texts in its own file here (login.ts, …), and each other language in its own
// file beside it (login.en.ts), so that the app loads only the language it shows (index.tsx).

import { absenceNl } from './absence.ts';
import { adminNl } from './admin.ts';
import { breakGlassNl } from './breakGlass.ts';
import { calendarNl } from './calendar.ts';
import { capacityNl } from './capacity.ts';
import { casefileNl } from './casefile.ts';
import { caseTeamNl } from './caseTeam.ts';
import { documentsNl } from './documents.ts';
import { homeNl } from './home.ts';
import { jobsNl } from './jobs.ts';
import { loginNl } from './login.ts';
import { monitorNl } from './monitor.ts';
import { notificationsNl } from './notifications.ts';
import { objectionsNl } from './objections.ts';
import { osoNl } from './oso.ts';
import { plansNl } from './plans.ts';
import { requestsNl } from './requests.ts';
import { requestWordsNl } from './requestWords.ts';
import { requestWorkNl } from './requestWork.ts';
import { retentionNl } from './retention.ts';
import { rosterNl } from './roster.ts';
import { studentNl } from './student.ts';
import { surveysNl } from './surveys.ts';
import { transitionsNl } from './transitions.ts';

export const nl = {
  ...loginNl,
  ...adminNl,
  ...homeNl,
  ...studentNl,
  ...documentsNl,
  ...casefileNl,
  ...caseTeamNl,
  ...plansNl,
  ...requestWordsNl,
  ...requestsNl,
  ...requestWorkNl,
  ...objectionsNl,
  ...absenceNl,
  ...rosterNl,
  ...osoNl,
  ...calendarNl,
  ...jobsNl,
  ...retentionNl,
  ...breakGlassNl,
  ...surveysNl,
  ...transitionsNl,
  ...capacityNl,
  ...notificationsNl,
  ...monitorNl,
  'app.name': 'Passend',
  'app.skipToContent': 'Naar de inhoud',
  'app.footer': 'Passend — samen passend onderwijs voor ieder kind',
  'app.loading': 'Bezig met laden…',
  'app.error': 'Er ging iets mis. Probeer het opnieuw.',
  'app.retry': 'Opnieuw proberen',
  'app.notFound.title': 'Pagina niet gevonden',
  'app.notFound.body': 'Deze pagina bestaat niet (meer). Ga terug naar de startpagina.',
  'app.noAccess.title': 'Geen toegang',
  'app.noAccess.body':
    'U heeft geen toegang tot dit deel van Passend. Denkt u dat u het wel nodig heeft voor uw werk? Vraag het de beheerder van uw samenwerkingsverband.',
  'app.noAccess.home': 'Naar de startpagina',
  'app.language': 'Taal',
  'app.language.nl': 'Nederlands',
  'app.language.en': 'English',
  'nav.label': 'Hoofdmenu',
  'nav.home': 'Start',
  'nav.logout': 'Uitloggen',
  'nav.userMenu': 'Ingelogd als {name}',
  'nav.breadcrumb': 'Kruimelpad',
  'nav.menu': 'Menu',
  'role.operator': 'Beheerder platform',
  'role.swv_admin': 'Beheerder samenwerkingsverband',
  'role.consultant': 'Consulent',
  'role.committee': 'Toewijzingscommissie',
  'role.policy': 'Beleidsmedewerker',
  'role.school_ib': 'Intern begeleider',
  'role.school_director': 'Directeur',
  'role.teacher': 'Leerkracht',
  'role.partner': 'Kernpartner',
  'role.parent': 'Ouder',
  // The one name of each support level (docs/domain.md: levels 1–3 are basisondersteuning, 4 extra
  // ondersteuning), on the homes, the badges, the lists and the forms alike.
  'supportLevel.1': 'Niveau 1 — basisondersteuning in de groep',
  'supportLevel.2': 'Niveau 2 — extra zorg in de school',
  'supportLevel.3': 'Niveau 3 — met hulp van buiten de school',
  'supportLevel.4': 'Niveau 4 — extra ondersteuning',
  'supportLevel.unknown': 'Onbekend niveau',
  // What is wrong with a field when its form has no words of its own for it.
  'form.error.empty': 'Vul dit veld in.',
  'form.error.tooLong': 'Deze tekst is te lang. Maak hem korter.',
} as const;

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;
