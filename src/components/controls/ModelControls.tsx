import { CheckboxField, SelectField, TextField } from './Field';

export function ModelControls() {
  return (
    <fieldset>
      <legend>Autoencoder</legend>
      <SelectField
        name="model"
        label="Model"
        options={[
          { value: 'linear', label: 'linear x ↦ ABx' },
          { value: 'tied', label: 'tied x ↦ BᵀBx (A = Bᵀ; stable for lr < 0.25)' },
        ]}
      />
      <TextField name="d" label="d (hidden width, d < D)" inputMode="numeric" />
      <TextField name="wd" label="weight decay wd (μ = wd · λ₁, 0 ≤ wd < 1)" inputMode="decimal" />
      <SelectField
        name="wdProfile"
        label="Decay per hidden unit"
        options={[
          { value: 'uniform', label: 'uniform: μ on every unit' },
          { value: 'ordered', label: 'ordered: μ_j = μ · j/d (breaks the rotation symmetry)' },
        ]}
      />
      <CheckboxField name="fullRank" label="Only full-rank points (|I| = d)" />
    </fieldset>
  );
}
