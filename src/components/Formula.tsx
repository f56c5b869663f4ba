import { useEffect, useRef } from 'react';

type Katex = typeof import('katex').default;
let loading: Promise<Katex> | null = null;

/** KaTeX is loaded lazily (its own chunk, fonts bundled: works offline). */
function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return loading;
}

/**
 * Renders our own TeX strings (never user text) with katex.render into the element, trust off.
 * The plain-text fallback stays in place until KaTeX arrives; KaTeX's MathML is what screen readers read.
 */
export function Formula({ tex, fallback, display = false }: { tex: string; fallback: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let cancelled = false;
    loadKatex()
      .then((katex) => {
        if (!cancelled && ref.current) katex.render(tex, ref.current, { displayMode: display, throwOnError: false, trust: false, output: 'htmlAndMathml' });
      })
      .catch(() => {
        /* the fallback text stays */
      });
    return () => {
      cancelled = true;
    };
  }, [tex, display]);
  return (
    <span ref={ref} className={display ? 'formula display' : 'formula'}>
      {fallback}
    </span>
  );
}
