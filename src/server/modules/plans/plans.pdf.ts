// The plan version as a printable, accessible PDF (for printing, and for parents without an
// account): tagged (headings, paragraphs, lists in the structure tree, page footers as artifacts),
// with its title and language in the metadata. Dutch only: it is the document the school hands out.
// Set in DejaVu Sans, embedded (docs/decisions/0012): names print as written (Şahin, Łukasz, Nguyễn),
// and the font's ToUnicode map lets a reader copy and search them.
import { amsterdamToday } from '../../../domain/calendar.ts';
import type { AgreementOwner } from '../../../domain/childFile.ts';
import type { Sector } from '../../../domain/organisation.ts';
import { isAgreementOverdue, versionLabel } from '../../../domain/plans.ts';
import { dutchDate, taggedPdf } from '../../pdf/taggedPdf.ts';
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

export async function renderPlanPdf(plan: PlanData, about: PlanPdfAbout): Promise<Buffer> {
  const childName = [about.givenName, about.familyNamePrefix, about.familyName].filter(Boolean).join(' ');
  const kind = plan.hasDevelopmentPerspective ? 'Ontwikkelingsperspectief (OPP)' : 'Groeidocument';
  const label = versionLabel(plan.version, plan.amendment);
  const title = `${kind} van ${childName}, versie ${label}`;
  return taggedPdf(
    { title, author: about.swvName, subject: kind },
    ({ heading, paragraph, part, field, list }) => {
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
        list(plan.changesSinceAgreement.map(changeText));
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
        list(
          plan.goalOutcomes.map((outcome) => {
            const decided = {
              reached: 'gehaald',
              continued: `gaat door, nieuwe streefdatum ${dutchDate(outcome.newTargetDate ?? outcome.targetDate)}`,
              stopped: 'gestopt',
            }[outcome.outcome];
            return `${outcome.description} (streefdatum ${dutchDate(outcome.targetDate)}): ${decided}.`;
          }),
        );
      }

      heading(2, 'Afspraken (handelingsdeel)');
      if (plan.agreements.length === 0) paragraph('Er zijn nog geen afspraken vastgelegd.');
      else {
        list(
          plan.agreements.map((agreement) => {
            const overdue = plan.status === 'active' && isAgreementOverdue(agreement, about.printedOn);
            const state = agreement.done
              ? 'gedaan'
              : overdue
                ? 'nog niet gedaan, de datum is voorbij'
                : 'nog te doen';
            const note = agreement.note ? ` Opmerking: ${agreement.note}` : '';
            return `${agreementText(agreement)} — ${state}.${note}`;
          }),
        );
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
    },
    (page, pages) =>
      `${about.swvName} — versie ${label} — afgedrukt op ${dutchDate(about.printedOn)} — pagina ${page} van ${pages}`,
  );
}
