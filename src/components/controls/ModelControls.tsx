import { CheckboxField, TextField } from './Field';

export function ModelControls() {
  return (
    <fieldset>
      <legend>Autoencoder x ↦ ABx</legend>
      <TextField name="d" label="d (hidden width, d < D)" inputMode="numeric" />
      <CheckboxField name="fullRank" label="Only full-rank points (|I| = d)" />
    </fieldset>
  );
}
