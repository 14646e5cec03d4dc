// The decision on a request as a tagged PDF, the letter the school and the parents receive: what
// was asked for whom, what was decided and why, for which period, on whose advice, and what the
// parents said. A TLV names its kind and category. Dutch only, in plain words. The letter names the
// experts who advised, never their advice's text: it goes to the parents, and the advice, like a
// medical-psychological report, does not (docs/SECURITY.md C6); the reasons say why.
import type { z } from 'zod';
import type { RequestView } from '../../../contracts/requests.ts';
import { dutchDate, taggedPdf } from '../../pdf/taggedPdf.ts';

type View = z.infer<typeof RequestView>;

const outcomes = { granted: 'toegekend', partly_granted: 'deels toegekend', rejected: 'afgewezen' } as const;
const categories = { low: 'laag', medium: 'midden', high: 'hoog' } as const;
const expertises = { orthopedagoog: 'orthopedagoog', psycholoog: 'psycholoog', other: 'deskundige' } as const;

export type DecisionPdfAbout = { swvName: string; birthDate: string | null; printedOn: string };

export function renderDecisionPdf(view: View, about: DecisionPdfAbout): Promise<Buffer> {
  const decision = view.decision!;
  const subjectName = view.student?.name ?? `een team van ${view.school.name}`;
  const title = `Besluit op aanvraag ${view.number}: ${view.type.name}`;
  const euro = (cents: number) =>
    new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
  return taggedPdf(
    { title, author: about.swvName, subject: view.type.isTlv ? 'Toelaatbaarheidsverklaring' : 'Besluit' },
    ({ heading, paragraph, part, field, list }) => {
      heading(1, title);
      paragraph(`Samenwerkingsverband: ${about.swvName}`);
      paragraph(`Voor: ${subjectName}${about.birthDate ? `, geboren op ${dutchDate(about.birthDate)}` : ''}`);
      paragraph(`School: ${view.school.name}`);
      heading(2, 'Het besluit');
      paragraph(
        `De aanvraag is ${outcomes[decision.outcome]} op ${dutchDate(decision.decidedOn)} door ${decision.decidedBy}.`,
      );
      if (decision.outcome !== 'rejected') {
        if (view.type.isTlv) {
          paragraph(
            `Dit is een toelaatbaarheidsverklaring (${view.type.name})${view.category ? `, categorie ${categories[view.category]}` : ''}.`,
          );
        }
        if (decision.periodFrom && decision.periodUntil) {
          paragraph(
            `Het besluit geldt van ${dutchDate(decision.periodFrom)} tot en met ${dutchDate(decision.periodUntil)}.`,
          );
        }
        if (decision.periodFrom && decision.wholeSchoolCareer) {
          paragraph(`Het besluit geldt vanaf ${dutchDate(decision.periodFrom)} voor de hele schoolloopbaan.`);
        }
        if (decision.hoursGranted !== null) field('Uren', String(decision.hoursGranted).replace('.', ','));
        if (decision.provider) field('Uitgevoerd door', decision.provider);
        if (decision.budgetCents !== null) field('Budget', euro(decision.budgetCents));
      }
      heading(2, 'Waarom');
      part(decision.reasons);
      heading(2, 'Wat de school vroeg');
      part(view.question || view.teamQuestion);
      if (view.advices.length > 0) {
        heading(2, 'Op advies van');
        list(view.advices.map((a) => `${a.adviserName} (${expertises[a.expertise]})`));
      }
      if (view.student) {
        heading(2, 'Wat de ouders vinden');
        part(view.parentsView);
      }
      heading(2, 'Niet eens met dit besluit?');
      paragraph(
        'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken bezwaar maken bij het samenwerkingsverband. Wilt u eerst praten? Neem dan contact op met de school of met het samenwerkingsverband.',
      );
    },
    (page, pages) =>
      `${about.swvName} — aanvraag ${view.number} — afgedrukt op ${dutchDate(about.printedOn)} — pagina ${page} van ${pages}`,
  );
}
