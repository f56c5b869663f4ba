import { useId } from 'react';
import { FINDER_METHODS, type FinderMethod } from '../../core/finders/finderRun';
import { useExplorer } from '../../state/store';
import { specOf } from '../../state/urlSchema';
import { SelectField, TextField } from './Field';

const LABELS: Record<FinderMethod, string> = {
  gnm: 'gradient-norm minimisation',
  'newton-mr': 'Newton-MR',
  newton: 'damped Newton',
};

/** The numerical critical-point finders of docs/design.md §6: which to run, from where, how long, and the cutoff. */
export function FinderControls() {
  const id = useId();
  const finders = useExplorer((s) => s.params.finders);
  const setParam = useExplorer((s) => s.setParam);
  const toggle = (m: FinderMethod, on: boolean) => setParam('finders', FINDER_METHODS.filter((x) => (x === m ? on : finders.includes(x))).join(','));
  const off = finders.length === 0;
  return (
    <fieldset>
      <legend>Critical-point finders</legend>
      <fieldset className="field inner" title={specOf('finders').doc}>
        <legend>Run from each start (Frye et al. 2019)</legend>
        {FINDER_METHODS.map((m) => (
          <div className="checkbox" key={m}>
            <input id={`${id}-${m}`} type="checkbox" checked={finders.includes(m)} onChange={(e) => toggle(m, e.currentTarget.checked)} />
            <label htmlFor={`${id}-${m}`}>{LABELS[m]}</label>
          </div>
        ))}
      </fieldset>
      <div className="row">
        <TextField name="finderStarts" label="Starts per method" inputMode="numeric" disabled={off} />
        <TextField name="finderIters" label="Iterations" inputMode="numeric" disabled={off} />
      </div>
      <SelectField
        name="finderFrom"
        label="Starting points"
        disabled={off}
        options={[
          { value: 'trajectory', label: 'along the gradient-descent runs' },
          { value: 'random', label: 'random, entries N(0, scale²)' },
          { value: 'both', label: 'half each' },
        ]}
      />
      <div className="row">
        <TextField name="cutoff" label="Cutoff on ‖∇L‖²/λ₁²" disabled={off} />
        <TextField name="finderScale" label="Random scale" disabled={off} />
      </div>
    </fieldset>
  );
}
