// Use cases on the case team (de mensen rond het kind): list a child's team, put a person or a
// partner organisation on it, and end a membership (the row stays as history). Whether a member
// may then read the file is the policy's business: case team AND the parents' consent (docs/SECURITY.md C7).
// Each is run by runUseCase with its access-log row (docs/SECURITY.md A1); the rules are src/domain/caseTeam.ts.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AddCaseMemberBody } from '../../../contracts/caseTeam.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  type CaseMemberKind,
  type CaseMembership,
  type CaseTeamPersonRole,
  caseMemberOverlapRefusal,
  caseMemberRef,
  caseMembershipStatus,
  caseTeamPersonRoles,
  isCoveredByConsent,
} from '../../../domain/caseTeam.ts';
import type { PartnerKind } from '../../../domain/organisation.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild } from '../../access/authorize.ts';
import { can, type StudentFacts } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { appUser, caseMember, membership, partnerOrganisation, student } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';

const person = alias(appUser, 'person');
const addedBy = alias(appUser, 'added_by');
const endedBy = alias(appUser, 'ended_by');

/** The partner organisation a person works for (their partner membership); null for a consultant. */
const personOrganisationId = sql<string | null>`(select m.partner_organisation_id from membership m
  where m.swv_id = ${caseMember.swvId} and m.user_id = ${caseMember.userId} and m.role = 'partner'
  order by m.partner_organisation_id limit 1)`;

const statusOrder = { in_force: 0, not_yet: 1, past: 2, ended: 3 } as const;

async function memberViews(tx: Tx, ctx: Context, facts: StudentFacts, where: SQL) {
  const rows = await tx
    .select({
      id: caseMember.id,
      userId: caseMember.userId,
      partnerOrganisationId: caseMember.partnerOrganisationId,
      personName: person.displayName,
      personOrganisationId: personOrganisationId,
      organisationName: partnerOrganisation.name,
      organisationKind: partnerOrganisation.kind,
      role: caseMember.role,
      reason: caseMember.reason,
      validFrom: caseMember.validFrom,
      validUntil: caseMember.validUntil,
      addedByName: addedBy.displayName,
      addedAt: caseMember.addedAt,
      endedAt: caseMember.endedAt,
      endedByName: endedBy.displayName,
    })
    .from(caseMember)
    .leftJoin(person, and(eq(person.swvId, caseMember.swvId), eq(person.id, caseMember.userId)))
    .leftJoin(
      partnerOrganisation,
      and(
        eq(partnerOrganisation.swvId, caseMember.swvId),
        eq(partnerOrganisation.id, caseMember.partnerOrganisationId),
      ),
    )
    .leftJoin(addedBy, eq(addedBy.id, caseMember.addedByUserId))
    .leftJoin(endedBy, eq(endedBy.id, caseMember.endedByUserId))
    .where(where)
    .orderBy(desc(caseMember.validFrom), desc(caseMember.id));
  const organisations = await organisationsById(
    tx,
    facts.swvId,
    rows.flatMap((row) => (row.personOrganisationId ? [row.personOrganisationId] : [])),
  );
  const today = amsterdamToday(ctx.now);
  const views = rows.map((row) => {
    const status = caseMembershipStatus(toMembership(row), today, ctx.now);
    const ofPerson = row.personOrganisationId ? organisations.get(row.personOrganisationId) : undefined;
    const organisationId = row.partnerOrganisationId ?? row.personOrganisationId;
    const covered = isCoveredByConsent(organisationId, facts.consentedPartnerOrganisationIds);
    const kind: CaseMemberKind = row.userId !== null ? 'person' : 'organisation';
    return {
      id: row.id,
      kind,
      userId: row.userId,
      partnerOrganisationId: row.partnerOrganisationId,
      name: row.personName ?? row.organisationName ?? '',
      organisationName: ofPerson?.name ?? row.organisationName,
      partnerKind: ofPerson?.kind ?? row.organisationKind,
      role: row.role,
      reason: row.reason,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      status,
      readsFile: covered === null ? null : covered && status === 'in_force',
      addedByName: row.addedByName,
      addedAt: row.addedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      endedByName: row.endedByName,
    };
  });
  return views.sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
}

function toMembership(row: {
  userId: string | null;
  partnerOrganisationId: string | null;
  validFrom: string;
  validUntil: string | null;
  endedAt: Date | null;
}): CaseMembership {
  return {
    ...caseMemberRef(row),
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    endedAt: row.endedAt,
  };
}

async function organisationsById(tx: Tx, swvId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; kind: PartnerKind }>();
  const rows = await tx
    .select({ id: partnerOrganisation.id, name: partnerOrganisation.name, kind: partnerOrganisation.kind })
    .from(partnerOrganisation)
    .where(and(eq(partnerOrganisation.swvId, swvId), inArray(partnerOrganisation.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Whom the team can take: partners' and consultants' accounts, and the partner organisations. */
async function choices(tx: Tx, facts: StudentFacts) {
  const people = await tx
    .selectDistinctOn([appUser.displayName, appUser.id], {
      id: appUser.id,
      name: appUser.displayName,
      kind: membership.role,
      organisationName: partnerOrganisation.name,
    })
    .from(appUser)
    .innerJoin(membership, and(eq(membership.swvId, appUser.swvId), eq(membership.userId, appUser.id)))
    .leftJoin(
      partnerOrganisation,
      and(
        eq(partnerOrganisation.swvId, membership.swvId),
        eq(partnerOrganisation.id, membership.partnerOrganisationId),
      ),
    )
    .where(
      and(
        eq(appUser.swvId, facts.swvId),
        isNull(appUser.disabledAt),
        inArray(membership.role, [...caseTeamPersonRoles]),
      ),
    )
    .orderBy(asc(appUser.displayName), asc(appUser.id), asc(membership.role));
  const linked = sql<boolean>`exists (select 1 from partner_school ps
    where ps.swv_id = ${partnerOrganisation.swvId}
      and ps.partner_organisation_id = ${partnerOrganisation.id} and ps.school_id = ${facts.schoolId})`;
  const organisations = await tx
    .select({
      id: partnerOrganisation.id,
      name: partnerOrganisation.name,
      kind: partnerOrganisation.kind,
      linkedToSchool: linked,
    })
    .from(partnerOrganisation)
    .where(eq(partnerOrganisation.swvId, facts.swvId))
    .orderBy(desc(linked), asc(partnerOrganisation.name));
  return {
    people: people.map((p) => ({ ...p, kind: p.kind as CaseTeamPersonRole })),
    organisations,
  };
}

const ofChild = (facts: StudentFacts, studentId: string) =>
  and(eq(caseMember.swvId, facts.swvId), eq(caseMember.studentId, studentId))!;

export async function listCaseTeam(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'case_team',
        resource: (student) => ({ type: 'case_team', student }),
      }),
    work: async (tx, facts) => {
      const mayManage = can(ctx.actor, 'create', { type: 'case_team', student: facts }).allowed;
      return {
        members: await memberViews(tx, ctx, facts, ofChild(facts, studentId)),
        choices: mayManage ? await choices(tx, facts) : null,
      };
    },
  });
}

function invalid(fields: Record<string, string>): AppError {
  return new AppError('validation_failed', 'The case member is not valid', { fields });
}

/** A person must be a partner's or consultant's account of the SWV, still in use. */
async function isPersonChoice(tx: Tx, swvId: string, userId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .innerJoin(membership, and(eq(membership.swvId, appUser.swvId), eq(membership.userId, appUser.id)))
    .where(
      and(
        eq(appUser.swvId, swvId),
        eq(appUser.id, userId),
        isNull(appUser.disabledAt),
        inArray(membership.role, [...caseTeamPersonRoles]),
      ),
    )
    .limit(1);
  return found !== undefined;
}

async function isOrganisationChoice(tx: Tx, swvId: string, partnerOrganisationId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: partnerOrganisation.id })
    .from(partnerOrganisation)
    .where(and(eq(partnerOrganisation.swvId, swvId), eq(partnerOrganisation.id, partnerOrganisationId)));
  return found !== undefined;
}

/**
 * The IB'er or the consultant puts a person or a partner organisation on the case. A partner
 * reads the file only once the membership is in force and the parents consented to share with
 * their organisation.
 */
export async function addCaseMember(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof AddCaseMemberBody>,
) {
  const id = uuidv7();
  return runUseCase(ctx, {
    // Whom the team can take and the one-at-a-time rule are checked here: a refusal (400, 409)
    // rolls back with the access-log row, as it always has. The child's row is locked first, so of
    // two people adding the same member at once, the later sees the first.
    authorize: async (tx) => {
      const facts = await authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'case_member',
        objectId: id,
        part: input.userId !== null ? 'person' : 'organisation',
        resource: (student) => ({ type: 'case_team', student }),
      });
      if (input.userId !== null && !(await isPersonChoice(tx, facts.swvId, input.userId))) {
        throw invalid({ userId: 'unknown' });
      }
      if (
        input.partnerOrganisationId !== null &&
        !(await isOrganisationChoice(tx, facts.swvId, input.partnerOrganisationId))
      ) {
        throw invalid({ partnerOrganisationId: 'unknown' });
      }
      const member = caseMemberRef(input);
      await tx
        .select({ id: student.id })
        .from(student)
        .where(and(eq(student.swvId, facts.swvId), eq(student.id, studentId)))
        .for('update');
      const existing = await tx
        .select({
          userId: caseMember.userId,
          partnerOrganisationId: caseMember.partnerOrganisationId,
          validFrom: caseMember.validFrom,
          validUntil: caseMember.validUntil,
          endedAt: caseMember.endedAt,
        })
        .from(caseMember)
        .where(ofChild(facts, studentId));
      const candidate = { ...member, validFrom: input.validFrom, validUntil: input.validUntil };
      const overlap = caseMemberOverlapRefusal(existing.map(toMembership), candidate, ctx.now);
      if (overlap) throw new AppError('conflict', overlap.message);
      return { facts, member };
    },
    work: async (tx, { facts, member }) => {
      await tx.insert(caseMember).values({
        swvId: facts.swvId,
        id,
        studentId,
        ...member,
        role: input.role,
        reason: input.reason,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        addedByUserId: ctx.actor.userId,
        addedAt: ctx.now,
      });
      const [view] = await memberViews(
        tx,
        ctx,
        facts,
        and(ofChild(facts, studentId), eq(caseMember.id, id))!,
      );
      return view!;
    },
  });
}

/**
 * Ends a membership at this instant: the policy reads the team afresh on every request, so the
 * member's next request is refused. The row stays as history; ending an ended one changes nothing.
 */
export async function endCaseMember(ctx: Context, studentId: string, memberId: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [found] = await tx
        .select({ studentId: caseMember.studentId })
        .from(caseMember)
        .where(eq(caseMember.id, memberId));
      // The same answer as for another SWV's member (docs/SECURITY.md C9).
      if (!found || found.studentId !== studentId) throw notFound();
      return authorizeChild(tx, ctx, {
        action: 'update',
        studentId,
        logAction: 'update',
        objectType: 'case_member',
        objectId: memberId,
        part: 'ended',
        resource: (student) => ({ type: 'case_team', student }),
      });
    },
    work: async (tx, facts) => {
      const thisMember = and(ofChild(facts, studentId), eq(caseMember.id, memberId))!;
      await tx
        .update(caseMember)
        .set({ endedAt: ctx.now, endedByUserId: ctx.actor.userId })
        .where(and(thisMember, isNull(caseMember.endedAt)));
      const [view] = await memberViews(tx, ctx, facts, thisMember);
      return view!;
    },
  });
}
