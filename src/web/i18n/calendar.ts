// The SWV's working calendar on the administrator's pages: the clock settings on the settings page
// and the school holidays per school year (English: calendar.en.ts).
export const calendarNl = {
  'nav.admin.schoolHolidays': 'Schoolvakanties',
  'admin.audit.kind.clock_settings_changed': 'Termijnen gewijzigd',
  'admin.audit.kind.school_holidays_changed': 'Schoolvakanties gewijzigd',

  'calendar.settings.clock': 'Termijnen van aanvragen',
  'calendar.settings.clockIntro':
    'Het samenwerkingsverband beslist binnen deze termijn nadat een aanvraag compleet is. De termijn telt werkdagen: zonder weekenden en officiële feestdagen.',
  'calendar.settings.decisionWorkingDays': 'Beslistermijn in werkdagen',
  'calendar.settings.decisionWorkingDaysHint': 'Standaard 10 werkdagen (twee weken); van 1 tot 60.',
  'calendar.settings.crisisWorkingDays': 'Termijn bij een crisisplaatsing in werkdagen',
  'calendar.settings.crisisWorkingDaysHint': 'Standaard 1 werkdag; van 1 tot 10.',
  'calendar.settings.skipSchoolHolidays': 'De termijn staat stil in de schoolvakanties',
  'calendar.settings.skipSchoolHolidaysHint':
    'Dagen in de schoolvakanties van uw regio tellen dan niet als werkdag. U voert de vakanties in op de pagina Schoolvakanties.',
  'calendar.settings.consultantsDecide': 'Consulenten beslissen over arrangementen',
  'calendar.settings.consultantsDecideHint':
    'Zonder dit vinkje beslist de toewijzingscommissie over alle aanvragen. Over een toelaatbaarheidsverklaring beslist altijd de commissie.',
  'calendar.settings.holidaysLink': 'Naar de schoolvakanties',
  'calendar.error.decisionWorkingDays': 'Vul een beslistermijn in van 1 tot 60 werkdagen.',
  'calendar.error.crisisWorkingDays': 'Vul een termijn bij crisisplaatsing in van 1 tot 10 werkdagen.',

  'calendar.holidays.title': 'Schoolvakanties',
  'calendar.holidays.intro':
    'Vul per schooljaar de schoolvakanties van uw regio ({region}) in, zoals de overheid ze bekendmaakt. Een schooljaar loopt van 1 augustus tot en met 31 juli; de zomervakantie mag doorlopen in augustus.',
  'calendar.holidays.skipped': 'De termijn van aanvragen staat stil in deze vakanties.',
  'calendar.holidays.counted':
    'De termijn van aanvragen telt deze vakanties nu mee als werkdagen. Dat verandert u bij Instellingen.',
  'calendar.holidays.schoolYear': 'Schooljaar',
  'calendar.holidays.caption': 'Schoolvakanties {schoolYear}',
  'calendar.holidays.empty': 'Voor {schoolYear} zijn nog geen schoolvakanties ingevoerd.',
  'calendar.holidays.name': 'Vakantie',
  'calendar.holidays.firstDay': 'Eerste dag',
  'calendar.holidays.lastDay': 'Laatste dag',
  'calendar.holidays.days': 'Dagen',
  'calendar.holidays.editTitle': 'Schoolvakanties {schoolYear} wijzigen',
  'calendar.holidays.editIntro': 'Wat u opslaat vervangt alle vakanties van dit schooljaar.',
  'calendar.holidays.row': 'Vakantie {number}',
  'calendar.holidays.add': 'Vakantie toevoegen',
  'calendar.holidays.remove': 'Vakantie {number} verwijderen',
  'calendar.holidays.noRows': 'Geen vakanties. Voeg er een toe, of sla op om dit schooljaar leeg te maken.',
  'calendar.holidays.max': 'Een schooljaar heeft hoogstens {max} vakanties.',
  'calendar.holidays.save': 'Vakanties opslaan',
  'calendar.holidays.saved': 'De schoolvakanties van {schoolYear} zijn opgeslagen.',
  'calendar.error.holidayName': 'Vul de naam van de vakantie in.',
  'calendar.error.holidayName.tooLong': 'Maak de naam van de vakantie korter (hoogstens 100 tekens).',
  'calendar.error.firstDay': 'Vul de eerste dag in als een bestaande datum.',
  'calendar.error.lastDay': 'Vul de laatste dag in als een bestaande datum.',
  'calendar.rule.holiday_outside_school_year':
    'De eerste dag ligt niet in dit schooljaar (1 augustus tot en met 31 juli).',
  'calendar.rule.holiday_ends_before_start': 'De laatste dag ligt vóór de eerste dag.',
  'calendar.rule.holiday_too_long': 'Een vakantie duurt hoogstens tien weken.',
  'calendar.rule.holidays_overlap': 'Deze vakantie valt samen met een andere vakantie.',
  'calendar.rule.too_many_holidays': 'Een schooljaar heeft hoogstens 20 vakanties.',
} as const;
