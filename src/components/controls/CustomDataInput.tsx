import { useId, useState } from 'react';
import { useExplorer } from '../../state/store';

/** Upload a CSV file or paste a table; errors name the line and column, the previous data stays. */
export function CustomDataInput() {
  const id = useId();
  const custom = useExplorer((s) => s.custom);
  const inUse = useExplorer((s) => s.resultsCustom);
  const failed = useExplorer((s) => (s.custom && s.custom !== s.resultsCustom && !s.running ? s.error : null));
  const dataError = useExplorer((s) => s.dataError);
  const setCustomData = useExplorer((s) => s.setCustomData);
  const [pasted, setPasted] = useState('');
  return (
    <div className="custom-data">
      <div className="field">
        <label htmlFor={`${id}-file`}>Upload CSV</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) await setCustomData(await file.text(), file.name);
            e.target.value = '';
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-paste`}>…or paste a table (rows = samples; comma, semicolon or tab)</label>
        <textarea id={`${id}-paste`} rows={4} value={pasted} spellCheck={false} onChange={(e) => setPasted(e.target.value)} />
        <button type="button" className="secondary" disabled={!pasted.trim()} onClick={() => setCustomData(pasted, 'pasted table')}>
          Use pasted table
        </button>
      </div>
      {dataError && (
        <p role="alert" className="alert error">
          {dataError} The previous data is kept.
        </p>
      )}
      {!custom && (
        <p role="status" className="hint">
          Upload a CSV file or paste a table: it becomes the data as soon as it is read. Until then the plots show the data chosen before.
        </p>
      )}
      {failed && custom && (
        <p className="hint">
          <strong>{custom.name}</strong> ({custom.X.rows} × {custom.X.cols}) could not be used: {failed}{' '}
          {inUse ? `The plots show ${inUse.name} (${inUse.X.rows} × ${inUse.X.cols}).` : 'The plots show the data chosen before.'}
        </p>
      )}
      {inUse && !failed && (
        <p className="hint">
          Using <strong>{inUse.name}</strong>: {inUse.X.rows} × {inUse.X.cols}
          {inUse.header ? ` (columns: ${inUse.header.slice(0, 4).join(', ')}${inUse.header.length > 4 ? ', …' : ''})` : ''}. Stored in this browser.
        </p>
      )}
    </div>
  );
}
