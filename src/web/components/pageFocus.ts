// Where focus and the window's title go when a page opens (WCAG 2.4.2 and 2.4.3): focus moves to the
// page's h1, so a screen reader reads the page's name and Tab continues from there, and the title
// names the page. Not the focus inside a page (a tab's heading, a search's results): pages do that.
import { type RefObject, useEffect, useRef } from 'react';

/** The page's own name in the title, then the part shown (a tab's heading, marked data-page-part). */
function titleOf(main: HTMLElement, product: string): string {
  const text = (element: Element | null) => element?.textContent?.trim() ?? '';
  const parts = [text(main.querySelector('[data-page-part]')), text(main.querySelector('h1')), product];
  return parts.filter(Boolean).join(' – ');
}

/** Focuses the page's h1 if it is there and focus is not somewhere the page or the user chose. */
function focusHeading(main: HTMLElement): boolean {
  const heading = main.querySelector('h1');
  if (!heading) return false;
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused !== main) return true;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
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
  const firstRender = useRef(true);
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
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    update();
    return () => observer.disconnect();
  }, [main, product]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const element = main.current;
    const focused = document.activeElement;
    if (!element || (focused && focused !== element && element.contains(focused))) return;
    // Focus waits on the page's content until its heading is there, never lost to the body.
    element.focus();
    awaitsHeading.current = !focusHeading(element);
  }, [location]);
}
