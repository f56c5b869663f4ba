/** The state into the address bar, with history.replaceState (docs/design.md §3): no history entry per change. */
import { serializeParams } from './urlCodec';
import type { ExplorerParams } from './urlSchema';

export function writeUrl(params: ExplorerParams, hash = typeof window === 'undefined' ? '' : window.location.hash): void {
  if (typeof window === 'undefined') return;
  window.history.replaceState(null, '', `${window.location.pathname}${serializeParams(params)}${hash}`);
}

/** The fragment without any data= part. */
function hashWithoutData(hash: string): string {
  const rest = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part && !part.startsWith('data='));
  return rest.length ? `#${rest.join('&')}` : '';
}

/** `hash` with `fragment` ("#data=…", or null for none) as its data= part. */
export function hashWithData(hash: string, fragment: string | null): string {
  const rest = hashWithoutData(hash);
  if (!fragment) return rest;
  return `${rest}${rest ? '&' : '#'}${fragment.replace(/^#/, '')}`;
}
