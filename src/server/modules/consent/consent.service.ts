// Use cases on consent (toestemming): list a child's consents, give one (a parent in the portal)
// or record one from a signed form (the school, with proof), and withdraw one, at once. Whether a
// consent opens the file to a partner is the policy's business (src/server/access/scope.ts). Each is
// run by runUseCase with its access-log row (docs/SECURITY.md A1); the rules are src/domain/consent.ts.
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { GiveConsentBody } from '../../../contracts/consent.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { consentFormRefusal, consentStatus, givenOnRefusal } from '../../../domain/consent.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild } from '../../access/authorize.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { appUser, consent, partnerOrganisation } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';

const givenBy = alias(appUser, 'given_by');
const recordedBy = alias(appUser, 'recorded_by');
const withdrawnBy = alias(appUser, 'withdrawn_by');

async function consentViews(tx: Tx, ctx: Context, where: SQL) {
  const rows = await tx
    .select({
      id: consent.id,
      purpose: consent.purpose,
      partnerOrganisationId: consent.partnerOrganisationId,
      partnerOrganisationName: partnerOrganisation.name,
      scope: consent.scope,
      givenOn: consent.givenOn,
      expiresOn: consent.expiresOn,
      givenByUserName: givenBy.displayName,
      givenByName: consent.givenByName,
      recordedByName: recordedBy.displayName,
      proof: consent.proof,
      withdrawnAt: consent.withdrawnAt,
      withdrawnByName: withdrawnBy.displayName,
    })
    .from(consent)
    .leftJoin(
      partnerOrganisation,
      and(
        eq(partnerOrganisation.swvId, consent.swvId),
        eq(partnerOrganisation.id, consent.partnerOrganisationId),
      ),
    )
    .leftJoin(givenBy, eq(givenBy.id, consent.givenByUserId))
    .leftJoin(recordedBy, eq(recordedBy.id, consent.recordedByUserId))
    .leftJoin(withdrawnBy, eq(withdrawnBy.id, consent.withdrawnByUserId))
    .where(where)
    .orderBy(desc(consent.givenOn), desc(consent.id));
  const today = amsterdamToday(ctx.now);
  return rows.map(({ givenByUserName, ...row }) => {
    const status = consentStatus(row, today, ctx.now);
    return {
      ...row,
      givenByName: givenByUserName ?? row.givenByName,
      givenInPortal: givenByUserName !== null,
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      inForce: status === 'in_force',
      status,
    };
  });
}

/** The SWV's partner organisations, those working with the child's school first. */
async function partnerChoices(tx: Tx, swvId: string, schoolId: string) {
  const linked = sql<boolean>`exists (select 1 from partner_school ps
    where ps.swv_id = ${partnerOrganisation.swvId}
      and ps.partner_organisation_id = ${partnerOrganisation.id} and ps.school_id = ${schoolId})`;
  return tx
    .select({
      id: partnerOrganisation.id,
      name: partnerOrganisation.name,
      kind: partnerOrganisation.kind,
      linkedToSchool: linked,
    })
    .from(partnerOrganisation)
    .where(eq(partnerOrganisation.swvId, swvId))
    .orderBy(desc(linked), asc(partnerOrganisation.name));
}

export async function listConsents(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'consent',
        resource: (student) => ({ type: 'consent', student }),
      }),
    work: async (tx, facts) => ({
      consents: await consentViews(
        tx,
        ctx,
        and(eq(consent.swvId, facts.swvId), eq(consent.studentId, studentId))!,
      ),
      partnerOrganisations: await partnerChoices(tx, facts.swvId, facts.schoolId),
    }),
  });
}

function invalid(fields: Record<string, string>): AppError {
  return new AppError('validation_failed', 'The consent is not valid', { fields });
}

/**
 * A parent of the child gives consent as themselves, today. Anyone else the policy allows (the
 * IB'er) records a consent given on paper: who gave it, on which day, and what proves it.
 */
export async function giveConsent(ctx: Context, studentId: string, input: z.infer<typeof GiveConsentBody>) {
  const today = amsterdamToday(ctx.now);
  const early = givenOnRefusal(input.givenOn, today);
  if (early) throw new AppError('validation_failed', early.message, early.details);
  const id = uuidv7();
  return runUseCase(ctx, {
    // The form is checked here, with the actor known as parent or not: a form that is not valid
    // (400) rolls back with the access-log row, as it always has; nothing of the file was used.
    authorize: async (tx) => {
      const facts = await authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'consent',
        objectId: id,
        part: input.purpose,
        resource: (student) => ({ type: 'consent', student }),
      });
      const refusal = consentFormRefusal(input, facts.isGuardian, today);
      if (refusal) throw new AppError('validation_failed', refusal.message, refusal.details);
      if (input.partnerOrganisationId !== null) {
        const [partner] = await tx
          .select({ id: partnerOrganisation.id })
          .from(partnerOrganisation)
          .where(
            and(
              eq(partnerOrganisation.swvId, facts.swvId),
              eq(partnerOrganisation.id, input.partnerOrganisationId),
            ),
          );
        if (!partner) throw invalid({ partnerOrganisationId: 'unknown' });
      }
      return facts;
    },
    work: async (tx, facts) => {
      const inPortal = facts.isGuardian;
      const givenOn = input.givenOn ?? today;
      await tx.insert(consent).values({
        swvId: facts.swvId,
        id,
        studentId,
        purpose: input.purpose,
        partnerOrganisationId: input.partnerOrganisationId,
        givenByUserId: inPortal ? ctx.actor.userId : null,
        givenByName: input.givenByName ?? '',
        scope: input.scope,
        givenOn,
        expiresOn: input.expiresOn,
        recordedByUserId: ctx.actor.userId,
        proof: input.proof ?? null,
      });
      const [view] = await consentViews(tx, ctx, and(eq(consent.swvId, facts.swvId), eq(consent.id, id))!);
      return view!;
    },
  });
}

/**
 * Withdrawal takes effect at this instant: the policy reads consent afresh on every request, so
 * the partner's next request is refused. Withdrawing a withdrawn consent changes nothing.
 */
export async function withdrawConsent(ctx: Context, consentId: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [found] = await tx
        .select({ studentId: consent.studentId })
        .from(consent)
        .where(eq(consent.id, consentId));
      if (!found) throw notFound();
      return authorizeChild(tx, ctx, {
        action: 'update',
        studentId: found.studentId,
        logAction: 'update',
        objectType: 'consent',
        objectId: consentId,
        part: 'withdrawn',
        resource: (student) => ({ type: 'consent', student }),
      });
    },
    work: async (tx, facts) => {
      const thisConsent = and(eq(consent.swvId, facts.swvId), eq(consent.id, consentId))!;
      await tx
        .update(consent)
        .set({ withdrawnAt: ctx.now, withdrawnByUserId: ctx.actor.userId })
        .where(and(thisConsent, isNull(consent.withdrawnAt)));
      const [view] = await consentViews(tx, ctx, thisConsent);
      return view!;
    },
  });
}
