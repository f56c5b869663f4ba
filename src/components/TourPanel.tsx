import { useEffect, useMemo } from 'react';
import { useExplorer } from '../state/store';
import { Formula } from './Formula';
import { tourSteps } from './tourSteps';

/** The guided tour (`tour` in the URL): next/back buttons and the arrow keys; highlights its panel. */
export function TourPanel() {
  const step = useExplorer((s) => s.params.tour);
  const results = useExplorer((s) => s.results);
  const setParam = useExplorer((s) => s.setParam);
  const steps = useMemo(() => (results ? tourSteps(results) : []), [results]);
  const n = steps.length;
  const current = step === null || n === 0 ? null : steps[Math.min(step, n - 1)];
  const index = step === null ? 0 : Math.min(step, n - 1);

  useEffect(() => {
    if (!current) return;
    const section = document.getElementById(current.target)?.closest('section');
    section?.classList.add('tour-highlight');
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return () => section?.classList.remove('tour-highlight');
  }, [current]);

  useEffect(() => {
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.key === 'ArrowRight' && index < n - 1) setParam('tour', String(index + 1));
      else if (e.key === 'ArrowLeft' && index > 0) setParam('tour', String(index - 1));
      else if (e.key === 'Escape') setParam('tour', '');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, index, n, setParam]);

  if (!current) return null;
  return (
    <aside className="tour" aria-label="Guided tour" aria-live="polite">
      <div className="tour-head">
        <strong>{current.title}</strong>
        <span className="muted">
          {index + 1} / {n}
        </span>
      </div>
      <p>{current.text}</p>
      <p className="tour-formula">
        {/* Inline mode, so a long formula wraps at its = and + signs inside the card. */}
        <Formula tex={`\\displaystyle ${current.tex}`} fallback={current.plain} />
      </p>
      <div className="tour-buttons">
        <button type="button" className="secondary" onClick={() => setParam('tour', String(index - 1))} disabled={index === 0}>
          ← Back
        </button>
        <button type="button" onClick={() => setParam('tour', index < n - 1 ? String(index + 1) : '')}>
          {index < n - 1 ? 'Next →' : 'Finish'}
        </button>
        <button type="button" className="secondary" onClick={() => setParam('tour', '')}>
          Close
        </button>
      </div>
      <small className="muted">Arrow keys move through the tour; Escape closes it.</small>
    </aside>
  );
}
