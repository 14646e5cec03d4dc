// The plan version as a printable, accessible PDF (for printing, and for parents without an
// account): tagged (headings, paragraphs, lists in the structure tree, page footers as artifacts),
// with its title and language in the metadata. Dutch only: it is the document the school hands out.
// Set in DejaVu Sans, embedded (docs/decisions/0012): names print as written (Şahin, Łukasz, Nguyễn),
// and the font's ToUnicode map lets a reader copy and search them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { amsterdamToday } from '../../../domain/calendar.ts';
import type { AgreementOwner } from '../../../domain/childFile.ts';
import type { Sector } from '../../../domain/organisation.ts';
import { isAgreementOverdue, versionLabel } from '../../../domain/plans.ts';
import type { PlanData } from './plans.queries.ts';

export type PlanPdfAbout = {
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
  groupName: string;
  schoolName: string;
  swvName: string;
  /** The SWV's sector decides the words: a class and its teachers in secondary (docs/domain.md). */
  sector: Sector;
  /** The day of printing (Amsterdam). */
  printedOn: string;
};

const sectorWords: Record<Sector, { group: string; teacherNeeds: string }> = {
  PO: { group: 'groep', teacherNeeds: 'Wat de leerkracht nodig heeft' },
  VO: { group: 'klas', teacherNeeds: 'Wat de docenten nodig hebben' },
};

const ownerLabels: Record<AgreementOwner, string> = {
  school: 'school',
  parents: 'ouders',
  buurtteam: 'buurtteam',
  jgz: 'jeugdgezondheidszorg (JGZ)',
  leerplicht: 'leerplicht',
  swv: 'samenwerkingsverband',
  outside_help: 'hulp van buiten de school',
};

type Agreement = {
  action: string;
  owner: AgreementOwner;
  partnerOrganisationName: string | null;
  dueOn: string | null;
};
type Goal = { description: string; baseline: string; target: string; targetDate: string };
type Change = PlanData['changesSinceAgreement'][number];

/** An agreement in words: what, by whom, by when. */
function agreementText(agreement: Agreement): string {
  const who = agreement.partnerOrganisationName
    ? `${ownerLabels[agreement.owner]} (${agreement.partnerOrganisationName})`
    : ownerLabels[agreement.owner];
  const when = agreement.dueOn ? `, uiterlijk ${dutchDate(agreement.dueOn)}` : '';
  return `${agreement.action} — door ${who}${when}`;
}

const goalText = (goal: Goal) =>
  `${goal.description} (van ${goal.baseline || '?'} naar ${goal.target || '?'}, uiterlijk ${dutchDate(goal.targetDate)})`;

/** One change of the action part since the parents agreed, in words. */
function changeText(change: Change): string {
  switch (change.part) {
    case 'development_perspective':
      return change.after
        ? 'Het plan is nu een ontwikkelingsperspectief (OPP).'
        : 'Het plan is geen ontwikkelingsperspectief (OPP) meer.';
    case 'programme_deviations':
      return `Afwijkingen van het onderwijsprogramma. Was: “${change.before || '(niet ingevuld)'}”. Nu: “${change.after || '(niet ingevuld)'}”.`;
    case 'goal':
      if (!change.before) return `Nieuw doel: ${goalText(change.after!)}.`;
      if (!change.after) return `Doel vervallen: ${goalText(change.before)}.`;
      return `Doel gewijzigd. Was: ${goalText(change.before)}. Nu: ${goalText(change.after)}.`;
    case 'agreement':
      if (!change.before) return `Nieuwe afspraak: ${agreementText(change.after!)}.`;
      if (!change.after) return `Afspraak vervallen: ${agreementText(change.before)}.`;
      return `Afspraak gewijzigd. Was: ${agreementText(change.before)}. Nu: ${agreementText(change.after)}.`;
    default: {
      const never: never = change;
      return never;
    }
  }
}

/**
 * Which text of the action part the parents agreed with, and when: never agreement for text they
 * did not see. A changed text awaiting them says so and names the agreed one still in force.
 */
function agreementLines(plan: PlanData): string[] {
  const label = versionLabel(plan.version, plan.amendment);
  const inForce = plan.inForce;
  if (inForce && inForce.amendment === plan.amendment) {
    const on = dutchDate(amsterdamToday(new Date(inForce.agreedAt)));
    return [`Instemming: de ouders stemden op ${on} in met het handelingsdeel van deze versie (${label}).`];
  }
  const answer =
    plan.parentAgreement === 'not_agreed'
      ? 'de ouders gaan (nog) niet akkoord met het handelingsdeel van deze versie'
      : `het handelingsdeel van deze versie (${label}) wacht op de instemming van de ouders`;
  if (!inForce) {
    return [
      plan.parentAgreement === 'none'
        ? `Instemming: de ouders hebben nog niet gereageerd op het handelingsdeel van deze versie (${label}).`
        : `Instemming: ${answer} (${label}).`,
    ];
  }
  const agreed = versionLabel(plan.version, inForce.amendment);
  const on = dutchDate(amsterdamToday(new Date(inForce.agreedAt)));
  return [
    `Instemming: ${answer}. Van kracht blijft het handelingsdeel van versie ${agreed}, waarmee de ouders instemden op ${on}.`,
  ];
}

const months = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2026-11-23" → "23 november 2026". */
export function dutchDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${months[month - 1]} ${year}`;
}

// Resolved as a package, so the same code finds the fonts from src/ under tsx and from the bundle
// in dist/ (packages stay in node_modules); read once, on the first print.
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function planFonts() {
  fonts ??= {
    regular: readFileSync(fontFile('DejaVuSans.ttf')),
    bold: readFileSync(fontFile('DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export async function renderPlanPdf(plan: PlanData, about: PlanPdfAbout): Promise<Buffer> {
  const childName = [about.givenName, about.familyNamePrefix, about.familyName].filter(Boolean).join(' ');
  const kind = plan.hasDevelopmentPerspective ? 'Ontwikkelingsperspectief (OPP)' : 'Groeidocument';
  const label = versionLabel(plan.version, plan.amendment);
  const title = `${kind} van ${childName}, versie ${label}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: about.swvName, Subject: kind, Creator: 'Passend' },
  });
  doc.registerFont('Regular', planFonts().regular);
  doc.registerFont('Bold', planFonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  /** One block of text as a structure element. */
  const block = (type: string, text: string, font: 'Regular' | 'Bold', size: number, gap = 4) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).fillColor('#000000').text(text, { width });
      }),
    );
    doc.moveDown(gap / size);
  };
  const heading = (level: 1 | 2 | 3, text: string) => {
    // A heading never ends a page: it starts the next one when there is no room below it.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    else doc.moveDown(level === 1 ? 0 : 0.6);
    block(`H${level}`, text, 'Bold', { 1: 18, 2: 14, 3: 11.5 }[level], 6);
  };
  const paragraph = (text: string) => block('P', text, 'Regular', 11);
  const part = (text: string) => paragraph(text.trim() === '' ? '(niet ingevuld)' : text);
  const field = (label: string, value: string) =>
    paragraph(`${label}: ${value.trim() === '' ? '(niet ingevuld)' : value}`);
  const listItem = (list: PDFKit.PDFStructureElement, text: string) => {
    list.add(
      doc.struct('LI', {}, [
        doc.struct('LBody', {}, () => {
          doc.font('Regular').fontSize(11).text(`• ${text}`, { width, indent: 0 });
        }),
      ]),
    );
    doc.moveDown(0.3);
  };

  heading(1, title);
  paragraph(`Samenwerkingsverband: ${about.swvName}`);
  const words = sectorWords[about.sector];
  paragraph(`School: ${about.schoolName}, ${words.group} ${about.groupName || '(onbekend)'}`);
  paragraph(`Geboortedatum: ${dutchDate(about.birthDate)}`);
  paragraph(
    plan.status === 'active'
      ? `Versie ${label}, geldt sinds ${dutchDate(plan.startedOn)}. Volgende evaluatie uiterlijk ${dutchDate(plan.evaluationDueOn)}.`
      : `Versie ${label}, gold van ${dutchDate(plan.startedOn)} tot de evaluatie op ${dutchDate(plan.evaluatedOn!)}.`,
  );
  for (const line of agreementLines(plan)) paragraph(line);
  if (plan.inForce && plan.changesSinceAgreement.length > 0) {
    heading(
      2,
      `Gewijzigd sinds de instemming met versie ${versionLabel(plan.version, plan.inForce.amendment)}`,
    );
    const list = doc.struct('L');
    root.add(list);
    for (const change of plan.changesSinceAgreement) listItem(list, changeText(change));
    list.end();
  }

  heading(2, 'Beeld van het kind');
  heading(3, 'Sterke kanten');
  part(plan.strengths);
  heading(3, 'Wat helpt (stimulerende factoren)');
  part(plan.stimulatingFactors);
  heading(3, 'Wat het moeilijk maakt (belemmerende factoren)');
  part(plan.hinderingFactors);
  heading(2, 'Onderwijsbehoeften: wat het kind nodig heeft');
  part(plan.needs);
  heading(2, words.teacherNeeds);
  part(plan.teacherNeeds);

  if (plan.hasDevelopmentPerspective) {
    heading(2, 'Ontwikkelingsperspectief');
    field('Verwachte uitstroombestemming', plan.exitDestination);
    field('Onderbouwing', plan.exitGrounds);
    field('Afwijkingen van het onderwijsprogramma en de ondersteuning', plan.programmeDeviations);
  }

  heading(2, 'Doelen');
  if (plan.goals.length === 0) paragraph('Er zijn nog geen doelen vastgelegd.');
  plan.goals.forEach((goal, index) => {
    heading(3, `Doel ${index + 1}: ${goal.description}`);
    field('Beginsituatie', goal.baseline);
    field('Streefdoel', goal.target);
    field('Streefdatum', dutchDate(goal.targetDate));
    field('Voortgang', goal.progress);
  });

  if (plan.goalOutcomes.length > 0) {
    heading(3, 'Doelen waarvan de streefdatum voorbij was, bij de vorige evaluatie');
    const list = doc.struct('L');
    root.add(list);
    for (const outcome of plan.goalOutcomes) {
      const decided = {
        reached: 'gehaald',
        continued: `gaat door, nieuwe streefdatum ${dutchDate(outcome.newTargetDate ?? outcome.targetDate)}`,
        stopped: 'gestopt',
      }[outcome.outcome];
      listItem(list, `${outcome.description} (streefdatum ${dutchDate(outcome.targetDate)}): ${decided}.`);
    }
    list.end();
  }

  heading(2, 'Afspraken (handelingsdeel)');
  if (plan.agreements.length === 0) paragraph('Er zijn nog geen afspraken vastgelegd.');
  else {
    const list = doc.struct('L');
    root.add(list);
    for (const agreement of plan.agreements) {
      const overdue = plan.status === 'active' && isAgreementOverdue(agreement, about.printedOn);
      const state = agreement.done
        ? 'gedaan'
        : overdue
          ? 'nog niet gedaan, de datum is voorbij'
          : 'nog te doen';
      const note = agreement.note ? ` Opmerking: ${agreement.note}` : '';
      listItem(list, `${agreementText(agreement)} — ${state}.${note}`);
    }
    list.end();
  }

  heading(2, 'Wat de leerling zelf vindt');
  part(plan.pupilView);
  if (plan.previousPupilView.trim()) {
    heading(3, 'Wat de leerling in de vorige versie vond');
    paragraph(plan.previousPupilView);
  }

  if (plan.status === 'closed') {
    heading(2, 'Evaluatie');
    paragraph(
      `Geëvalueerd op ${dutchDate(plan.evaluatedOn!)}${plan.evaluatedWithParents ? ', samen met de ouders' : ', zonder de ouders'}.`,
    );
    part(plan.evaluation ?? '');
  }

  heading(2, 'Reactie van de ouders');
  if (plan.responses.length === 0) paragraph('De ouders hebben nog niet gereageerd op deze versie.');
  // Every answer on this version, each naming the text it answered.
  for (const response of plan.responses) {
    const on = dutchDate(amsterdamToday(new Date(response.respondedAt)));
    const how = response.fromPaper
      ? `op papier, vastgelegd door ${response.recordedByName ?? 'de school'}`
      : 'in Passend';
    const text = response.agrees ? 'akkoord met' : 'niet akkoord met';
    const answered = versionLabel(plan.version, response.amendment);
    paragraph(`${response.parentName}: ${text} versie ${answered} (${on}, ${how}).`);
    if (response.view.trim()) paragraph(`Zienswijze: ${response.view}`);
  }
  root.end();

  // Footers on every page, outside the structure: pagination artifacts.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('Regular')
      .fontSize(9)
      .fillColor('#444444')
      .text(
        `${about.swvName} — versie ${label} — afgedrukt op ${dutchDate(about.printedOn)} — pagina ${index + 1} van ${range.count}`,
        doc.page.margins.left,
        doc.page.height - 40,
        { width, lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
