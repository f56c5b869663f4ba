import { type ReactNode, useEffect, useId, useState } from 'react';
import { useExplorer } from '../../state/store';
import { formatValue, shown } from '../../state/urlCodec';
import { type ParamKey, specOf } from '../../state/urlSchema';

interface FieldProps {
  name: ParamKey;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

/** A typed text box for one URL key. It commits on Enter or when focus leaves, never per keystroke. */
export function TextField({
  name,
  label,
  hint,
  disabled,
  inputMode = 'decimal',
  width,
}: FieldProps & { inputMode?: 'decimal' | 'numeric' | 'text'; width?: string }) {
  const id = useId();
  const value = useExplorer((s) => formatValue(s.params[name]));
  const setParam = useExplorer((s) => s.setParam);
  // The message refusing this key's last input, if the box still shows that input.
  const refusal = useExplorer((s) => s.messages.find((m) => m.key === name));
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) setParam(name, draft.trim());
  };
  const refused = refusal !== undefined && draft.trim() !== value && refusal.value === shown(draft.trim());
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        value={draft}
        disabled={disabled}
        spellCheck={false}
        style={width ? { width } : undefined}
        title={specOf(name).doc}
        aria-invalid={refused || undefined}
        aria-describedby={refused ? `${id}-refused` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          commit();
          // Leaving the box shows the value in use again (an accepted one arrives through `value`).
          setDraft(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value);
        }}
      />
      {refused && (
        <small id={`${id}-refused`} className="field-error">
          Not used: {refusal.reason}. In use: {refusal.used}.
        </small>
      )}
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}

/** `onChoose` may look at a choice first; returning false keeps the value in use (the field then shows it). */
export function SelectField({
  name,
  label,
  options,
  hint,
  disabled,
  onChoose,
}: FieldProps & { options: { value: string; label: string }[]; onChoose?: (value: string) => boolean }) {
  const id = useId();
  const value = useExplorer((s) => formatValue(s.params[name]));
  const setParam = useExplorer((s) => s.setParam);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        title={specOf(name).doc}
        onChange={(e) => {
          if (!onChoose || onChoose(e.target.value)) setParam(name, e.target.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}

export function CheckboxField({ name, label, hint, disabled }: FieldProps) {
  const id = useId();
  const checked = useExplorer((s) => s.params[name] === true);
  const setParam = useExplorer((s) => s.setParam);
  return (
    <div className="field checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        title={specOf(name).doc}
        onChange={(e) => setParam(name, e.target.checked ? '1' : '0')}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}
