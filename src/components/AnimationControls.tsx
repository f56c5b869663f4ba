import { useEffect, useRef, useState } from 'react';

interface Props {
  /** Recorded steps to move through (ascending). */
  steps: number[];
  /** Index into `steps`, or null when every step is shown. */
  frame: number | null;
  onFrame(frame: number | null): void;
}

const FRAME_MS = 70;

/** Play, pause and a scrubber over the recorded steps of the runs. */
export function AnimationControls({ steps, frame, onFrame }: Props) {
  const timer = useRef<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const last = steps.length - 1;
  const stop = () => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    setPlaying(false);
  };
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    },
    [],
  );
  const play = () => {
    let f = frame === null || frame >= last ? 0 : frame;
    onFrame(f);
    setPlaying(true);
    timer.current = window.setInterval(() => {
      f += 1;
      if (f >= last) {
        stop();
        onFrame(null);
      } else onFrame(f);
    }, FRAME_MS);
  };
  const shown = frame ?? last;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of player controls, not a form section (a fieldset would bring a legend and form styling)
    <div className="animation" role="group" aria-label="Training animation">
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
          const f = Number(e.target.value);
          onFrame(f >= last ? null : f);
        }}
      />
      <span className="step-readout">step {steps[shown] ?? 0}</span>
    </div>
  );
}
