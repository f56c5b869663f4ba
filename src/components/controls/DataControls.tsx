import { useState } from 'react';
import { useExplorer } from '../../state/store';
import { fixedShape } from '../../state/urlSchema';
import { CustomDataInput } from './CustomDataInput';
import { CheckboxField, SelectField, TextField } from './Field';

export function DataControls() {
  const data = useExplorer((s) => s.params.data);
  const pool = useExplorer((s) => s.params.pool);
  const custom = useExplorer((s) => s.custom);
  // "Your data" with no table yet opens the upload box instead of switching to data there is none of.
  const [wantsUpload, setWantsUpload] = useState(false);
  const fixed = fixedShape({ data, pool }, custom?.X ?? null);
  return (
    <fieldset>
      <legend>Data</legend>
      <SelectField
        name="data"
        label="Dataset"
        onChoose={(value) => {
          setWantsUpload(value === 'custom' && !custom);
          return value !== 'custom' || custom !== null;
        }}
        options={[
          { value: 'gaussian', label: 'Gaussian (chosen spectrum)' },
          { value: 'sparse', label: 'Sparse features (toy models)' },
          { value: 'iris', label: 'Iris (150 × 4)' },
          { value: 'digits', label: 'MNIST digits' },
          { value: 'custom', label: 'Your data (CSV)' },
        ]}
      />
      <div className="row">
        <TextField name="D" label="D (inputs)" inputMode="numeric" disabled={fixed.D !== undefined} />
        <TextField name="T" label={data === 'digits' ? 'T (images)' : 'T (samples)'} inputMode="numeric" disabled={fixed.T !== undefined} />
      </div>
      {fixed.D !== undefined && (
        <small className="hint">
          {data === 'custom' ? 'The uploaded table' : data} fixes D = {fixed.D}
          {fixed.T !== undefined ? ` and T = ${fixed.T}` : ''}.
        </small>
      )}
      {data === 'digits' && (
        <SelectField
          name="pool"
          label="Pixels"
          options={[
            { value: '2', label: '2 × 2 pooled: 14 × 14 = 196' },
            { value: '1', label: 'all 28 × 28 = 784' },
          ]}
        />
      )}
      {(data === 'custom' || wantsUpload) && <CustomDataInput />}
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
