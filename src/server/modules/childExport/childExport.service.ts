// The export of everything about a child (AVG art. 15, inzagerecht; docs/SECURITY.md E1): one
// structure gathered in one transaction with its one access-log row (action `export`), written as
// JSON or as a PDF. Parents get what the portal shows them; the IB'er of the school and the
// consultant of the school's team get the complete file, to answer a written request. Not: the
// documents' content (each is downloaded on its own), retention or deletion (docs/SECURITY.md E2).
import type { z } from 'zod';
import type { ChildExport, ChildExportQuery } from '../../../contracts/childExport.ts';
import {
  childExportFormatVersion,
  type ExportAudience,
  type ExportSection,
  exportFileName,
  exportSections,
  type WithheldReason,
} from '../../../domain/childExport.ts';
import type { DocumentClassification } from '../../../domain/childFile.ts';
import { writeHeldBack } from '../../access/accessLog.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild } from '../../access/authorize.ts';
import { can, type StudentFacts } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { organisationNames } from '../students/students.service.ts';
import { renderChildExportPdf } from './childExport.pdf.ts';
import {
  type ExportRow,
  parentSectionOf,
  peopleNamed,
  readChildAccessLog,
  readChildSections,
} from './childExport.queries.ts';

export const alwaysLeftOut = [
  'de inhoud van documenten (elk document is apart te downloaden; de rest op verzoek)',
  'sleutels en controlegetallen van versleuteling en logboek',
  'netwerkadressen en verzoeknummers in het logboek',
];

type Verdict = 'keep' | WithheldReason;

/**
 * docs/SECURITY.md E1 and C6: what a parents' export keeps of each row — what the parent portal shows
 * them. The complete export keeps everything. A row under a withheld row is withheld with it.
 */
function parentsVerdict(ctx: Context, facts: StudentFacts, section: ExportSection, row: ExportRow): Verdict {
  const reads = (type: 'plan' | 'consent' | 'case_team' | 'oso_dossier' | 'case_meeting') =>
    can(ctx.actor, 'read', { type, student: facts }).allowed;
  switch (section) {
    case 'student':
    case 'enrolments':
    case 'guardians':
    case 'supportLevels':
    case 'transitions':
    case 'waitingEntries':
    case 'absenceCases':
    case 'absenceOffers':
    case 'absenceSteps':
    case 'absenceEvents':
    case 'requestEvents':
    case 'requestAdvices':
    case 'requestDeliveries':
    case 'objections':
    case 'accessLog':
      return 'keep';
    case 'plans':
    case 'planGoals':
    case 'planAgreements':
    case 'planResponses':
      return reads('plan') ? 'keep' : 'staff_only';
    case 'consents':
      return reads('consent') ? 'keep' : 'staff_only';
    case 'caseTeam':
      return reads('case_team') ? 'keep' : 'staff_only';
    case 'osoDossiers':
      return reads('oso_dossier') ? 'keep' : 'staff_only';
    case 'meetings':
    case 'meetingActions':
      return reads('case_meeting') ? 'keep' : 'staff_only';
    // The dossier's entries may hold a secret address or a diagnosis (decision 0029): the OSO tab
    // shows parents a filtered view; the export leaves them to a written request.
    case 'osoEntries':
    case 'osoAttachments':
      return 'not_shared';
    case 'requests':
      return row.state === 'draft' ? 'school_draft' : 'keep';
    case 'documents':
      return can(ctx.actor, 'read', {
        type: 'document',
        student: facts,
        classification: row.classification as DocumentClassification,
        sharedWithParents: row.sharedWithParents === true,
      }).allowed
        ? 'keep'
        : 'not_shared';
    case 'surveyInvitations':
      return row.userId === ctx.actor.userId ? 'keep' : 'other_people';
    case 'complaints':
      return row.filedByUserId === ctx.actor.userId ? 'keep' : 'other_people';
    case 'objectionEvents':
    case 'absenceWatches':
    case 'disputes':
      return 'staff_only';
    default: {
      const unhandled: never = section;
      throw new Error(`no rule for section ${String(unhandled)}`);
    }
  }
}

/** Fields the parents' export leaves out of a row it keeps (the staff's note on a wait: `waiting_note`). */
const parentsLeaveOutFields: Partial<Record<ExportSection, readonly string[]>> = {
  waitingEntries: ['note'],
};

const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Assembles the export's one structure, within the use case's transaction. */
async function assemble(
  tx: Tx,
  ctx: Context,
  facts: StudentFacts,
  studentId: string,
  audience: ExportAudience,
  madeBy: { name: string; role: string },
): Promise<ChildExport> {
  const stored = await readChildSections(tx, facts.swvId, studentId);
  const logRows = await readChildAccessLog(tx, facts.swvId, studentId);
  // Someone of another SWV (refused: a child is in one SWV only) is named neither by person nor by
  // organisation, as in the access-log view (docs/SECURITY.md A3).
  const isForeign = (row: (typeof logRows)[number]) =>
    row.actorSwvId !== null && row.actorSwvId !== facts.swvId;
  const accessRows: ExportRow[] = logRows.map((row) => ({
    sequence: row.sequence,
    at: row.at.toISOString(),
    actorName: isForeign(row) ? null : row.actorName,
    actorRole: row.actorRole,
    organisation: isForeign(row) ? 'other_swv' : row.actorOrganisation,
    action: row.action,
    outcome: row.outcome,
    objectType: row.objectType,
    objectId: row.objectId,
    part: row.part,
    purpose: row.purpose,
    breakGlass: row.breakGlass,
  }));
  const all: Record<ExportSection, ExportRow[]> = { ...stored, accessLog: accessRows };

  const sections = {} as Record<ExportSection, ExportRow[]>;
  const withheld: ChildExport['withheld'] = [];
  for (const section of exportSections) {
    const parent = parentSectionOf(section);
    const keptParents = parent ? new Set(sections[parent.section].map((row) => row.id)) : null;
    const counts = new Map<WithheldReason, number>();
    sections[section] = [];
    for (const row of all[section]) {
      let verdict: Verdict = 'keep';
      if (audience === 'parents') {
        const parentGone = keptParents !== null && !keptParents.has(row[parent!.field]);
        verdict = parentGone
          ? (withheld.find((w) => w.section === parent!.section)?.reason ?? 'staff_only')
          : parentsVerdict(ctx, facts, section, row);
      }
      if (verdict === 'keep') {
        const leaveOut = audience === 'parents' ? (parentsLeaveOutFields[section] ?? []) : [];
        sections[section].push(
          Object.fromEntries(Object.entries(row).filter(([field]) => !leaveOut.includes(field))),
        );
      } else counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
    }
    for (const [reason, rows] of counts) withheld.push({ section, rows, reason });
  }

  // The people and organisations the kept rows name, so a reader sees names rather than ids.
  const userIds = new Set<string>();
  const organisationRefs = new Set<string>();
  for (const section of exportSections) {
    for (const row of sections[section]) {
      for (const [field, value] of Object.entries(row)) {
        if (/UserIds?$/.test(field) || field === 'userId') {
          for (const id of [value].flat()) if (isUuid(id)) userIds.add(id);
        }
        if (/[sS]choolId$/.test(field) && isUuid(value)) organisationRefs.add(`school:${value}`);
        if (field === 'partnerOrganisationId' && isUuid(value)) organisationRefs.add(`partner:${value}`);
        if (field === 'organisation' && typeof value === 'string') organisationRefs.add(value);
      }
    }
  }
  const organisations = await organisationNames(tx, facts.swvId, [...organisationRefs]);
  const [swvRow] = await organisationNames(tx, facts.swvId, [`swv:${facts.swvId}`]).then((m) => [
    ...m.values(),
  ]);

  return {
    formatVersion: childExportFormatVersion,
    audience,
    madeAt: ctx.now.toISOString(),
    madeBy,
    swv: { id: facts.swvId, name: swvRow ?? '' },
    student: { id: studentId },
    sections,
    people: await peopleNamed(tx, facts.swvId, [...userIds]),
    organisations: [...organisations]
      .map(([ref, name]) => ({ ref, name }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
    withheld,
    notIncluded: alwaysLeftOut,
  };
}

/**
 * One export of the child's file, logged once as `export`. Its own row is written before the log
 * is read, so the export shows that it was made.
 */
export async function exportChild(
  ctx: Context,
  studentId: string,
  query: z.output<typeof ChildExportQuery>,
): Promise<{ fileName: { ascii: string; utf8: string }; contentType: string; body: Buffer | string }> {
  const data = await runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'export',
        objectType: 'child_export',
        part: query.format,
        resource: (student) => ({ type: 'child_export', student }),
      }),
    work: async (tx, facts) => {
      await writeHeldBack(tx);
      const decision = can(ctx.actor, 'read', { type: 'child_export', student: facts });
      const role = decision.allowed ? decision.role : 'none';
      const audience: ExportAudience = role === 'parent' ? 'parents' : 'complete';
      const [me] = await peopleNamed(tx, facts.swvId, [ctx.actor.userId]);
      return assemble(tx, ctx, facts, studentId, audience, { name: me?.name ?? '', role });
    },
  });
  const child = data.sections.student[0] as {
    givenName: string;
    familyNamePrefix: string;
    familyName: string;
  };
  const fileName = exportFileName(child, ctx.now, query.format);
  if (query.format === 'json') {
    return { fileName, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data, null, 2) };
  }
  return { fileName, contentType: 'application/pdf', body: await renderChildExportPdf(data) };
}
