import type { ReactNode } from 'react';

/** A labelled region that scrolls sideways on a phone (a wide table); it takes keyboard focus so it can be scrolled (axe scrollable-region-focusable). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take keyboard focus to be scrolled from the keyboard
    <section className="agreement" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
