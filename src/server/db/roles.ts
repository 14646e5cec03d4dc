// Two roles on a PostgreSQL server (docs/decisions/0033, README "Database roles"): the owner runs the
// migrations and owns every table; the app connects as a role that may read and write the app's
// tables but, on the access log, only read, append and fill the seal columns once. Not the owner,
// it cannot ALTER the table, disable or drop its triggers, TRUNCATE it or become a replica
// (session_replication_role is for superusers): the append-only protection stays on whatever the
// app (or whoever steals its password) sends.
import type pg from 'pg';

/** A role name as PostgreSQL takes it unquoted; anything else is refused rather than quoted. */
const roleNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements that give `appRole` exactly what the app needs; run by the owner after migrating. */
export function appRoleGrants(appRole: string): string[] {
  if (!roleNamePattern.test(appRole)) throw new Error(`unexpected role name ${JSON.stringify(appRole)}`);
  return [
    `grant usage on schema public to ${appRole}`,
    `grant select, insert, update, delete on all tables in schema public to ${appRole}`,
    `grant usage, select on all sequences in schema public to ${appRole}`,
    // The access log: read and append; of UPDATE only the seal columns (the trigger checks the rest).
    `revoke update, delete, truncate, references, trigger on access_log from ${appRole}`,
    `grant update (seq, previous_hash, hash, sealed_at) on access_log to ${appRole}`,
    `revoke delete, truncate, trigger on access_log_head from ${appRole}`,
    // Which migrations ran (the CLI checks it) and pg-boss's own schema, which the app makes.
    `grant usage on schema drizzle to ${appRole}`,
    `grant select on all tables in schema drizzle to ${appRole}`,
    `do $$ begin execute format('grant create on database %I to ${appRole}', current_database()); end $$`,
  ];
}

/** Grants the app role its rights when it is another role than the one that migrated. */
export async function grantAppRole(owner: pg.Client, appRole: string): Promise<void> {
  const [{ current_user: me }] = (await owner.query('select current_user')).rows as [
    { current_user: string },
  ];
  if (me === appRole) return;
  for (const statement of appRoleGrants(appRole)) await owner.query(statement);
}
