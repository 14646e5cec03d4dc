// The one shape of a use case (docs/architecture.md, "Writing a module"; docs/decisions/0015):
// in one transaction, `authorize` loads the record, asks the policy and writes the access-log row
// (authorizeChild / authorizeLogged); then `work` runs in a savepoint. When the work answers with
// a domain refusal (422 `rule_violated`) or throws an AppError (e.g. 409 for a stale revision), the
// work is undone but the row commits, so the attempt stays on record (docs/SECURITY.md A1). A
// denial is logged and answered by inTransaction (403, or 404 for another SWV's record).

import { isRefusal, type Refusal } from '../../domain/refusal.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { AppError } from '../http/errors.ts';
import type { Context } from './actor.ts';
import { inTransaction } from './authorize.ts';

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

/** Carries a refusal out of the savepoint, so the savepoint rolls back. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export async function runUseCase<A, T>(ctx: Context, useCase: UseCase<A, T>): Promise<T> {
  const outcome = await inTransaction(ctx, async (tx) => {
    const authorized = await useCase.authorize(tx);
    try {
      const done = await tx.transaction(async (savepoint) => {
        const result = await useCase.work(savepoint, authorized);
        if (isRefusal(result)) throw new Refused(result);
        return result;
      });
      return { done };
    } catch (error) {
      if (error instanceof Refused) return { refused: ruleViolated(error.refusal) };
      if (error instanceof AppError) return { refused: error };
      if (isUniqueViolation(error))
        return { refused: new AppError('conflict', useCase.conflict ?? 'Changed by someone else meanwhile') };
      throw error;
    }
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.done;
}
