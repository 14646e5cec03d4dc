// The OSO hand-over dossier of a transition (docs/decisions/0030-oso-dossier-export.md): the sending
// school's file as an OSO gegevensset 2019.1 dossier, holding exactly the parts the parents
// consented to at the hand-over (src/domain/osoExport.ts maps them). Every export is logged as an
// `export` of the child's file through the use-case runner, and validated against the XSD in
// standards/ before it is returned: an invalid one is never sent (422, its problems logged without
// the values they quote).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  normaliseParts,
  type OsoDossierInput,
  osoDossierXml,
  osoFileName,
  osoSchemaPath,
} from '../../../domain/osoExport.ts';
import { refuse } from '../../../domain/refusal.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeLogged } from '../../access/authorize.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import { document, plan, planAgreement, planGoal } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { version } from '../../version.ts';
import { parseXml, schemaProblems, XmlFileRefused, type XmlProblem } from '../../xml/xsd.ts';
import { zipOne } from '../../zip.ts';
import { ChunkMissing, readChunks } from '../documents/chunks.ts';
import { DocumentUnreadable, documentOpener, type KeyRing } from '../documents/encryption.ts';
import { childFacts, findTransition, handOverConsent, schoolNames } from './transitions.queries.ts';

/** The documents of one dossier together: beyond this the receiving school gets them another way. */
export const maxDossierDocumentBytes = 50 * 1024 * 1024;

/** The export was not valid against the XSD: a fault of ours, answered without a 5xx. */
export class OsoDossierInvalid extends AppError {
  constructor(readonly problems: readonly XmlProblem[]) {
    super('rule_violated', 'The dossier did not pass the OSO 2019.1 schema; it was not sent', {
      rule: 'oso_dossier_invalid',
    });
  }
}

/**
 * A validation problem for the server log: the element's path and the message with every quoted
 * value blanked ("The value '…' is not accepted"), so no name or text of the child is logged.
 */
export const loggableProblem = (problem: XmlProblem) => ({
  line: problem.line,
  element: problem.element?.replace(/\[\d+\]/g, '') ?? null,
  message: problem.message.replace(/'[^']*'/g, (quoted, offset: number, whole: string) =>
    /Element\s$/.test(whole.slice(0, offset)) ? quoted : "'…'",
  ),
});

async function dossierFacts(tx: Tx, swvId: string, studentId: string, fromSchoolId: string) {
  const child = (await childFacts(tx, swvId, [studentId])).get(studentId)!;
  const school = (await schoolNames(tx, swvId, [fromSchoolId])).get(fromSchoolId)!;
  const parents = await queryRows<{ displayName: string; email: string }>(
    tx,
    sql`select u.display_name as "displayName", u.email from student_guardian g
        join app_user u on u.swv_id = g.swv_id and u.id = g.user_id
        where g.swv_id = ${swvId} and g.student_id = ${studentId} and u.disabled_at is null
        order by u.display_name`,
  );
  const enrolments = await queryRows<OsoDossierInput['enrolments'][number]>(
    tx,
    sql`select sc.name as "schoolName", sc.location_code as "locationCode", e.group_name as "groupName",
          e.started_on::text as "startedOn", e.ended_on::text as "endedOn"
        from enrolment e join school sc on sc.swv_id = e.swv_id and sc.id = e.school_id
        where e.swv_id = ${swvId} and e.student_id = ${studentId} order by e.started_on, e.id`,
  );
  // The plan in force: the active version, else the last one closed.
  const [current] = await tx
    .select()
    .from(plan)
    .where(and(eq(plan.swvId, swvId), eq(plan.studentId, studentId)))
    .orderBy(sql`${plan.status} = 'active' desc`, desc(plan.version))
    .limit(1);
  const goals = current
    ? await tx
        .select()
        .from(planGoal)
        .where(and(eq(planGoal.swvId, swvId), eq(planGoal.planId, current.id)))
        .orderBy(asc(planGoal.position))
    : [];
  const agreements = current
    ? await tx
        .select()
        .from(planAgreement)
        .where(and(eq(planAgreement.swvId, swvId), eq(planAgreement.planId, current.id)))
        .orderBy(asc(planAgreement.position))
    : [];
  const absence = await queryRows<OsoDossierInput['absence'][number]>(
    tx,
    sql`select kind, started_on::text as "startedOn", ended_on::text as "endedOn",
          attendance_officer_user_id is not null as "withAttendanceOfficer"
        from absence_case where swv_id = ${swvId} and student_id = ${studentId} order by started_on, id`,
  );
  return { child, school, parents, enrolments, current, goals, agreements, absence };
}

/** The child's ordinary documents, decrypted and packed; medical-psychological reports never go. */
async function packedDocuments(tx: Tx, keys: KeyRing, swvId: string, studentId: string, now: Date) {
  const rows = await tx
    .select({
      id: document.id,
      title: document.title,
      fileName: document.fileName,
      sizeBytes: document.sizeBytes,
      keyId: document.keyId,
      iv: document.iv,
      authTag: document.authTag,
      sha256: document.sha256,
      contentVersion: document.contentVersion,
    })
    .from(document)
    .where(
      and(
        eq(document.swvId, swvId),
        eq(document.studentId, studentId),
        eq(document.state, 'stored'),
        eq(document.classification, 'ordinary'),
      ),
    )
    .orderBy(asc(document.uploadedAt), asc(document.id));
  const total = rows.reduce((sum, row) => sum + row.sizeBytes, 0);
  if (total > maxDossierDocumentBytes) return null;
  const packed: { fileName: string; title: string; packed: string }[] = [];
  for (const row of rows) {
    const ids = { swvId, documentId: row.id };
    try {
      const opener = documentOpener(keys, ids, row, row.sizeBytes);
      await readChunks(tx, { ...ids, contentVersion: row.contentVersion }, row.sizeBytes, (bytes) =>
        opener.update(bytes),
      );
      const content = opener.finish();
      packed.push({
        fileName: row.fileName,
        title: row.title,
        packed: zipOne(row.fileName, content, now).toString('base64'),
      });
    } catch (error) {
      if (error instanceof ChunkMissing || error instanceof DocumentUnreadable)
        throw new AppError('conflict', 'A document of the file could not be read just now; try again');
      throw error;
    }
  }
  return packed;
}

/**
 * GET /api/transitions/:id/oso-dossier. The sending school's IB'er and the consultant of its team,
 * and the receiving school's once handed over (the policy's `transition_dossier`); only a move
 * handed over (the parts are chosen then) and while the parents' consent is in force.
 */
export async function exportOsoDossier(ctx: Context, keys: KeyRing, id: string) {
  const dossier = await runUseCase(ctx, {
    authorize: async (tx) => {
      const record = await findTransition(tx, id);
      if (!record) throw notFound();
      const facts = (await loadStudentFacts(tx, ctx.actor, [record.studentId], ctx.now)).get(
        record.studentId,
      );
      if (!facts) throw notFound();
      await authorizeLogged(tx, ctx, {
        action: 'read',
        resource: {
          type: 'transition_dossier',
          swvId: record.swvId,
          fromSchoolId: record.fromSchoolId,
          toSchoolId: record.toSchoolId,
          student: facts,
          handedOver: record.handedOverOn !== null,
        },
        log: {
          swvId: record.swvId,
          studentId: record.studentId,
          action: 'export',
          objectType: 'transition',
          objectId: record.id,
          part: 'oso_dossier',
        },
      });
      return record;
    },
    work: async (tx, record) => {
      // An incoming move's file stays with the sending SWV: this SWV holds only what crossed.
      if (record.fromSchoolId === null)
        return refuse('dossier_in_other_swv', 'The sending SWV holds the file and its dossier');
      if (record.handedOverOn === null)
        return refuse('not_handed_over', 'The dossier is made once the file is handed over');
      const consent = await handOverConsent(tx, record.swvId, record.studentId, ctx.now);
      if (!consent.inForce)
        return refuse(
          'hand_over_consent_not_in_force',
          'The parents’ consent to hand over is no longer in force',
        );
      const parts = normaliseParts(record.handedOverParts);
      const facts = await dossierFacts(tx, record.swvId, record.studentId, record.fromSchoolId);
      const documents = parts.includes('documents')
        ? await packedDocuments(tx, keys, record.swvId, record.studentId, ctx.now)
        : [];
      if (documents === null)
        return refuse('dossier_too_large', 'The documents are too large for one dossier', {
          maxBytes: maxDossierDocumentBytes,
        });
      const today = amsterdamToday(ctx.now);
      const input: OsoDossierInput = {
        today,
        softwareVersion: version,
        moveKind: record.moveKind,
        parts,
        school: facts.school,
        child: facts.child,
        report: record.report,
        parents: facts.parents,
        enrolments: facts.enrolments,
        support: {
          level: facts.child.supportLevel,
          plan: facts.current
            ? {
                version: facts.current.version,
                startedOn: amsterdamToday(facts.current.createdAt),
                evaluationDueOn: facts.current.evaluationDueOn,
                hasDevelopmentPerspective: facts.current.hasDevelopmentPerspective,
                strengths: facts.current.strengths,
                needs: facts.current.needs,
                exitDestination: facts.current.exitDestination,
                goals: facts.goals,
                agreements: facts.agreements,
              }
            : null,
        },
        absence: facts.absence,
        documents,
      };
      const pack = (fileName: string, content: string) =>
        zipOne(fileName, Buffer.from(content, 'utf8'), ctx.now).toString('base64');
      return { xml: osoDossierXml(input, pack), fileName: osoFileName(facts.child, today) };
    },
  });
  const problems = validateOsoDossier(dossier.xml);
  if (problems.length > 0) throw new OsoDossierInvalid(problems);
  return dossier;
}

/** The problems of a dossier against OSO 2019.1; empty when valid. */
export function validateOsoDossier(xml: string): XmlProblem[] {
  const bytes = Buffer.from(xml, 'utf8');
  let parsed: ReturnType<typeof parseXml>;
  try {
    parsed = parseXml(bytes, bytes.length + 1);
  } catch (error) {
    if (error instanceof XmlFileRefused) return [...error.problems];
    throw error;
  }
  try {
    return schemaProblems(parsed, osoSchemaPath);
  } finally {
    parsed.dispose();
  }
}
