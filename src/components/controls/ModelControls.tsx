import { sampledModel } from '../../core/models/registry';
import { useExplorer } from '../../state/store';
import { CheckboxField, SelectField, TextField } from './Field';

export function ModelControls() {
  // The sampled (ReLU) model has no weight decay; its table is the linear landscape it is drawn against.
  const sampled = useExplorer((s) => sampledModel(s.params.model) !== null);
  return (
    <fieldset>
      <legend>Autoencoder</legend>
      <SelectField
        name="model"
        label="Model"
        options={[
          { value: 'linear', label: 'linear x ↦ ABx' },
          { value: 'tied', label: 'tied x ↦ BᵀBx (A = Bᵀ; stable for lr < 0.25)' },
          { value: 'relu', label: 'ReLU x ↦ ReLU(WᵀWx + b) (Toy Models of Superposition)' },
        ]}
      />
      <TextField name="d" label="d (hidden width, d < D)" inputMode="numeric" />
      {!sampled && (
        <>
          <TextField name="wd" label="weight decay wd (μ = wd · λ₁, 0 ≤ wd < 1)" inputMode="decimal" />
          <SelectField
            name="wdProfile"
            label="Decay per hidden unit"
            options={[
              { value: 'uniform', label: 'uniform: μ on every unit' },
              { value: 'ordered', label: 'ordered: μ_j = μ · j/d (breaks the rotation symmetry)' },
            ]}
          />
        </>
      )}
      <CheckboxField name="fullRank" label="Only full-rank points (|I| = d)" />
    </fieldset>
  );
}
