// Where focus and the window's title go when a page opens (WCAG 2.4.2 and 2.4.3): focus moves to the
// page's h1, so a screen reader reads the page's name and Tab continues from there, and the title
// names the page. Not the focus inside a page (a tab's heading, a search's results): pages do that.
import { type RefObject, useEffect, useRef } from 'react';

/**
 * The page's h1 that is shown: while the next page loads, React keeps the last one hidden in the
 * page, and a hidden element takes no focus.
 */
const headingOf = (main: HTMLElement) =>
  [...main.querySelectorAll('h1')].find((heading) => heading.checkVisibility());

/** The page's own name in the title, then the part shown (a tab's heading, marked data-page-part). */
function titleOf(main: HTMLElement, product: string): string {
  const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? '';
  const part = [...main.querySelectorAll('[data-page-part]')].find((element) => element.checkVisibility());
  return [text(part), text(headingOf(main)), product].filter(Boolean).join(' – ');
}

/** Whether focus is on something shown in the page, other than the page's content as a whole. */
function hasFocusInside(main: HTMLElement): boolean {
  const focused = document.activeElement;
  return Boolean(focused && focused !== main && main.contains(focused) && focused.checkVisibility());
}

/**
 * Focuses the page's h1 when it is shown and focus is still where navigation left it (the body or
 * the page's content); true when done, or when the page or the user put focus elsewhere.
 */
function focusHeading(main: HTMLElement): boolean {
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused !== main && focused.checkVisibility()) return true;
  const heading = headingOf(main);
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return document.activeElement === heading;
}

/**
 * Keeps document.title in step with the page's h1, and after each navigation (not the first load,
 * where the browser starts at the top itself) moves focus to the h1 as soon as the page shows it.
 * Focus that the page put inside itself stays where it is; so does focus the user moved meanwhile.
 */
export function usePageFocusAndTitle(
  main: RefObject<HTMLElement | null>,
  location: unknown,
  product: string,
) {
  const shownLocation = useRef(location);
  const awaitsHeading = useRef(false);

  // Watches the page for as long as the layout is there: pages show their heading in steps.
  useEffect(() => {
    const element = main.current;
    if (!element) return;
    const update = () => {
      const title = titleOf(element, product);
      if (document.title !== title) document.title = title;
      if (awaitsHeading.current && focusHeading(element)) awaitsHeading.current = false;
    };
    const observer = new MutationObserver(update);
    // Attributes too: React shows a page that was hidden while the next one loaded by its style.
    observer.observe(element, {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: ['style'],
    });
    update();
    return () => observer.disconnect();
  }, [main, product]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    // Compared, not counted: React may run an effect twice on the first render.
    if (shownLocation.current === location) return;
    shownLocation.current = location;
    const element = main.current;
    if (!element || hasFocusInside(element)) return;
    // Focus waits on the page's content until its heading is there, never lost to the body.
    element.focus();
    awaitsHeading.current = !focusHeading(element);
  }, [location]);
}
