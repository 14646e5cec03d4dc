// English: every text of the web app, under the Dutch keys. Its own chunk: the app loads it only
// when someone reads Passend in English (index.tsx).

import { absenceEn } from './absence.en.ts';
import { adminEn } from './admin.en.ts';
import { breakGlassEn } from './breakGlass.en.ts';
import { calendarEn } from './calendar.en.ts';
import { capacityEn } from './capacity.en.ts';
import { casefileEn } from './casefile.en.ts';
import { caseTeamEn } from './caseTeam.en.ts';
import { documentsEn } from './documents.en.ts';
import { homeEn } from './home.en.ts';
import { jobsEn } from './jobs.en.ts';
import { loginEn } from './login.en.ts';
import type { Catalogue } from './lookup.ts';
import { monitorEn } from './monitor.en.ts';
import type { Messages } from './nl.ts';
import { notificationsEn } from './notifications.en.ts';
import { objectionsEn } from './objections.en.ts';
import { osoEn } from './oso.en.ts';
import { plansEn } from './plans.en.ts';
import { requestsEn } from './requests.en.ts';
import { requestWordsEn } from './requestWords.en.ts';
import { requestWorkEn } from './requestWork.en.ts';
import { retentionEn } from './retention.en.ts';
import { rosterEn } from './roster.en.ts';
import { secondaryEn } from './secondary.en.ts';
import { studentEn } from './student.en.ts';
import { surveysEn } from './surveys.en.ts';
import { transitionsEn } from './transitions.en.ts';

export const en: Messages = {
  ...loginEn,
  ...adminEn,
  ...homeEn,
  ...studentEn,
  ...documentsEn,
  ...casefileEn,
  ...caseTeamEn,
  ...plansEn,
  ...requestWordsEn,
  ...requestsEn,
  ...requestWorkEn,
  ...objectionsEn,
  ...absenceEn,
  ...rosterEn,
  ...osoEn,
  ...calendarEn,
  ...jobsEn,
  ...retentionEn,
  ...breakGlassEn,
  ...surveysEn,
  ...transitionsEn,
  ...capacityEn,
  ...notificationsEn,
  ...monitorEn,
  'app.name': 'Passend',
  'app.skipToContent': 'Skip to content',
  'app.footer': 'Passend — fitting education for every child, together',
  'app.loading': 'Loading…',
  'app.error': 'Something went wrong. Please try again.',
  'app.retry': 'Try again',
  'app.notFound.title': 'Page not found',
  'app.notFound.body': 'This page does not exist (any more). Go back to the start page.',
  'app.noAccess.title': 'No access',
  'app.noAccess.body':
    'You have no access to this part of Passend. Do you think you need it for your work? Ask the administrator of your SWV.',
  'app.noAccess.home': 'Go to the start page',
  'app.language': 'Language',
  'app.language.nl': 'Nederlands',
  'app.language.en': 'English',
  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.logout': 'Sign out',
  'nav.userMenu': 'Signed in as {name}',
  'nav.breadcrumb': 'Breadcrumb',
  'nav.menu': 'Menu',
  'role.operator': 'Platform operator',
  'role.swv_admin': 'SWV administrator',
  'role.consultant': 'Consultant',
  'role.committee': 'Allocation committee',
  'role.policy': 'Policy officer',
  'role.school_ib': 'Special needs coordinator (IB)',
  'role.school_director': 'Head teacher',
  'role.teacher': 'Teacher',
  'role.partner': 'Core partner',
  'role.parent': 'Parent',
  'supportLevel.1': 'Level 1 — basic support in class',
  'supportLevel.2': 'Level 2 — extra care within the school',
  'supportLevel.3': 'Level 3 — with help from outside the school',
  'supportLevel.4': 'Level 4 — extra support',
  'supportLevel.unknown': 'Unknown level',
  'form.error.empty': 'Fill in this field.',
  'form.error.tooLong': 'This text is too long. Please shorten it.',
};

/** The English catalogue: every message, and the VO words. */
export const catalogue: Catalogue = { messages: en, secondary: secondaryEn };
