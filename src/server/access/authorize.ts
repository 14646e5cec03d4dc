// Runs a use case in one transaction with the policy check and the access-log row in it.
// A denial is logged too (docs/SECURITY.md A1), in its own transaction since the work's one rolls back,
// and answers 403, or 404 when the record belongs to another SWV (docs/SECURITY.md C3).

import type { Queryable, Tx } from '../db/client.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { type AccessAction, type AccessEntry, type AccessOrigin, appendAccessLog } from './accessLog.ts';
import type { Context } from './actor.ts';
import {
  type Action,
  type ChildPart,
  can,
  organisationOf,
  type RequestPart,
  type Resource,
  type StudentFacts,
  type TransitionPart,
} from './policy.ts';
import { loadStudentFacts, toStudentFacts } from './scope.ts';

class AccessDenied extends Error {
  constructor(
    readonly entry: AccessEntry | null,
    readonly hideExistence: boolean,
  ) {
    super('access denied');
  }
}

export function originOf(ctx: Context): AccessOrigin {
  return {
    actorUserId: ctx.actor.userId,
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
    now: ctx.now,
  };
}

export async function inTransaction<T>(ctx: Context, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.database.db.transaction(work);
  } catch (error) {
    return answerDenial(ctx, error);
  }
}

/**
 * A denial (AccessDenied) is logged, in one INSERT of its own (atomic by itself), and answered 403,
 * or 404 for another SWV's record; anything else is thrown on.
 */
export async function answerDenial(ctx: Context, error: unknown): Promise<never> {
  if (!(error instanceof AccessDenied)) throw error;
  const entry = error.entry;
  if (entry) await appendAccessLog(ctx.database.db, originOf(ctx), entry);
  throw error.hideExistence ? notFound() : forbidden();
}

/** Checks a resource that holds no child data; another SWV's resource answers 404. */
export function authorize(ctx: Context, action: Action, resource: Resource): void {
  const decision = can(ctx.actor, action, resource);
  if (decision.allowed) return;
  const swvId = 'swvId' in resource ? resource.swvId : null;
  throw swvId !== null && swvId !== ctx.actor.swvId ? notFound() : forbidden();
}

/** A further check that must allow too, e.g. the record as it will be after a change (docs/SECURITY.md C5). */
export type AlsoCheck = { action: Action; resource: Resource };

export type LoggedAccess = {
  action: Action;
  resource: Resource;
  also?: readonly AlsoCheck[];
  log: {
    swvId: string;
    studentId: string | null;
    action: AccessAction;
    objectType: string;
    objectId: string | null;
    part?: string | null;
  };
};

/**
 * Asks the policy and writes the access-log row in the caller's transaction. A denial is thrown
 * for inTransaction to log on its own; another SWV's record answers 404.
 */
export async function authorizeLogged(tx: Tx, ctx: Context, access: LoggedAccess): Promise<void> {
  await appendAccessLog(tx, originOf(ctx), decideLogged(ctx, access));
}

/** Asks the policy: the access-log row of an allowed access, or AccessDenied (for answerDenial) thrown. */
export function decideLogged(ctx: Context, access: LoggedAccess): AccessEntry {
  // The first refusal decides; when all allow, the main check names the purpose.
  const decisions = [access, ...(access.also ?? [])].map((check) =>
    can(ctx.actor, check.action, check.resource),
  );
  const decision = decisions.find((d) => !d.allowed) ?? decisions[0]!;
  const firstMembership = ctx.actor.memberships[0];
  if (!decision.allowed) {
    throw new AccessDenied(
      {
        ...access.log,
        outcome: 'denied',
        purpose: decision.reason,
        // No role allowed it: name the first, so a parent's view says who tried (e.g. a partner).
        actorRole: ctx.actor.memberships[0]?.role ?? 'none',
        actorOrganisation: firstMembership
          ? organisationOf(ctx.actor, firstMembership)
          : ctx.actor.swvId
            ? `swv:${ctx.actor.swvId}`
            : 'operator',
      },
      access.log.swvId !== ctx.actor.swvId,
    );
  }
  return {
    ...access.log,
    outcome: 'allowed',
    purpose: decision.purpose,
    actorRole: decision.role,
    actorOrganisation: decision.organisation,
    // docs/SECURITY.md A4: a row made under a break-glass window is flagged (its purpose holds the reason).
    ...(decision.breakGlass ? { breakGlass: true } : {}),
  };
}

export type ChildAccess = {
  action: Action;
  studentId: string;
  logAction: AccessAction;
  objectType: string;
  objectId?: string;
  part?: string | null;
  /** The part of the file to check, built from the child's facts; the file itself unless said otherwise. */
  resource?: (student: StudentFacts) => ChildPart | RequestPart | TransitionPart;
  /** Further checks that must allow too, e.g. the part as it will be after the change (docs/SECURITY.md C5). */
  also?: (student: StudentFacts) => readonly AlsoCheck[];
};

/** Authorizes access to one child's data and logs it; an unknown child is "not found". */
export async function authorizeChild(tx: Tx, ctx: Context, access: ChildAccess): Promise<StudentFacts> {
  const facts = await childFactsOf(tx, ctx, access.studentId);
  if (!facts) throw notFound();
  await appendAccessLog(tx, originOf(ctx), decideChild(ctx, access, facts));
  return facts;
}

/**
 * The policy's facts of a child for the context's actor: those the request loaded with its session
 * when they are of this child and this very actor (requestContext.ts), else loaded now; null: no such child.
 */
export async function childFactsOf(
  db: Queryable,
  ctx: Context,
  studentId: string,
): Promise<StudentFacts | null> {
  const preloaded = ctx.preloaded;
  if (preloaded && preloaded.studentId === studentId && preloaded.actor === ctx.actor) {
    return preloaded.facts ? toStudentFacts(preloaded.facts, ctx.actor, ctx.now) : null;
  }
  return (await loadStudentFacts(db, ctx.actor, [studentId], ctx.now)).get(studentId) ?? null;
}

/** The access-log row of an allowed access to the child, or AccessDenied thrown. */
export function decideChild(ctx: Context, access: ChildAccess, facts: StudentFacts): AccessEntry {
  return decideLogged(ctx, {
    action: access.action,
    resource: access.resource?.(facts) ?? { type: 'student', student: facts },
    also: access.also?.(facts) ?? [],
    log: {
      swvId: facts.swvId,
      studentId: access.studentId,
      action: access.logAction,
      objectType: access.objectType,
      objectId: access.objectId ?? access.studentId,
      part: access.part ?? null,
    },
  });
}
