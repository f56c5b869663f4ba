import { runColour } from '../plots/palette';
import { useExplorer } from '../state/store';

const W = 260;
const H = 70;

/**
 * Every run's loss against log step as it trains: a running run's curve grows a few times a second,
 * a finished one is drawn solid.
 */
export function LiveRuns() {
  const runs = useExplorer((s) => s.liveRuns);
  const total = useExplorer((s) => s.params.runs);
  const steps = useExplorer((s) => s.params.steps);
  if (!runs.length) return null;
  const finished = runs.filter((r) => r.done).length;
  const all = runs.flatMap((r) => r.loss);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  // The axis spans the whole run, so a running curve grows to the right instead of being rescaled.
  const last = Math.max(steps, ...runs.map((r) => r.step[r.step.length - 1] ?? 1), 1);
  const x = (s: number) => (Math.log10(Math.max(s, 1)) / Math.log10(Math.max(last, 10))) * W;
  const y = (l: number) => (hi > lo ? H - ((l - lo) / (hi - lo)) * H : H / 2);
  return (
    <svg
      className="live-runs"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Loss curves so far: ${finished} of ${total} runs finished${finished < runs.length ? `, run ${runs.find((r) => !r.done)?.run} training` : ''}`}
    >
      {runs.map((r) => (
        <polyline
          key={r.run}
          data-run={r.run}
          fill="none"
          stroke={runColour(r.run - 1)}
          strokeWidth={1.5}
          strokeDasharray={r.done ? undefined : '4 2'}
          points={r.step.map((s, j) => `${x(s).toFixed(1)},${y(r.loss[j]).toFixed(1)}`).join(' ')}
        />
      ))}
    </svg>
  );
}
