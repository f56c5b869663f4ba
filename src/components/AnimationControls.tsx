import { useEffect, useRef, useState } from 'react';
import { countUpTo } from '../plots/playhead';
import { useExplorer } from '../state/store';

interface Props {
  /** Recorded steps to move through (ascending). */
  steps: number[];
}

/** Nominal time per recorded step while playing. */
const FRAME_MS = 70;

/**
 * Play, pause and a scrubber over the recorded steps of the runs (the store's `upTo`). Play runs
 * on the clock, not on a count of frames: each animation frame shows the step due at that time, so
 * a slow frame skips steps instead of stretching the animation.
 */
export function AnimationControls({ steps }: Props) {
  const upTo = useExplorer((s) => s.upTo);
  const setUpTo = useExplorer((s) => s.setUpTo);
  const raf = useRef<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const last = steps.length - 1;
  const frame = upTo === null ? null : Math.max(0, countUpTo(steps, upTo) - 1);
  const show = (f: number | null) => setUpTo(f === null || f >= last ? null : steps[f]);
  const stop = () => {
    if (raf.current !== null) cancelAnimationFrame(raf.current);
    raf.current = null;
    setPlaying(false);
  };
  useEffect(
    () => () => {
      if (raf.current !== null) cancelAnimationFrame(raf.current);
    },
    [],
  );
  const play = () => {
    const first = frame === null || frame >= last ? 0 : frame;
    const started = performance.now();
    show(first);
    setPlaying(true);
    const tick = (now: number) => {
      const f = first + Math.floor((now - started) / FRAME_MS);
      if (f >= last) {
        raf.current = null;
        setPlaying(false);
        show(null);
        return;
      }
      show(f);
      raf.current = requestAnimationFrame(tick);
    };
    raf.current = requestAnimationFrame(tick);
  };
  const shown = frame ?? last;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of player controls, not a form section (a fieldset would bring a legend and form styling)
    <div className="animation" role="group" aria-label="Training animation" data-nominal-ms={last * FRAME_MS}>
      <button type="button" className="secondary" onClick={() => (playing ? stop() : play())}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <input
        type="range"
        min={0}
        max={last}
        value={shown}
        aria-label="Step shown"
        aria-valuetext={`step ${steps[shown] ?? 0}`}
        onChange={(e) => {
          stop();
          show(Number(e.target.value));
        }}
      />
      <span className="step-readout">step {steps[shown] ?? 0}</span>
    </div>
  );
}
