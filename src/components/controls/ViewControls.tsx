import { CheckboxField, SelectField } from './Field';

export function ViewControls() {
  return (
    <fieldset>
      <legend>View</legend>
      <SelectField
        name="norm"
        label="Losses shown as"
        options={[
          { value: 'sum', label: 'sum over samples' },
          { value: 'mean', label: 'mean over samples (÷ T)' },
        ]}
      />
      <CheckboxField name="present" label="Presentation mode" />
    </fieldset>
  );
}
