import { runColour } from '../plots/palette';
import { useExplorer } from '../state/store';

const W = 260;
const H = 70;

/** The runs finished so far, drawn as they arrive (loss against log step), while the rest train. */
export function LiveRuns() {
  const runs = useExplorer((s) => s.liveRuns);
  if (!runs.length) return null;
  const all = runs.flatMap((r) => r.loss);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const last = Math.max(...runs.map((r) => r.step[r.step.length - 1] ?? 1), 1);
  const x = (s: number) => (Math.log10(Math.max(s, 1)) / Math.log10(Math.max(last, 10))) * W;
  const y = (l: number) => (hi > lo ? H - ((l - lo) / (hi - lo)) * H : H / 2);
  return (
    <svg className="live-runs" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${runs.length} runs finished so far`}>
      {runs.map((r) => (
        <polyline
          key={r.run}
          fill="none"
          stroke={runColour(r.run - 1)}
          strokeWidth={1.5}
          points={r.step.map((s, j) => `${x(s).toFixed(1)},${y(r.loss[j]).toFixed(1)}`).join(' ')}
        />
      ))}
    </svg>
  );
}
