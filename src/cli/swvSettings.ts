// SWV settings that only the operator may change, at the command line: turning off the second
// administrator's approval of roles with children's data. An SWV administrator can only turn it on
// (PATCH /api/swv), so no administrator can remove the four-eyes check on their own.
import { eq, sql } from 'drizzle-orm';
import { appendAdminEvent } from '../server/access/adminLog.ts';
import type { Database } from '../server/db/client.ts';
import { swv } from '../server/db/schema/index.ts';
import { CliError } from './context.ts';

/** Sets whether the SWV's child-data roles wait for approval; logged in its audit trail. */
export async function setGrantApproval(
  database: Database,
  swvRegisterCode: string,
  required: boolean,
  now: Date = new Date(),
): Promise<{ registerCode: string; changed: boolean }> {
  return database.db.transaction(async (tx) => {
    const wanted = swvRegisterCode.trim().toUpperCase();
    const [found] = await tx
      .select()
      .from(swv)
      .where(sql`upper(${swv.registerCode}) = ${wanted}`)
      .for('update');
    if (!found) throw new CliError(`No SWV has register code ${swvRegisterCode.trim()}`);
    if (found.grantApprovalRequired === required) return { registerCode: found.registerCode, changed: false };
    await tx.update(swv).set({ grantApprovalRequired: required }).where(eq(swv.id, found.id));
    await appendAdminEvent(tx, {
      swvId: found.id,
      actorUserId: null,
      kind: 'grant_approval_setting_changed',
      details: { grantApprovalRequired: required },
      at: now,
    });
    return { registerCode: found.registerCode, changed: true };
  });
}
