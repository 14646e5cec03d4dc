import { describe, expect, it } from 'vitest';
import {
  breakGlassPurpose,
  closeRefusal,
  isSufficientReason,
  isWindowOpen,
  newWindow,
  openRefusal,
  windowEnd,
  windowMinutes,
  windowState,
} from './breakGlass.ts';

const at = (time: string) => new Date(`2026-12-03T${time}Z`);

describe('break-glass access', () => {
  it('needs a reason of at least 20 characters once trimmed, and at most 500', () => {
    expect(isSufficientReason('support')).toBe(false);
    expect(isSufficientReason(`   ${'x'.repeat(19)}   `)).toBe(false);
    expect(isSufficientReason('Storing 4412: plan niet te openen')).toBe(true);
    expect(isSufficientReason('x'.repeat(20))).toBe(true);
    expect(isSufficientReason('x'.repeat(500))).toBe(true);
    expect(isSufficientReason('x'.repeat(501))).toBe(false);
  });

  it('is open from its start until its planned end, the end itself no longer', () => {
    const window = newWindow(at('10:00:00'), 60);
    expect(window.closesAt).toEqual(at('11:00:00'));
    expect(isWindowOpen(window, at('09:59:59'))).toBe(false);
    expect(isWindowOpen(window, at('10:00:00'))).toBe(true);
    expect(isWindowOpen(window, at('10:59:59'))).toBe(true);
    expect(isWindowOpen(window, at('11:00:00'))).toBe(false);
    expect(windowState(window, at('11:00:00'))).toBe('expired');
  });

  it('is closed once the operator closed it, whatever the time', () => {
    const window = { ...newWindow(at('10:00:00'), 60), closedAt: at('10:12:00') };
    expect(windowState(window, at('10:30:00'))).toBe('closed');
    expect(isWindowOpen(window, at('10:30:00'))).toBe(false);
    expect(windowEnd(window)).toEqual(at('10:12:00'));
    expect(windowMinutes(window)).toBe(12);
    expect(windowMinutes(newWindow(at('10:00:00'), 60))).toBe(60);
  });

  it('allows one open window per operator and child; after it ends, a new one', () => {
    const open = newWindow(at('10:00:00'), 30);
    expect(openRefusal([open], at('10:10:00'))?.rule).toBe('break_glass_already_open');
    expect(openRefusal([open], at('10:30:00'))).toBeNull();
    expect(openRefusal([{ ...open, closedAt: at('10:05:00') }], at('10:10:00'))).toBeNull();
    expect(openRefusal([], at('10:10:00'))).toBeNull();
  });

  it('closes only an open window', () => {
    const open = newWindow(at('10:00:00'), 30);
    expect(closeRefusal(open, at('10:10:00'))).toBeNull();
    expect(closeRefusal(open, at('10:30:00'))).toMatchObject({
      rule: 'break_glass_not_open',
      details: { state: 'expired' },
    });
    expect(closeRefusal({ ...open, closedAt: at('10:05:00') }, at('10:10:00'))?.details).toEqual({
      state: 'closed',
    });
  });

  it('marks the access log purpose as break-glass with the reason', () => {
    expect(breakGlassPurpose('Storing 4412: plan niet te openen')).toBe(
      'break-glass: Storing 4412: plan niet te openen',
    );
  });
});
