/**
 * Custom data (data=custom): the table a page load finds in the link's fragment or in IndexedDB, and
 * a table uploaded or pasted, parsed, stored and put in the fragment when small enough. Bad input is
 * refused with a message; the previous data stays.
 */
import { parseCsv } from '../core/data/csv';
import { decodeFragment, encodeFragment, MAX_FRAGMENT_NUMBERS } from './customDataFragment';
import { loadCustomData, type StoredCustomData, saveCustomData } from './customDataStore';
import { hashWithData } from './urlWriter';

/** What a page load starts from: the link's table (stored for reloads) or the stored one, and why not. */
export async function customDataAtLoad(search: string, hash: string): Promise<{ custom: StoredCustomData | null; dataError: string | null; notes: string[] }> {
  const decoded = await decodeFragment(hash);
  if (decoded?.ok) {
    const custom = { X: decoded.X, name: 'data from the link', header: null };
    saveCustomData(custom).catch(() => undefined);
    return { custom, dataError: null, notes: [] };
  }
  const dataError = decoded && !decoded.ok ? decoded.message : null;
  if (new URLSearchParams(search).get('data') !== 'custom') return { custom: null, dataError, notes: [] };
  const stored = await loadCustomData().catch(() => null);
  if (stored) return { custom: stored, dataError, notes: [] };
  const missing = 'This link asks for uploaded data, but none is stored in this browser and the link does not carry it: upload or paste a CSV table.';
  return { custom: null, dataError, notes: [missing] };
}

export type UploadOutcome = { ok: false; dataError: string } | { ok: true; custom: StoredCustomData; hash: string; note: string | null };

/** Parses `text` (from the file or paste named `name`), stores it and says which fragment carries it. */
export async function acceptUpload(text: string, name: string, currentHash: string): Promise<UploadOutcome> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, dataError: `${name}: ${parsed.message}` };
  if (parsed.X.cols > 1024) return { ok: false, dataError: `${name}: ${parsed.X.cols} columns; D may be at most 1024` };
  const custom = { X: parsed.X, name, header: parsed.header };
  let note: string | null = null;
  try {
    await saveCustomData(custom);
  } catch (e) {
    note = `The data could not be stored in this browser (${(e as Error).message}); it will not survive a reload.`;
  }
  const fragment = await encodeFragment(parsed.X);
  if (!fragment)
    note ??= `This table has ${parsed.X.rows * parsed.X.cols} numbers, more than the ${MAX_FRAGMENT_NUMBERS.toLocaleString('en')} a link can carry: a copied link reopens it only in this browser.`;
  return { ok: true, custom, hash: hashWithData(currentHash, fragment), note };
}
