// The row of the policy's facts about one child for one actor, as the facts query selects it
// (scope.ts, factsColumns); its own file so the request context can carry it (actor.ts) without
// an import cycle.
import type { ConsentRecord } from '../../domain/consent.ts';

export type FactsRow = {
  id: string;
  swv_id: string;
  school_id: string;
  group_name: string;
  is_guardian: boolean;
  case_memberships: Array<{
    user_id: string | null;
    partner_organisation_id: string | null;
    valid_from: string;
    valid_until: string | null;
    ended_at: string | null;
  }>;
  consents: Array<{
    purpose: ConsentRecord['purpose'];
    partner_organisation_id: string | null;
    given_on: string;
    expires_on: string | null;
    withdrawn_at: string | null;
  }>;
  /** The actor's latest break-glass window on the child not closed by hand (scope.ts decides if it is open). */
  break_glass?: { id: string; reason: string; opened_at: string; closes_at: string } | null;
};
