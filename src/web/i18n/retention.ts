// Retention per data kind, the dry run and the deletion (/admin/retention; English: retention.en.ts).
export const retentionNl = {
  'nav.admin.retention': 'Bewaartermijnen',
  'retention.title': 'Bewaartermijnen',
  'retention.intro':
    'Passend bewaart gegevens van kinderen niet langer dan nodig. U stelt per soort gegevens in hoe lang. Een dossier wordt pas verwijderd als u de proefrun hebt bekeken en de verwijdering bevestigt. Het toegangslog blijft bewaard, met alleen een nummer in plaats van het kind.',
  'retention.periods': 'Termijnen',
  'retention.kind.child_file': 'Dossier van het kind',
  'retention.kind.child_file.rule':
    'jaar nadat het kind de laatste school van het samenwerkingsverband verliet',
  'retention.kind.support_request': 'Aanvragen en besluiten (ook TLV)',
  'retention.kind.support_request.rule':
    'jaar na het besluit of het einde van de toegekende periode (een TLV: de einddatum)',
  'retention.kind.absence_case': 'Thuiszittersdossiers',
  'retention.kind.absence_case.rule': 'jaar nadat het dossier werd afgesloten',
  'retention.years': 'Aantal jaren: {kind}',
  'retention.yearsOption': '{years} jaar',
  'retention.bounds': 'Standaard {defaultYears} jaar; minimaal {minYears}, maximaal {maxYears}. {rule}.',
  'retention.choose': 'Kies het aantal jaren',
  'retention.save': 'Opslaan: {kind}',
  'retention.saved': 'De termijn voor {kind} is opgeslagen.',
  'retention.setAt': 'Ingesteld op {at}.',
  'retention.default': 'De standaardtermijn geldt.',
  'retention.error': 'Het opslaan is niet gelukt. Probeer het opnieuw.',
  'retention.rule.retention_below_floor': 'Deze termijn is korter dan de wet en de verantwoording toelaten.',
  'retention.rule.retention_above_ceiling':
    'Deze termijn is langer dan nodig voor de taak van het samenwerkingsverband.',
  'retention.dryRun': 'Proefrun: wat vandaag verwijderd zou worden',
  'retention.dryRunIntro':
    'De proefrun verandert niets. Kinderen staan er alleen met een nummer in; u ziet geen namen of andere gegevens.',
  'retention.dueSummary':
    '{children} dossiers van kinderen en {cases} thuiszittersdossiers zonder leerling zijn aan de beurt op {today}.',
  'retention.notYetDue':
    'Nog niet aan de beurt: {periodRunning} kinderen waarvan de termijn loopt, {openRequest} met een lopende aanvraag of bezwaar, {openAbsence} met een open thuiszittersdossier of melding.',
  'retention.nothingDue': 'Er is vandaag niets aan de beurt om te verwijderen.',
  'retention.tablesCaption': 'Rijen die verwijderd zouden worden, per tabel',
  'retention.table': 'Tabel',
  'retention.rows': 'Rijen',
  'retention.itemsCaption': 'Dossiers die aan de beurt zijn',
  'retention.itemKind': 'Soort',
  'retention.pseudonym': 'Nummer',
  'retention.dueOn': 'Aan de beurt sinds',
  'retention.itemChild': 'Dossier van een kind',
  'retention.itemAbsence': 'Thuiszittersdossier',
  'retention.confirm': 'Ik heb de proefrun bekeken. Verwijder deze dossiers definitief.',
  'retention.delete': 'Definitief verwijderen',
  'retention.confirmFirst': 'Vink eerst aan dat u de proefrun hebt bekeken.',
  'retention.deleted':
    '{children} dossiers van kinderen en {cases} thuiszittersdossiers zijn verwijderd. {skipped} waren niet meer aan de beurt en zijn gebleven.',
  'retention.deleteError':
    'Het verwijderen is niet gelukt. Er is niets half verwijderd; probeer het opnieuw.',
} as const;
