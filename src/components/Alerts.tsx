import { useExplorer } from '../state/store';

/** Rejected input and errors (role="alert"); advisory notes (role="status"). */
export function Alerts() {
  const messages = useExplorer((s) => s.messages);
  const notes = useExplorer((s) => s.notes);
  const error = useExplorer((s) => s.error);
  const dismiss = useExplorer((s) => s.dismissMessage);
  const hasResults = useExplorer((s) => s.results !== null);
  return (
    <div className="alerts">
      {error && (
        <div role="alert" className="alert error">
          <strong>Error.</strong> {error}
          {hasResults && ' The results below are from the last state that worked.'}
        </div>
      )}
      {messages.map((m, i) => (
        <div role="alert" className="alert" key={`${m.key}: ${m.reason}`}>
          <span>
            <code>
              {m.key}={m.value}
            </code>{' '}
            was not used: {m.reason}. Using{' '}
            <code>
              {m.key}={m.used}
            </code>
            .
          </span>
          <button type="button" className="link" aria-label={`Dismiss the message about ${m.key}`} onClick={() => dismiss(i)}>
            ×
          </button>
        </div>
      ))}
      {notes.map((n) => (
        <div role="status" className="note" key={n}>
          {n}
        </div>
      ))}
    </div>
  );
}
