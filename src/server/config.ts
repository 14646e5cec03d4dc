// Reads the environment once at start-up, validated with zod; fails with one clear line.
// Every setting is listed in README.md; keep the two in step.

import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { defaultBulkReadThreshold } from '../domain/bulkReading.ts';
import { parsePublicKeys, parseSigningKeys, type SigningKey } from './access/checkpoints.ts';
import { type KeyRing, parseKeyRing } from './modules/documents/encryption.ts';
import type { SmtpSettings } from './modules/notifications/notifications.mail.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((value) => value === 'true' || value === '1');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // The owner's connection for migrations (docs/decisions/0033); DATABASE_URL is then the app's role.
  PASSEND_MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // A streaming replica for reading work (docs/decisions/0039); only beside DATABASE_URL.
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  PASSEND_DATA_DIR: z.string().min(1).default('./data'),
  PASSEND_PUBLIC_URL: z.string().url().optional(),
  PASSEND_DEMO: booleanFlag.default(true),
  PASSEND_DEMO_PASSWORD: z.string().min(12).optional(),
  PASSEND_SECURE_COOKIES: booleanFlag.optional(),
  PASSEND_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PASSEND_TRUST_PROXY: booleanFlag.default(false),
  PASSEND_DOCUMENT_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return null;
      try {
        return parseKeyRing(value);
      } catch (error) {
        // The message names the key by id, never its value.
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  // The access log's checkpoints (docs/decisions/0033): signing keys, extra public keys, the folder.
  PASSEND_AUDIT_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return null;
      try {
        return parseSigningKeys(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  PASSEND_AUDIT_PUBLIC_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return null;
      try {
        return parsePublicKeys(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  PASSEND_AUDIT_CHECKPOINT_DIR: z.string().trim().optional(),
  PASSEND_BULK_READ_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(defaultBulkReadThreshold),
  PASSEND_DOCUMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  // E-mail (docs/decisions/0022): without SMTP_HOST no e-mail leaves; the outbox holds it.
  SMTP_HOST: z.string().trim().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: booleanFlag.optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\r\n]*$/, 'must be one line')
    .regex(
      /^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/,
      'must hold an e-mail address',
    )
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  database:
    | { kind: 'pglite'; dataDir: string }
    /** preparedStatements: DATABASE_PREPARED_STATEMENTS, off behind PgBouncer before 1.21 (README). */
    | { kind: 'postgres'; url: string; preparedStatements: boolean };
  /** PASSEND_MIGRATION_DATABASE_URL: the owner role that migrates; null: DATABASE_URL's role migrates. */
  migrationDatabaseUrl: string | null;
  /** DATABASE_REPLICA_URL and its lag bound: where the monitor and reports read; null: the primary. */
  replica: { url: string; maxLagSeconds: number } | null;
  publicUrl: string;
  demo: boolean;
  demoPassword: string | undefined;
  /** Secure cookies with the __Host- prefix; off only for plain-http local development. */
  secureCookies: boolean;
  logLevel: z.infer<typeof ConfigSchema>['PASSEND_LOG_LEVEL'];
  trustProxy: boolean;
  documents: {
    /** PASSEND_DOCUMENT_KEYS; null: the embedded database's key file (resolveKeyRing). */
    keys: KeyRing | null;
    maxBytes: number;
  };
  audit: {
    /** PASSEND_AUDIT_KEYS; null: the embedded database's key file (resolveSigningKeys). */
    keys: SigningKey[] | null;
    /** PASSEND_AUDIT_PUBLIC_KEYS: keys that only verify (e.g. retired ones whose private half is gone). */
    publicKeys: Map<string, KeyObject> | null;
    /** PASSEND_AUDIT_CHECKPOINT_DIR; null: the embedded database's folder (resolveCheckpointFolder). */
    checkpointDir: string | null;
    /** PASSEND_BULK_READ_THRESHOLD: more children than this in an hour by one user alerts the administrators. */
    bulkReadThreshold: number;
  };
  /** SMTP_*: where e-mail goes; null: no e-mail leaves, the outbox holds it (docs/decisions/0022). */
  smtp: SmtpSettings | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const publicUrl = e.PASSEND_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, preparedStatements: e.DATABASE_PREPARED_STATEMENTS }
      : { kind: 'pglite', dataDir: e.PASSEND_DATA_DIR },
    migrationDatabaseUrl: e.DATABASE_URL ? (e.PASSEND_MIGRATION_DATABASE_URL ?? null) : null,
    replica: replicaOf(e),
    publicUrl,
    demo: e.PASSEND_DEMO,
    demoPassword: e.PASSEND_DEMO_PASSWORD,
    // Browsers treat http://localhost as a secure context, so __Host- cookies work there too.
    secureCookies: e.PASSEND_SECURE_COOKIES ?? isSecureContext(publicUrl),
    logLevel: e.PASSEND_LOG_LEVEL,
    trustProxy: e.PASSEND_TRUST_PROXY,
    documents: { keys: e.PASSEND_DOCUMENT_KEYS, maxBytes: e.PASSEND_DOCUMENT_MAX_MB * 1024 * 1024 },
    audit: {
      keys: e.PASSEND_AUDIT_KEYS,
      publicKeys: e.PASSEND_AUDIT_PUBLIC_KEYS,
      checkpointDir: e.PASSEND_AUDIT_CHECKPOINT_DIR || null,
      bulkReadThreshold: e.PASSEND_BULK_READ_THRESHOLD,
    },
    smtp: smtpOf(e, publicUrl),
  };
}

function replicaOf(e: z.infer<typeof ConfigSchema>): Config['replica'] {
  if (!e.DATABASE_REPLICA_URL) return null;
  if (!e.DATABASE_URL)
    throw new Error('Invalid setting DATABASE_REPLICA_URL: needs DATABASE_URL (the primary) as well');
  return { url: e.DATABASE_REPLICA_URL, maxLagSeconds: e.DATABASE_REPLICA_MAX_LAG_SECONDS };
}

function smtpOf(e: z.infer<typeof ConfigSchema>, publicUrl: string): SmtpSettings | null {
  if (!e.SMTP_HOST) return null;
  const secure = e.SMTP_SECURE ?? e.SMTP_PORT === 465;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: e.SMTP_USER || null,
    password: e.SMTP_PASSWORD || null,
    from: e.MAIL_FROM ?? `Passend <noreply@${new URL(publicUrl).hostname}>`,
  };
}

function isSecureContext(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return (
    protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]'
  );
}
