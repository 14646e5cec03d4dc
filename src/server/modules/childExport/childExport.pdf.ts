// The export as a readable, tagged PDF on A4, in Dutch (docs/SECURITY.md E1): the same structure as
// the JSON, section by section, with names in place of ids; the access log as a table of every row.

import type { ChildExport } from '../../../contracts/childExport.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  dutchFieldLabel,
  dutchRoleNames,
  exportSections,
  exportSectionTitles,
  exportValueText,
  withheldReasons,
} from '../../../domain/childExport.ts';
import { dutchDate, taggedPdf } from '../../pdf/taggedPdf.ts';

const actionWords: Record<string, string> = {
  create: 'toegevoegd',
  read: 'ingezien',
  update: 'gewijzigd',
  delete: 'verwijderd',
  export: 'geëxporteerd',
  print: 'afgedrukt',
  search: 'gezocht',
};

export async function renderChildExportPdf(data: ChildExport): Promise<Buffer> {
  const people = new Map(data.people.map((p) => [p.id, p.name]));
  const organisations = new Map(data.organisations.map((o) => [o.ref, o.name]));
  const child = data.sections.student[0] ?? {};
  const childName = [child.givenName, child.familyNamePrefix, child.familyName]
    .filter((w) => typeof w === 'string' && w !== '')
    .join(' ');
  const madeOn = amsterdamToday(new Date(data.madeAt));

  /** A row's fields for a reader: ids of people and organisations as names, other ids left out. */
  const readable = (row: Record<string, unknown>): string[] =>
    Object.entries(row).flatMap(([field, value]) => {
      const label = dutchFieldLabel(field);
      if (/UserIds?$/.test(field) || field === 'userId') {
        const names = [value].flat().map((id) => (id === null ? '—' : (people.get(String(id)) ?? '—')));
        return [`${label}: ${names.join(', ')}`];
      }
      if (/[sS]choolId$/.test(field))
        return [`${label}: ${organisations.get(`school:${value}`) ?? exportValueText(value)}`];
      if (field === 'partnerOrganisationId')
        return [`${label}: ${organisations.get(`partner:${value}`) ?? exportValueText(value)}`];
      // Other ids mean nothing on paper; the JSON keeps them.
      if (field === 'id' || /Id$/.test(field)) return [];
      return [`${label}: ${exportValueText(value)}`];
    });

  return taggedPdf(
    {
      title: `Inzage in het dossier van ${childName}`,
      author: data.swv.name,
      subject: 'Inzage (AVG artikel 15): alle gegevens over de leerling en wie ze heeft ingezien',
    },
    (pdf) => {
      pdf.heading(1, `Inzage in het dossier van ${childName}`);
      pdf.paragraph(
        `U heeft het recht te weten welke gegevens het samenwerkingsverband over uw kind bewaart en wie ze heeft ingezien (Algemene verordening gegevensbescherming, artikel 15). ${
          data.audience === 'parents'
            ? 'Dit overzicht bevat alles wat u in Passend over uw kind kunt zien, en elke regel van het logboek. Wat er niet in staat, en waarom, staat hieronder; daar kunt u het samenwerkingsverband schriftelijk om vragen.'
            : 'Dit overzicht bevat het volledige dossier in Passend en elke regel van het logboek. Het is gemaakt om een verzoek om inzage te beantwoorden: lees het na voordat u het overhandigt.'
        } Hetzelfde overzicht bestaat als JSON-bestand voor een computer.`,
      );
      pdf.field('Samenwerkingsverband', data.swv.name);
      pdf.field('Gemaakt op', `${dutchDate(madeOn)} door ${data.madeBy.name}`);
      pdf.field(
        'Soort overzicht',
        data.audience === 'parents'
          ? 'voor ouders: wat u in Passend kunt zien, en het volledige logboek'
          : 'volledig: het hele dossier, om een verzoek om inzage te beantwoorden',
      );
      pdf.heading(2, 'Wat niet in dit overzicht staat');
      pdf.list([
        ...data.notIncluded,
        ...data.withheld.map(
          (w) => `${exportSectionTitles[w.section].nl}: ${w.rows} — ${withheldReasons[w.reason]}`,
        ),
      ]);
      for (const section of exportSections) {
        const rows = data.sections[section];
        pdf.heading(2, `${exportSectionTitles[section].nl} (${rows.length})`);
        if (rows.length === 0) {
          pdf.paragraph('Geen gegevens.');
          continue;
        }
        if (section === 'accessLog') {
          pdf.table(
            'Elke keer dat iemand het dossier inzag, wijzigde, afdrukte of exporteerde, of het probeerde',
            ['Wie (rol, organisatie), wat', 'Wanneer', 'Handeling', 'Uitkomst'],
            rows.map((row) => [
              `${row.actorName ?? 'onbekend'} (${dutchRoleNames[String(row.actorRole)] ?? String(row.actorRole)}, ${
                row.organisation === 'other_swv'
                  ? 'ander samenwerkingsverband'
                  : row.organisation === 'parent'
                    ? 'als ouder'
                    : (organisations.get(String(row.organisation)) ?? String(row.organisation))
              }) — ${row.objectType}${row.part ? ` (${row.part})` : ''}${row.breakGlass ? ' — noodtoegang' : ''}`,
              exportValueText(row.at),
              actionWords[String(row.action)] ?? String(row.action),
              row.outcome === 'allowed' ? 'toegestaan' : 'geweigerd',
            ]),
          );
          continue;
        }
        rows.forEach((row, index) => {
          pdf.heading(3, `${exportSectionTitles[section].nl} ${index + 1}`);
          pdf.list(readable(row));
        });
      }
    },
    (page, pages) => `Inzage ${childName} — ${dutchDate(madeOn)} — pagina ${page} van ${pages}`,
  );
}
