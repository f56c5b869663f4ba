import { useState } from 'react';
import { criticalPointsCsv } from '../state/exportCsv';
import { buildExport } from '../state/exportJson';
import { pythonCheckScript } from '../state/exportPython';
import { useExplorer } from '../state/store';
import { downloadText } from './download';
import { ModelTagline } from './ModelTagline';

/** Title and the sharing actions: copy the URL, download the results; on a phone, the button that shows the controls. */
export function Header({ controlsOpen, onToggleControls }: { controlsOpen: boolean; onToggleControls: () => void }) {
  const results = useExplorer((s) => s.results);
  const running = useExplorer((s) => s.running);
  const params = useExplorer((s) => s.params);
  const detail = useExplorer((s) => s.detail);
  const setParam = useExplorer((s) => s.setParam);
  const [copied, setCopied] = useState<string | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);

  const baseName = results ? `lae-explorer-D${results.D}-d${params.d}-seed${params.seed}` : 'lae-explorer';
  const exportJson = () => {
    if (!results) return;
    const doc = buildExport(results, params, window.location.href, detail);
    downloadText(`${JSON.stringify(doc, null, 1)}\n`, `${baseName}.json`, 'application/json');
  };
  const exportCsv = () => results && downloadText(criticalPointsCsv(results.table, results.order), `${baseName}-critical-points.csv`, 'text/csv');
  const exportPython = () => downloadText(pythonCheckScript(`${baseName}.json`), 'check_lae_export.py', 'text/x-python');

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('Link copied.');
    } catch {
      setCopied('Copy the address bar: the clipboard is not available here.');
    }
    setTimeout(() => setCopied(null), 3000);
  };

  return (
    <header className="header">
      <div>
        <h1>Linear-autoencoder loss landscape</h1>
        <ModelTagline params={params} />
      </div>
      <div className="actions">
        {!params.present && (
          <button type="button" className="controls-toggle" aria-expanded={controlsOpen} aria-controls="controls" onClick={onToggleControls}>
            {controlsOpen ? 'Hide controls' : 'Controls'}
          </button>
        )}
        {params.tour === null && (
          <button type="button" className="secondary" onClick={() => setParam('tour', '0')}>
            Start the tour
          </button>
        )}
        <button type="button" onClick={copyLink}>
          Copy link
        </button>
        {/* Presenting, the room needs the plots: the exports wait until it is over. */}
        {!params.present && (
          <>
            <button type="button" onClick={exportJson} disabled={!results || running} title="Download every number on the page as JSON">
              Export JSON
            </button>
            <button
              type="button"
              className="secondary more-toggle"
              aria-expanded={moreOpen}
              aria-controls="more-exports"
              onClick={() => setMoreOpen(!moreOpen)}
            >
              More
            </button>
            <span id="more-exports" className={`more-items${moreOpen ? ' open' : ''}`}>
              <button
                type="button"
                className="secondary"
                onClick={exportCsv}
                disabled={!results || running}
                title="The critical points as a table: I, rank, loss, index"
              >
                Export CSV
              </button>
              <button
                type="button"
                className="secondary"
                onClick={exportPython}
                title="A numpy script that recomputes Σ, the eigenvalues and every critical loss from the JSON"
              >
                Export Python
              </button>
            </span>
          </>
        )}
        {params.present && (
          <button type="button" onClick={() => setParam('present', '0')}>
            Exit presentation
          </button>
        )}
        {copied && (
          <span role="status" className="copied">
            {copied}
          </span>
        )}
      </div>
    </header>
  );
}
