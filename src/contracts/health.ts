import { z } from 'zod';

export const ReplicaHealth = z.object({
  state: z.enum(['streaming', 'lagging', 'down', 'promoted']),
  lagSeconds: z.number().nullable(),
  maxLagSeconds: z.number(),
  readingFrom: z.enum(['replica', 'primary']),
  since: z.string(),
});

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  /** Only with DATABASE_REPLICA_URL: the replica's state and where reading work goes (docs/operations.md). */
  replica: ReplicaHealth.optional(),
});
