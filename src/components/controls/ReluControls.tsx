import { CheckboxField, SelectField, TextField } from './Field';

/** The ReLU model's own keys (docs/design.md §7): it samples its features, so these replace the data and gradient-descent controls. */
export function ReluControls() {
  return (
    <fieldset>
      <legend>Sparse features and training</legend>
      <div className="row">
        <TextField name="D" label="D (features, ≤ 200)" inputMode="numeric" />
        <TextField name="seed" label="Seed" inputMode="numeric" />
      </div>
      <div className="row">
        <TextField name="sparsity" label="Sparsity S = P(xᵢ = 0)" />
        <TextField name="importance" label="Importance ratio r (Iᵢ = rⁱ⁻¹)" />
      </div>
      <SelectField
        name="optimizer"
        label="Optimiser"
        options={[
          { value: 'adam', label: 'Adam (the paper’s)' },
          { value: 'gd', label: 'gradient descent' },
        ]}
      />
      <div className="row">
        <TextField name="lr" label="Step size (absolute)" />
        <TextField name="batch" label="Batch (fresh each step)" inputMode="numeric" />
      </div>
      <div className="row">
        <TextField name="steps" label="Steps" inputMode="numeric" />
        <TextField name="runs" label="Seeds (best kept)" inputMode="numeric" />
      </div>
      <CheckboxField name="phase" label="Phase diagram (D = 2, d = 1 grid)" hint="Trains a 10 × 10 grid of small models in the worker: a few seconds." />
    </fieldset>
  );
}
