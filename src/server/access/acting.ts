// Narrowing who is asking: the actor in some of their roles only, and the actor's own SWV.
import type { Role } from '../../domain/roles.ts';
import { forbidden } from '../http/errors.ts';
import type { Context } from './actor.ts';

/** The actor in the given roles only: e.g. a parent's response is not an IB'er's, a panel belongs to a role. */
export function actingAs(ctx: Context, roles: readonly Role[]): Context {
  const memberships = ctx.actor.memberships.filter((m) => roles.includes(m.role));
  return { ...ctx, actor: { ...ctx.actor, memberships } };
}

/** The actor's SWV, for work that always happens inside it; the operator (no SWV) is refused. */
export function ownSwv(ctx: Context): string {
  if (!ctx.actor.swvId) throw forbidden();
  return ctx.actor.swvId;
}
