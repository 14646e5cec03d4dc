// Unusual bulk reading (docs/SECURITY.md E5): one user opening the files of more children in an
// hour than their work explains raises an alert to the SWV's administrators. Pure: no I/O.

/** More distinct children than this in the last hour by one user is unusual (PASSEND_BULK_READ_THRESHOLD). */
export const defaultBulkReadThreshold = 100;

/** The window the children are counted over. */
export const bulkReadWindowMs = 60 * 60 * 1000;

/** A reader is counted again at most this often: the count needs a query, and a minute is soon enough. */
export const bulkReadRecountMs = 60 * 1000;

export function isBulkReading(children: number, threshold: number): boolean {
  return children > threshold;
}

/**
 * What makes one alert distinct: the hour (UTC) it is raised in. A reader who keeps going is
 * reported again the next hour, not on every recount.
 */
export function bulkReadOccasion(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/** Per reader: when they were last counted, and whether they read again since (to count once due). */
export type ReaderCounts<R> = Map<string, { countedAt: number; readSince: R | null }>;

/**
 * The readers to count now: those in this batch not counted in the last `bulkReadRecountMs`, and
 * those who read since their last count and are due now, in this batch or not — a burst that ends
 * within the minute is counted when the minute is over, not only when the reader reads again.
 * Updates `counts` and forgets readers counted a window ago who did not read since.
 */
export function readersToCount<R extends { swvId: string; userId: string }>(
  readers: readonly R[],
  counts: ReaderCounts<R>,
  now: Date,
): R[] {
  const at = now.getTime();
  const due = new Map<string, R>();
  for (const reader of readers) {
    const key = `${reader.swvId}/${reader.userId}`;
    const count = counts.get(key);
    if (count === undefined || at - count.countedAt >= bulkReadRecountMs) due.set(key, reader);
    else count.readSince = reader;
  }
  for (const [key, count] of counts) {
    if (count.readSince !== null && at - count.countedAt >= bulkReadRecountMs) due.set(key, count.readSince);
    else if (count.readSince === null && at - count.countedAt >= bulkReadWindowMs) counts.delete(key);
  }
  for (const key of due.keys()) counts.set(key, { countedAt: at, readSince: null });
  return [...due.values()];
}
