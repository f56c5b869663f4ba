import { formatValue } from './urlCodec';
import { defaultParams, type KeySpec, URL_SCHEMA } from './urlSchema';

function bounds(spec: KeySpec): string {
  switch (spec.type) {
    case 'int':
      return `${typeof spec.min === 'function' ? 'see doc' : spec.min} – ${typeof spec.max === 'function' ? (spec.key === 'd' ? 'D − 1' : 'see doc') : spec.max.toLocaleString('en')}`;
    case 'float':
      return `${spec.min} ${spec.minExclusive ? '<' : '≤'} x ${spec.maxExclusive ? '<' : '≤'} ${spec.max}`;
    case 'optionalInt':
      return `${spec.min} – ${typeof spec.max === 'function' ? 'runs' : spec.max}, or absent`;
    case 'enum':
      return spec.values.join(', ');
    case 'bool':
      return '0, 1';
    case 'string':
      return `≤ ${spec.maxLength} characters; finite, ≥ 0 for every k`;
    case 'enumList':
      return `comma list of ${spec.values.join(', ')}, or empty`;
    case 'indexSet':
      return 'comma-separated, in 1..D, at most d of them';
  }
}

/** The README's URL table, generated from the one schema table (a unit test keeps them in sync). */
export function urlTableMarkdown(): string {
  const defaults = defaultParams() as unknown as Record<string, unknown>;
  const rows = URL_SCHEMA.map((s) => `| \`${s.key}\` | ${s.doc.replaceAll('|', '\\|')} | \`${formatValue(defaults[s.key])}\` | ${bounds(s)} |`);
  return ['| key | meaning | default | bounds |', '|---|---|---|---|', ...rows].join('\n');
}
