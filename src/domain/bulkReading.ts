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

/**
 * The readers to count now: those not counted in the last `bulkReadRecountMs`. Marks them counted
 * in `lastCounted` (reader key → epoch ms) and forgets readers not seen for a window.
 */
export function readersToCount<R extends { swvId: string; userId: string }>(
  readers: readonly R[],
  lastCounted: Map<string, number>,
  now: Date,
): R[] {
  const at = now.getTime();
  for (const [key, counted] of lastCounted) if (at - counted >= bulkReadWindowMs) lastCounted.delete(key);
  const due: R[] = [];
  for (const reader of readers) {
    const key = `${reader.swvId}/${reader.userId}`;
    const counted = lastCounted.get(key);
    if (counted !== undefined && at - counted < bulkReadRecountMs) continue;
    lastCounted.set(key, at);
    due.push(reader);
  }
  return due;
}
