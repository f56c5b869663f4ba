import type { KeyboardEvent } from 'react';

/**
 * The props that make a table row of a role="grid" table selectable by pointer and keyboard: it
 * takes focus, and a click, Enter or Space selects it (WAI-ARIA grid pattern; aria-selected is the caller's).
 */
export function selectableRow(select: () => void) {
  return {
    tabIndex: 0,
    onClick: select,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      select();
    },
  };
}
