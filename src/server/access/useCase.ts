// The one shape of a use case (docs/architecture.md, "Writing a module"; docs/decisions/0015):
// in one transaction, `authorize` loads the record and asks the policy (authorizeChild /
// authorizeLogged); then `work` runs; the access-log row is written last, just before COMMIT
// (docs/decisions/0033: no savepoint, two round trips fewer). When the work answers with a domain
// refusal (422 `rule_violated`) or throws an AppError (e.g. 409 for a stale revision), the
// transaction is undone and the row is written in one of its own, so the attempt stays on record
// (docs/SECURITY.md A1). No row, no answer: the answer goes out only after the row committed. A
// denial is logged and answered by inTransaction (403, or 404 for another SWV's record).

import type { SQL } from 'drizzle-orm';
import { isRefusal, type Refusal } from '../../domain/refusal.ts';
import { queryPrepared, type Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { AccessEntry } from './accessLog.ts';
import {
  appendAccessLog,
  appendAndReadSql,
  type HeldRow,
  holdBackLog,
  takeHeldBack,
  writeHeldBack,
} from './accessLog.ts';
import type { Context } from './actor.ts';
import {
  answerDenial,
  type ChildAccess,
  childFactsOf,
  decideChild,
  inTransaction,
  originOf,
} from './authorize.ts';
import type { StudentFacts } from './policy.ts';

export type UseCase<A, T> = {
  /** Loads the record and authorizes it, writing the access-log row; what it returns goes to `work`. */
  authorize: (tx: Tx) => Promise<A>;
  /** The work once allowed: its result, or the refusal of a domain rule. */
  work: (tx: Tx, authorized: A) => Promise<T | Refusal>;
  /** The 409's message when the work meets a unique key taken meanwhile (e.g. one active plan). */
  conflict?: string;
};

/** The 422 of a domain refusal: details name the rule, with what the rule adds. */
export function ruleViolated(refusal: Refusal): AppError {
  return new AppError('rule_violated', refusal.message, { rule: refusal.rule, ...refusal.details });
}

/** Carries a refusal and the held-back rows out of the transaction, so the transaction rolls back. */
class Refused extends Error {
  constructor(
    readonly answer: AppError,
    readonly rows: HeldRow[],
  ) {
    super(answer.message);
  }
}

export async function runUseCase<A, T>(ctx: Context, useCase: UseCase<A, T>): Promise<T> {
  try {
    return await inTransaction(ctx, async (tx) => {
      holdBackLog(tx);
      const authorized = await useCase.authorize(tx);
      let result: T | Refusal;
      try {
        result = await useCase.work(tx, authorized);
      } catch (error) {
        if (error instanceof AppError) throw new Refused(error, takeHeldBack(tx));
        if (isUniqueViolation(error)) {
          const answer = new AppError('conflict', useCase.conflict ?? 'Changed by someone else meanwhile');
          throw new Refused(answer, takeHeldBack(tx));
        }
        throw error;
      }
      if (isRefusal(result)) throw new Refused(ruleViolated(result), takeHeldBack(tx));
      await writeHeldBack(tx);
      return result;
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // The work is undone; the attempt stays on record.
    if (error.rows.length > 0) {
      await ctx.database.db.transaction(async (tx) => {
        for (const row of error.rows) await appendAccessLog(tx, row.origin, row.entry);
      });
    }
    throw error.answer;
  }
}

/**
 * A read of one child's data that is a single SELECT (docs/decisions/0038): the child's facts (with
 * the session when the route names the child, else one query), the policy in code, then ONE
 * statement that appends the access-log row and reads — atomic by itself, so no BEGIN or COMMIT.
 */
export type ChildRead<R, T> = {
  access: ChildAccess;
  /** The SELECT of at most one row, given the facts; its text must not depend on the values. */
  select: (facts: StudentFacts) => SQL;
  /** The answer from the selected row. */
  answer: (row: R, facts: StudentFacts) => T;
};

export async function runChildRead<R, T>(ctx: Context, read: ChildRead<R, T>): Promise<T> {
  const db = ctx.database.db;
  const facts = await childFactsOf(db, ctx, read.access.studentId);
  if (!facts) throw notFound();
  let entry: AccessEntry;
  try {
    entry = decideChild(ctx, read.access, facts);
  } catch (error) {
    return answerDenial(ctx, error);
  }
  const [row] = await queryPrepared<R & { found: boolean | null }>(
    db,
    appendAndReadSql(originOf(ctx), entry, ctx.sessionTokenHash, read.select(facts)),
  );
  // The session ended after it was looked up (sign-out, disable): nothing written, nothing read.
  if (!row) throw new AppError('unauthenticated', 'Sign in first');
  if (!row.found) throw notFound();
  const { found: _found, ...data } = row;
  return read.answer(data as R, facts);
}
