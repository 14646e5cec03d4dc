// OSO hand-over dossiers into the child's file (docs/domain.md, "Hand-over dossiers (OSO)",
// docs/decisions/0029-oso-dossier-import.md). The import is stateless as the roster's is: the file
// is sent once for the preview (nothing written) and again to apply it. The policy is asked before
// the file is read; the file is read outside any transaction (in a worker thread for the web).
// Importing is a create on the child's file (one access-log row); reading what was imported a read.

import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { DocumentMediaType } from '../../../contracts/documents.ts';
import type { OsoDossierView, OsoImportResult } from '../../../contracts/oso.ts';
import { notOnCaseTeam } from '../../../domain/caseTeam.ts';
import {
  attachmentClassification,
  type ChildMatch,
  chosenChild,
  compareEntries,
  type EntryChanges,
  entriesOf,
  handOverOf,
  type KnownChild,
  matchChild,
  newChildRefusal,
  type OsoCareerEntry,
  type OsoContact,
  type OsoSupportEntry,
  type OsoTestResult,
  otherSchoolRefusal,
  relationOf,
  stableJson,
  withoutSecrets,
} from '../../../domain/oso.ts';
import { isRefusal } from '../../../domain/refusal.ts';
import { appendAccessLog } from '../../access/accessLog.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild, authorizeLogged, inTransaction, originOf } from '../../access/authorize.ts';
import { can, type StudentFacts } from '../../access/policy.ts';
import { ruleViolated, runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  appUser,
  document,
  osoAttachment,
  osoDossier,
  osoEntry,
  school,
  student,
} from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { storeDocument } from '../documents/documents.commands.ts';
import type { KeyRing } from '../documents/encryption.ts';
import { createSchoolChild } from '../students/students.commands.ts';
import { readOsoDossierInWorker } from './osoInWorker.ts';
import type { ReadAttachment, ReadDossier } from './osoReader.ts';

type Result = z.infer<typeof OsoImportResult>;
type DossierView = z.infer<typeof OsoDossierView>;

export type OsoImportOptions = { apply: boolean; studentId: string | null; createChild: boolean };

const fullName = (person: { givenName: string; familyNamePrefix: string; familyName: string }) =>
  [person.givenName, person.familyNamePrefix, person.familyName].filter(Boolean).join(' ');

/** A child of the school not yet known: what the policy needs to ask about importing for one. */
const aChildOf = (swvId: string, schoolId: string): StudentFacts => ({
  swvId,
  schoolId,
  groupName: '',
  isGuardian: false,
  caseTeam: notOnCaseTeam,
  consentedPartnerOrganisationIds: [],
});

async function schoolOf(tx: Tx, schoolId: string) {
  const [found] = await tx
    .select({ swvId: school.swvId, id: school.id, locationCode: school.locationCode })
    .from(school)
    .where(eq(school.id, schoolId));
  if (!found) throw notFound();
  return found;
}

/** The file refused: 422 with the rule, the reason and each problem; nothing was written. */
function refusedFile(error: XmlFileRefused): AppError {
  return new AppError(
    'rule_violated',
    error.reason === 'version' ? error.message : 'The dossier was refused; nothing was imported',
    {
      rule: error.reason === 'version' ? 'oso_version' : 'oso_refused',
      reason: error.reason,
      problems: error.problems,
    },
  );
}

type AttachmentPlan = ReadAttachment & { status: 'new' | 'known' | 'refused' };

function planAttachments(
  attachments: readonly ReadAttachment[],
  known: ReadonlySet<string>,
): AttachmentPlan[] {
  const seen = new Set<string>();
  return attachments.map((attachment) => {
    if (attachment.problem !== null || attachment.sha256 === null)
      return { ...attachment, status: 'refused' };
    // The same file twice in one dossier (a report attached to two blocks) is one document.
    const status = known.has(attachment.sha256) || seen.has(attachment.sha256) ? 'known' : 'new';
    seen.add(attachment.sha256);
    return { ...attachment, status };
  });
}

const counts = (changes: EntryChanges, kind: string) => ({
  added: changes.added.filter((entry) => entry.kind === kind).length,
  changed: changes.changed.filter((entry) => entry.kind === kind).length,
  unchanged: 0,
});

/**
 * The preview (`apply` false: nothing is written) or the import of an OSO dossier at a school, for
 * the child it matches, the child the user chose, or a new child.
 */
export async function importOsoDossier(
  ctx: Context,
  keys: KeyRing,
  schoolId: string,
  content: Uint8Array,
  options: OsoImportOptions,
  read: (content: Uint8Array) => Promise<ReadDossier> = readOsoDossierInWorker,
): Promise<Result> {
  // Asked before the file is read: who may not makes the server parse nothing; the refusal is logged.
  const { target, decision } = await inTransaction(ctx, async (tx) => {
    const target = await schoolOf(tx, schoolId);
    const resource = { type: 'oso_dossier', student: aChildOf(target.swvId, schoolId) } as const;
    const decision = can(ctx.actor, 'create', resource);
    if (!decision.allowed) {
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource,
        log: {
          swvId: target.swvId,
          studentId: null,
          action: options.apply ? 'create' : 'search',
          objectType: options.apply ? 'oso_dossier' : 'oso_preview',
          objectId: schoolId,
        },
      });
      throw forbidden();
    }
    return { target, decision };
  });

  let dossierRead: ReadDossier;
  try {
    dossierRead = await read(content);
  } catch (error) {
    if (error instanceof XmlFileRefused) throw refusedFile(error);
    throw error;
  }
  const { dossier, attachments } = dossierRead;
  const otherSchool = otherSchoolRefusal(dossier, target.locationCode);
  if (otherSchool) throw ruleViolated(otherSchool);
  const fileSha256 = createHash('sha256').update(content).digest('hex');

  try {
    return await inTransaction(ctx, (tx) =>
      importInTransaction(tx, ctx, keys, target.swvId, schoolId, dossierRead, fileSha256, options),
    );
  } catch (error) {
    // The same dossier applied twice at once: the second meets the first's keys.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'The dossier was imported meanwhile');
    throw error;
  }

  async function importInTransaction(
    tx: Tx,
    ctx: Context,
    keys: KeyRing,
    swvId: string,
    schoolId: string,
    { dossier }: ReadDossier,
    fileSha256: string,
    options: OsoImportOptions,
  ): Promise<Result> {
    const children = await tx
      .select({
        id: student.id,
        schoolKey: student.schoolKey,
        givenName: student.givenName,
        familyNamePrefix: student.familyNamePrefix,
        familyName: student.familyName,
        birthDate: student.birthDate,
        groupName: student.groupName,
      })
      .from(student)
      .where(and(eq(student.swvId, swvId), eq(student.schoolId, schoolId)));
    const match: ChildMatch = matchChild(dossier.pupil, children as KnownChild[]);
    const choice = chosenChild(
      match,
      { studentId: options.studentId, createChild: options.createChild },
      new Set(children.map((child) => child.id)),
    );
    if (isRefusal(choice) && (options.apply || choice.rule === 'oso_child_mismatch'))
      throw ruleViolated(choice);
    const newChild = { type: 'student', student: aChildOf(swvId, schoolId) } as const;
    const mayCreateChild = can(ctx.actor, 'create', newChild).allowed;

    let studentId: string | null = isRefusal(choice) ? null : choice.studentId;
    const creating = !isRefusal(choice) && choice.create;
    const incomplete = creating ? newChildRefusal(dossier.pupil) : null;
    if (incomplete) throw ruleViolated(incomplete);
    if (creating && options.apply) {
      const id = uuidv7();
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: newChild,
        log: { swvId, studentId: id, action: 'create', objectType: 'student', objectId: id },
      });
      const { givenName, familyNamePrefix, familyName, birthDate, schoolKey } = dossier.pupil;
      studentId = await createSchoolChild(tx, ctx, swvId, schoolId, id, {
        givenName,
        familyNamePrefix,
        familyName,
        birthDate,
        schoolKey,
      });
    }
    if (studentId !== null)
      await authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: options.apply ? 'create' : 'read',
        objectType: options.apply ? 'oso_dossier' : 'oso_preview',
        resource: (facts) => ({ type: 'oso_dossier', student: facts }),
      });
    // The preview without a child yet: it read the school's list to match, one search of it.
    else
      await appendAccessLog(tx, originOf(ctx), {
        swvId,
        studentId: null,
        action: 'search',
        objectType: 'oso_preview',
        objectId: schoolId,
        outcome: 'allowed',
        purpose: decision.purpose,
        actorRole: decision.role,
        actorOrganisation: decision.organisation,
      });

    const known = new Map<string, string>();
    const knownFiles = new Set<string>();
    let alreadyImported = false;
    if (studentId !== null && !creating) {
      for (const row of await tx
        .select({ kind: osoEntry.kind, key: osoEntry.entryKey, data: osoEntry.data })
        .from(osoEntry)
        .where(and(eq(osoEntry.swvId, swvId), eq(osoEntry.studentId, studentId))))
        known.set(`${row.kind}:${row.key}`, stableJson(row.data));
      for (const row of await tx
        .select({ sha256: osoAttachment.sha256 })
        .from(osoAttachment)
        .where(and(eq(osoAttachment.swvId, swvId), eq(osoAttachment.studentId, studentId))))
        knownFiles.add(row.sha256);
      const [before] = await tx
        .select({ id: osoDossier.id })
        .from(osoDossier)
        .where(
          and(
            eq(osoDossier.swvId, swvId),
            eq(osoDossier.studentId, studentId),
            eq(osoDossier.fileSha256, fileSha256),
          ),
        );
      alreadyImported = before !== undefined;
    }
    const entries = entriesOf(dossier);
    const changes = alreadyImported
      ? { added: [], changed: [], unchanged: entries.length }
      : compareEntries(entries, known);
    const planned = planAttachments(attachments, knownFiles).map((attachment) =>
      alreadyImported && attachment.status === 'new'
        ? { ...attachment, status: 'known' as const }
        : attachment,
    );

    if (options.apply && studentId !== null && !alreadyImported) {
      const dossierId = uuidv7();
      await tx.insert(osoDossier).values({
        swvId,
        id: dossierId,
        studentId,
        fileSha256,
        kind: dossier.kind,
        transfer: dossier.transfer ?? '',
        exportedOn: dossier.exportedOn,
        packageName: dossier.packageName ?? '',
        sendingLocationCode: dossier.sendingSchool.locationCode,
        sendingSchoolName: dossier.sendingSchool.name ?? '',
        importedByUserId: ctx.actor.userId,
        importedAt: ctx.now,
      });
      if (changes.added.length > 0)
        await tx.insert(osoEntry).values(
          changes.added.map((entry) => ({
            swvId,
            id: uuidv7(),
            studentId: studentId!,
            kind: entry.kind,
            entryKey: entry.key,
            data: entry.data,
            dossierId,
            updatedAt: ctx.now,
          })),
        );
      for (const entry of changes.changed)
        await tx
          .update(osoEntry)
          .set({ data: entry.data, dossierId, updatedAt: ctx.now })
          .where(
            and(
              eq(osoEntry.swvId, swvId),
              eq(osoEntry.studentId, studentId),
              eq(osoEntry.kind, entry.kind),
              eq(osoEntry.entryKey, entry.key),
            ),
          );
      const facts = aChildOf(swvId, schoolId);
      for (const attachment of planned) {
        if (attachment.status !== 'new') continue;
        const classification = attachmentClassification(attachment);
        const mayStore = can(ctx.actor, 'create', {
          type: 'document',
          student: facts,
          classification,
          sharedWithParents: false,
        }).allowed;
        if (!mayStore) continue;
        const documentId = await storeDocument(tx, ctx, keys, {
          swvId,
          studentId,
          title: attachment.description ?? attachment.fileName,
          fileName: attachment.fileName,
          mediaType: attachment.mediaType as DocumentMediaType,
          classification,
          content: Buffer.from(
            attachment.content!.buffer,
            attachment.content!.byteOffset,
            attachment.content!.byteLength,
          ),
        });
        await tx.insert(osoAttachment).values({
          swvId,
          studentId,
          sha256: attachment.sha256!,
          documentId,
          source: attachment.source,
          dossierId,
          medical: classification === 'medical_psychological',
        });
      }
    }

    const byId = new Map(children.map((child) => [child.id, child]));
    const childView = (child: (typeof children)[number]) => ({
      id: child.id,
      name: fullName(child),
      birthDate: child.birthDate,
      groupName: child.groupName,
      schoolKey: child.schoolKey,
    });
    const entryCounts = (kind: string) => {
      const found = counts(changes, kind);
      return {
        ...found,
        unchanged: entries.filter((entry) => entry.kind === kind).length - found.added - found.changed,
      };
    };
    const chosen = studentId !== null ? byId.get(studentId) : undefined;
    return {
      applied: options.apply && studentId !== null,
      dossier: {
        kind: dossier.kind,
        handOver: handOverOf(dossier.kind),
        transfer: dossier.transfer,
        exportedOn: dossier.exportedOn,
        packageName: dossier.packageName,
        sendingSchool: dossier.sendingSchool,
      },
      pupil: {
        name: fullName(dossier.pupil),
        birthDate: dossier.pupil.birthDate,
        schoolKey: dossier.pupil.schoolKey,
      },
      match: {
        certainty: match.certainty,
        by: match.certainty === 'certain' ? match.by : null,
        candidates: (match.certainty === 'certain'
          ? [match.studentId]
          : match.certainty === 'uncertain'
            ? match.candidates
            : []
        ).map((id) => childView(byId.get(id)!)),
      },
      child: creating
        ? { id: studentId, name: fullName(dossier.pupil), created: true }
        : chosen
          ? { id: chosen.id, name: fullName(chosen), created: false }
          : null,
      alreadyImported,
      counts: {
        contacts: entryCounts('contact'),
        career: entryCounts('career'),
        results: entryCounts('result'),
        support: entryCounts('support'),
        documents: {
          added: planned.filter((a) => a.status === 'new').length,
          known: planned.filter((a) => a.status === 'known').length,
          refused: planned.filter((a) => a.status === 'refused').length,
        },
      },
      attachments: planned.map((attachment) => ({
        fileName: attachment.fileName,
        description: attachment.description,
        source: attachment.source,
        classification: attachmentClassification(attachment),
        status: attachment.status,
        problem: attachment.problem,
      })),
      mayCreateChild,
    };
  }
}

/**
 * What OSO dossiers brought into the child's file, as this user may see it: a secret address or
 * number only for the IB'er and the consultant; diagnoses, intelligence tests and their reports
 * only for who may read medical-psychological reports; documents as the documents' policy says.
 */
export async function getOsoDossier(ctx: Context, studentId: string): Promise<DossierView> {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'oso_dossier',
        resource: (facts) => ({ type: 'oso_dossier', student: facts }),
      }),
    work: async (tx, facts) => {
      const ofChild = (table: typeof osoEntry | typeof osoDossier | typeof osoAttachment) =>
        and(eq(table.swvId, facts.swvId), eq(table.studentId, studentId));
      const dossiers = await tx
        .select({
          id: osoDossier.id,
          kind: osoDossier.kind,
          transfer: osoDossier.transfer,
          exportedOn: osoDossier.exportedOn,
          sendingLocationCode: osoDossier.sendingLocationCode,
          sendingSchoolName: osoDossier.sendingSchoolName,
          importedAt: osoDossier.importedAt,
          importedByName: appUser.displayName,
        })
        .from(osoDossier)
        .leftJoin(
          appUser,
          and(eq(appUser.swvId, osoDossier.swvId), eq(appUser.id, osoDossier.importedByUserId)),
        )
        .where(ofChild(osoDossier))
        .orderBy(asc(osoDossier.importedAt));
      const entries = await tx
        .select({ kind: osoEntry.kind, data: osoEntry.data })
        .from(osoEntry)
        .where(ofChild(osoEntry))
        .orderBy(asc(osoEntry.entryKey));
      const files = await tx
        .select({
          documentId: osoAttachment.documentId,
          source: osoAttachment.source,
          title: document.title,
          fileName: document.fileName,
          classification: document.classification,
          sharedWithParents: document.sharedWithParents,
        })
        .from(osoAttachment)
        .innerJoin(
          document,
          and(eq(document.swvId, osoAttachment.swvId), eq(document.id, osoAttachment.documentId)),
        )
        .where(and(ofChild(osoAttachment), eq(document.state, 'stored')))
        .orderBy(asc(document.uploadedAt), asc(document.id));

      const maySeeSecrets = can(ctx.actor, 'read', { type: 'oso_secret_contact', student: facts }).allowed;
      const mayReadMedical = can(ctx.actor, 'read', {
        type: 'document',
        student: facts,
        classification: 'medical_psychological',
        sharedWithParents: false,
      }).allowed;
      const of = <T>(kind: string) =>
        entries.filter((entry) => entry.kind === kind).map((entry) => entry.data as T);
      const results = of<OsoTestResult>('result');
      const support = of<OsoSupportEntry>('support');
      const documents = files.filter(
        (file) =>
          can(ctx.actor, 'read', {
            type: 'document',
            student: facts,
            classification: file.classification,
            sharedWithParents: file.sharedWithParents,
          }).allowed,
      );
      const shownResults = results.filter((result) => mayReadMedical || !result.psychological);
      const shownSupport = support.filter((entry) => mayReadMedical || !entry.medical);
      return {
        dossiers: dossiers.map((row) => ({
          ...row,
          handOver: handOverOf(row.kind),
          importedAt: row.importedAt.toISOString(),
        })),
        contacts: of<OsoContact & { isPupil: boolean }>('contact')
          .sort((a, b) => Number(b.isPupil) - Number(a.isPupil))
          .map((contact) => {
            const shown = withoutSecrets(contact, maySeeSecrets);
            return {
              isPupil: contact.isPupil,
              givenName: shown.givenName,
              familyNamePrefix: shown.familyNamePrefix,
              familyName: shown.familyName,
              relation: contact.isPupil ? null : relationOf(contact.relationCode),
              relationCode: contact.relationCode,
              legalRepresentative: contact.legalRepresentative,
              deceased: contact.deceased,
              addressHidden: shown.addressHidden,
              addresses: shown.addresses,
              communications: shown.communications,
            };
          }),
        career: of<OsoCareerEntry>('career').sort((a, b) => a.startedOn.localeCompare(b.startedOn)),
        results: shownResults.sort((a, b) => b.takenOn.localeCompare(a.takenOn)),
        support: shownSupport.sort((a, b) => (a.startedOn ?? '').localeCompare(b.startedOn ?? '')),
        documents: documents.map(({ sharedWithParents: _shared, ...file }) => file),
        hiddenMedical:
          results.length -
          shownResults.length +
          support.length -
          shownSupport.length +
          files.length -
          documents.length,
      };
    },
  });
}
