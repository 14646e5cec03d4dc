// Break-glass access (docs/SECURITY.md A4, docs/domain.md "Break-glass access"): the operator, who
// never reads children's data, may read ONE child's file of ONE SWV for a bounded time, with a
// reason, flagged in the access log and shown to the SWV. These are its rules. Pure: no I/O.
import { type Refusal, refuse } from './refusal.ts';

/** A reason is a real sentence: at least this many characters once trimmed… */
export const minimumReasonLength = 20;
/** …and at most this many (it is repeated in every access-log row made under the window). */
export const maximumReasonLength = 500;

/** How long a window may stay open; the operator closes it sooner when done. */
export const defaultWindowMinutes = 60;
export const maximumWindowMinutes = 60;
export const minimumWindowMinutes = 5;

/** Whether the text, trimmed, is long enough to say why (a word like "support" is not a reason). */
export function isSufficientReason(reason: string): boolean {
  const trimmed = reason.trim();
  return trimmed.length >= minimumReasonLength && trimmed.length <= maximumReasonLength;
}

export type BreakGlassWindow = {
  openedAt: Date;
  /** The planned end: the window closes by itself then. */
  closesAt: Date;
  /** Set when the operator closed it earlier. */
  closedAt: Date | null;
};

export type WindowState = 'open' | 'closed' | 'expired';

/** Open from its start until it is closed or its time is up (the end itself no longer counts). */
export function windowState(window: BreakGlassWindow, now: Date): WindowState {
  if (window.closedAt !== null) return 'closed';
  if (now.getTime() >= window.closesAt.getTime()) return 'expired';
  return 'open';
}

export function isWindowOpen(window: BreakGlassWindow, now: Date): boolean {
  return windowState(window, now) === 'open' && now.getTime() >= window.openedAt.getTime();
}

/** When the access actually ended (or will end): closed early, or at the planned end. */
export function windowEnd(window: BreakGlassWindow): Date {
  return window.closedAt ?? window.closesAt;
}

/** The window's length in whole minutes as it ran (or will run), for the SWV's list. */
export function windowMinutes(window: BreakGlassWindow): number {
  return Math.ceil((windowEnd(window).getTime() - window.openedAt.getTime()) / 60_000);
}

/** A new window from now for this many minutes. */
export function newWindow(now: Date, minutes: number): BreakGlassWindow {
  return { openedAt: now, closesAt: new Date(now.getTime() + minutes * 60_000), closedAt: null };
}

/**
 * One open window per operator and child: a second one while the first is open would hide how long
 * the file was open. After it closes or expires, a new one needs a new reason.
 */
export function openRefusal(
  existing: readonly BreakGlassWindow[],
  now: Date,
): Refusal<'break_glass_already_open'> | null {
  return existing.some((window) => isWindowOpen(window, now))
    ? refuse('break_glass_already_open', 'A break-glass window on this child is already open; close it first')
    : null;
}

/** Only an open window can be closed; a closed or expired one stays as it is. */
export function closeRefusal(window: BreakGlassWindow, now: Date): Refusal<'break_glass_not_open'> | null {
  const state = windowState(window, now);
  return state === 'open'
    ? null
    : refuse('break_glass_not_open', 'This break-glass window is no longer open', { state });
}

/** The access log's purpose for a row made under a window: the reason, marked as break-glass. */
export function breakGlassPurpose(reason: string): string {
  return `break-glass: ${reason}`;
}
