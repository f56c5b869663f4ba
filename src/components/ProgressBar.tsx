import { useExplorer } from '../state/store';
import { LiveRuns } from './LiveRuns';

const STAGE_LABELS = {
  download: 'Downloading the MNIST digits (7.8 MB, once)',
  data: 'Sampling the data',
  sigma: 'Forming Σ = XᵀX',
  eigen: 'Eigendecomposing Σ',
  criticalPoints: 'Enumerating critical points',
  training: 'Running gradient descent',
  finders: 'Running the critical-point finders',
  relu: 'Training the ReLU model (Adam on fresh batches)',
  phase: 'Training the phase diagram’s grid',
} as const;

/** What is being computed, how far along, and a way to stop it. */
export function ProgressBar() {
  const progress = useExplorer((s) => s.progress);
  const running = useExplorer((s) => s.running);
  const cancel = useExplorer((s) => s.cancel);
  if (!running || !progress) return null;
  const percent = Math.round(progress.fraction * 100);
  const determinate =
    progress.stage === 'training' || progress.stage === 'download' || progress.stage === 'finders' || progress.stage === 'relu' || progress.stage === 'phase';
  return (
    <div className="progress" aria-live="polite">
      <label htmlFor="progress-bar">
        {STAGE_LABELS[progress.stage]}… {determinate ? `${percent}%` : ''}
      </label>
      <progress id="progress-bar" max={100} value={determinate ? percent : undefined} />
      <LiveRuns />
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
