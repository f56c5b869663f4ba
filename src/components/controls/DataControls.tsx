import { FIXED_SHAPES } from '../../state/urlSchema';
import { useExplorer } from '../../state/store';
import { CheckboxField, SelectField, TextField } from './Field';

export function DataControls() {
  const data = useExplorer((s) => s.params.data);
  const fixed = FIXED_SHAPES[data];
  return (
    <fieldset>
      <legend>Data</legend>
      <SelectField
        name="data"
        label="Dataset"
        options={[
          { value: 'gaussian', label: 'Gaussian (chosen spectrum)' },
          { value: 'sparse', label: 'Sparse features (toy models)' },
          { value: 'iris', label: 'Iris (150 × 4)' },
        ]}
      />
      <div className="row">
        <TextField name="D" label="D (inputs)" inputMode="numeric" disabled={!!fixed} />
        <TextField name="T" label="T (samples)" inputMode="numeric" disabled={!!fixed} />
      </div>
      {fixed && <small className="hint">{data} fixes D = {fixed.D} and T = {fixed.T}.</small>}
      {data === 'gaussian' && (
        <>
          <TextField name="spectrum" label={<>Variances, a formula in k = 1..D</>} inputMode="text" hint="e.g. 2^(-k), 1/k, exp(-k/2)" />
          <CheckboxField name="rotate" label="Rotate the axes randomly" />
          <CheckboxField name="exact" label="No sampling noise (exact Σ)" />
        </>
      )}
      {data === 'sparse' && (
        <div className="row">
          <TextField name="sparsity" label="Sparsity P(xᵢ = 0)" />
          <TextField name="importance" label="Importance ratio r" />
        </div>
      )}
      <CheckboxField name="center" label="Centre the columns" hint="Off by default: the model has no biases, so Σ is the uncentred second moment." />
      <TextField name="seed" label="Seed" inputMode="numeric" />
    </fieldset>
  );
}
