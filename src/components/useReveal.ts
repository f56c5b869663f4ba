import { useEffect } from 'react';
import { useExplorer } from '../state/store';

/**
 * After the user selects a point or a run (store.select), scroll the panel that shows it into
 * view once it does (`shown` is what the panel shows now), so the answer to a click is on screen.
 * `headingId` names the panel's heading; its section is what scrolls.
 */
export function useReveal(kind: 'cp' | 'run', shown: string | number | null, headingId: string): void {
  const reveal = useExplorer((s) => s.reveal);
  const revealed = useExplorer((s) => s.revealed);
  useEffect(() => {
    if (reveal !== kind || shown === null) return;
    const section = document.getElementById(headingId)?.closest('section');
    if (!section) return;
    section.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    revealed();
  }, [reveal, kind, shown, headingId, revealed]);
}
