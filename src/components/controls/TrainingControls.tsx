import { SelectField, TextField } from './Field';

export function TrainingControls() {
  return (
    <fieldset>
      <legend>Gradient descent</legend>
      <div className="row">
        <TextField name="lr" label="lr (η = lr/λ₁)" />
        <TextField name="init" label="init scale" />
      </div>
      <div className="row">
        <TextField name="steps" label="Steps" inputMode="numeric" />
        <TextField name="runs" label="Runs" inputMode="numeric" />
      </div>
      <SelectField
        name="initMode"
        label="Initial weights"
        options={[
          { value: 'random', label: 'random A₀, B₀ ~ N(0, init²)' },
          { value: 'balanced', label: 'balanced (A₀ = B₀ᵀ)' },
        ]}
      />
    </fieldset>
  );
}
