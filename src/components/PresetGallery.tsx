import { PRESETS } from '../state/presets';
import { useExplorer } from '../state/store';

/** One click per scenario; each is also a plain link, so it can be opened in a new tab or shared. */
export function PresetGallery() {
  const loadQuery = useExplorer((s) => s.loadQuery);
  return (
    <fieldset className="presets">
      <legend>Presets</legend>
      <ul>
        {PRESETS.map((p) => (
          <li key={p.id}>
            <a
              href={p.query}
              title={p.description}
              aria-describedby={`preset-${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                loadQuery(p.query);
              }}
            >
              {p.name}
            </a>
            <span id={`preset-${p.id}`} className="preset-note">
              {p.notice}
            </span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
