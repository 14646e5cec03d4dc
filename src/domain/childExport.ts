// The right of access (AVG art. 15, inzagerecht; docs/SECURITY.md E1): which sections one export of a
// child holds, in which order, under which Dutch and English titles, and how a value reads on paper.
// Pure: gathering the rows is the childExport module's, the policy decides who may export.
import { amsterdamToday } from './calendar.ts';

/** Raised when a field is renamed, removed or changes meaning; a field added keeps the version. */
export const childExportFormatVersion = 1;

/** The sections, in the order of the export: the child, then the file's parts, then who looked. */
export const exportSections = [
  'student',
  'enrolments',
  'guardians',
  'supportLevels',
  'plans',
  'planGoals',
  'planAgreements',
  'planResponses',
  'requests',
  'requestEvents',
  'requestAdvices',
  'requestDeliveries',
  'surveyInvitations',
  'objections',
  'objectionEvents',
  'waitingEntries',
  'absenceWatches',
  'absenceCases',
  'absenceOffers',
  'absenceSteps',
  'absenceEvents',
  'transitions',
  'osoDossiers',
  'osoEntries',
  'osoAttachments',
  'consents',
  'caseTeam',
  'meetings',
  'meetingActions',
  'documents',
  'disputes',
  'complaints',
  'accessLog',
] as const;
export type ExportSection = (typeof exportSections)[number];

/** Who the export is made for: the parents themselves, or staff answering a written request. */
export const exportAudiences = ['parents', 'complete'] as const;
export type ExportAudience = (typeof exportAudiences)[number];

export const exportSectionTitles: Record<ExportSection, { nl: string; en: string }> = {
  student: { nl: 'Leerling', en: 'Student' },
  enrolments: { nl: 'Inschrijvingen', en: 'Enrolments' },
  guardians: { nl: 'Ouders en verzorgers met een account', en: 'Parents and carers with an account' },
  supportLevels: { nl: 'Ondersteuningsniveau, verloop', en: 'Support level history' },
  plans: { nl: 'Plannen (OPP en handelingsplan)', en: 'Plans' },
  planGoals: { nl: 'Doelen in de plannen', en: 'Goals of the plans' },
  planAgreements: { nl: 'Afspraken in de plannen', en: 'Agreements of the plans' },
  planResponses: { nl: 'Reacties van ouders op de plannen', en: 'Parents’ responses to the plans' },
  requests: { nl: 'Aanvragen voor ondersteuning', en: 'Requests for support' },
  requestEvents: { nl: 'Stappen in de aanvragen', en: 'Steps of the requests' },
  requestAdvices: { nl: 'Adviezen bij de aanvragen', en: 'Advice on the requests' },
  requestDeliveries: { nl: 'Geleverde ondersteuning', en: 'Support delivered' },
  surveyInvitations: { nl: 'Uitnodigingen voor de tevredenheidsvraag', en: 'Survey invitations' },
  objections: { nl: 'Bezwaren', en: 'Objections' },
  objectionEvents: { nl: 'Stappen in de bezwaren', en: 'Steps of the objections' },
  waitingEntries: { nl: 'Wachtlijst', en: 'Waiting list' },
  absenceWatches: { nl: 'Meldingen van verzuim', en: 'Absence reports' },
  absenceCases: { nl: 'Thuiszitdossiers', en: 'Absence cases' },
  absenceOffers: { nl: 'Aanbod tijdens het thuiszitten', en: 'Offers during the absence' },
  absenceSteps: { nl: 'Afspraken in het thuiszitdossier', en: 'Steps of the absence case' },
  absenceEvents: { nl: 'Verloop van het thuiszitdossier', en: 'Events of the absence case' },
  transitions: { nl: 'Overstappen naar een andere school', en: 'Transitions' },
  osoDossiers: { nl: 'Overstapdossiers (OSO), gegevens', en: 'OSO hand-over dossiers, metadata' },
  osoEntries: { nl: 'Inhoud van de overstapdossiers', en: 'Contents of the OSO dossiers' },
  osoAttachments: { nl: 'Bijlagen van de overstapdossiers', en: 'Attachments of the OSO dossiers' },
  consents: { nl: 'Toestemmingen', en: 'Consents' },
  caseTeam: { nl: 'Casusteam', en: 'Case team' },
  meetings: { nl: 'Overleggen', en: 'Meetings' },
  meetingActions: { nl: 'Acties uit de overleggen', en: 'Actions of the meetings' },
  documents: { nl: 'Documenten (gegevens, zonder inhoud)', en: 'Documents (metadata, no content)' },
  disputes: { nl: 'Geschillen', en: 'Disputes' },
  complaints: { nl: 'Klachten', en: 'Complaints' },
  accessLog: { nl: 'Wie heeft het dossier ingezien (logboek)', en: 'Who looked at the file (access log)' },
};

/**
 * Why a parents' export leaves a section or some of its rows out: what the parent portal does not
 * show them either (docs/SECURITY.md C6). The complete export, on a written request, holds it.
 */
export const withheldReasons = {
  staff_only: 'Werkstukken van de professionals; vraag het SWV om inzage.',
  not_shared: 'Niet met u gedeeld of medisch-psychologisch; vraag het SWV om inzage.',
  school_draft: 'Nog een concept van de school; vraag de school om inzage.',
  other_people: 'Gaat ook over anderen; vraag het SWV om inzage.',
} as const;
export type WithheldReason = keyof typeof withheldReasons;

/** The download's name: "inzage-<given name>-<family name>-<day>.<json|pdf>", in ASCII letters. */
export function exportFileName(
  child: { givenName: string; familyNamePrefix: string; familyName: string },
  madeAt: Date,
  format: 'json' | 'pdf',
): { ascii: string; utf8: string } {
  const words = [child.givenName, child.familyNamePrefix, child.familyName].filter((w) => w.trim() !== '');
  const utf8 = `inzage-${words.join('-').replace(/[\s/\\:*?"<>|]+/g, '-')}-${amsterdamToday(madeAt)}.${format}`;
  const ascii = utf8
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return { ascii, utf8 };
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value of the export as it reads on paper, in Dutch: dates as days, instants in Amsterdam time. */
export function exportValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (isoInstant.test(value)) {
      const at = new Date(value);
      const time = new Intl.DateTimeFormat('nl-NL', {
        timeZone: 'Europe/Amsterdam',
        hour: '2-digit',
        minute: '2-digit',
      }).format(at);
      return `${amsterdamToday(at)} ${time}`;
    }
    return value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.length === 0 ? '—' : value.join(', ');
  }
  return JSON.stringify(value);
}

/** A field's name as a reader sees it: "evaluationDueOn" → "evaluation due on". */
export function fieldLabel(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Dutch names of the fields that most rows carry; any other field is spelled out from its name. */
const dutchFieldLabels: Record<string, string> = {
  userId: 'persoon',
  schoolId: 'school',
  fromSchoolId: 'van school',
  toSchoolId: 'naar school',
  partnerOrganisationId: 'partnerorganisatie',
  givenName: 'voornaam',
  familyNamePrefix: 'tussenvoegsel',
  familyName: 'achternaam',
  birthDate: 'geboortedatum',
  schoolKey: 'leerlingnummer van de school',
  eckId: 'ECK-iD',
  groupName: 'groep',
  supportLevel: 'ondersteuningsniveau',
  level: 'niveau',
  previousLevel: 'vorig niveau',
  leftOn: 'vertrokken op',
  startedOn: 'begonnen op',
  endedOn: 'beëindigd op',
  effectiveOn: 'geldt vanaf',
  createdAt: 'aangemaakt op',
  updatedAt: 'gewijzigd op',
  createdByUserId: 'aangemaakt door',
  updatedByUserId: 'gewijzigd door',
  setByUserId: 'vastgelegd door',
  setAt: 'vastgelegd op',
  reason: 'reden',
  version: 'versie',
  status: 'status',
  state: 'stand',
  strengths: 'sterke kanten',
  stimulatingFactors: 'bevorderende factoren',
  hinderingFactors: 'belemmerende factoren',
  needs: 'onderwijsbehoeften',
  teacherNeeds: 'wat de leerkracht nodig heeft',
  hasDevelopmentPerspective: 'met ontwikkelingsperspectief (OPP)',
  exitDestination: 'uitstroombestemming',
  exitGrounds: 'onderbouwing uitstroom',
  pupilView: 'wat de leerling zelf zegt',
  evaluationDueOn: 'evalueren uiterlijk',
  evaluatedOn: 'geëvalueerd op',
  evaluation: 'evaluatie',
  description: 'omschrijving',
  baseline: 'beginsituatie',
  target: 'doel',
  targetDate: 'doeldatum',
  progress: 'voortgang',
  action: 'actie',
  owner: 'wie',
  dueOn: 'uiterlijk',
  done: 'gedaan',
  note: 'notitie',
  notes: 'aantekeningen',
  parentName: 'naam ouder',
  agrees: 'akkoord',
  view: 'mening',
  respondedAt: 'gereageerd op',
  number: 'nummer',
  outcome: 'uitkomst',
  question: 'vraag',
  triedSoFar: 'wat al is geprobeerd',
  parentsView: 'mening van de ouders',
  decidedOn: 'besloten op',
  decisionReasons: 'motivering van het besluit',
  periodFrom: 'periode van',
  periodUntil: 'periode tot',
  requestedByUserId: 'aangevraagd door',
  assignedToUserId: 'behandeld door',
  decidedByUserId: 'besloten door',
  purpose: 'doel',
  scope: 'reikwijdte',
  givenOn: 'gegeven op',
  givenByUserId: 'gegeven door',
  expiresOn: 'geldig tot',
  withdrawnAt: 'ingetrokken op',
  withdrawnByUserId: 'ingetrokken door',
  role: 'rol',
  validFrom: 'geldig vanaf',
  validUntil: 'geldig tot',
  addedByUserId: 'toegevoegd door',
  addedAt: 'toegevoegd op',
  kind: 'soort',
  heldOn: 'gehouden op',
  participants: 'deelnemers',
  title: 'titel',
  fileName: 'bestandsnaam',
  mediaType: 'bestandstype',
  sizeBytes: 'grootte (bytes)',
  classification: 'soort document',
  sharedWithParents: 'gedeeld met ouders',
  uploadedByUserId: 'toegevoegd door',
  uploadedAt: 'toegevoegd op',
  municipality: 'gemeente',
  since: 'sinds',
  movesOn: 'verhuist op',
  registeredOn: 'aangemeld op',
  importedAt: 'ingelezen op',
  importedByUserId: 'ingelezen door',
  sendingSchoolName: 'verzendende school',
  receivedOn: 'ontvangen op',
  at: 'tijdstip',
  on: 'datum',
  byUserId: 'door',
};

/** A field's name for the PDF: in Dutch where Passend knows it, else spelled out. */
export function dutchFieldLabel(field: string): string {
  return dutchFieldLabels[field] ?? fieldLabel(field.replace(/UserIds?$/, '').replace(/Id$/, ''));
}

/** Roles as the access log names them, in Dutch. */
export const dutchRoleNames: Record<string, string> = {
  operator: 'beheerder van de installatie',
  swv_admin: 'beheerder van het SWV',
  consultant: 'consulent',
  committee: 'commissie',
  policy: 'beleidsmedewerker',
  school_ib: 'intern begeleider',
  school_director: 'directeur',
  teacher: 'leerkracht',
  partner: 'partner',
  parent: 'ouder',
  none: 'geen rol',
};
