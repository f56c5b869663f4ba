import type { Matrix } from '../core/linalg/matrix';

/**
 * Uploaded or pasted data survives a reload: it is kept in IndexedDB (localStorage holds only a
 * few MB, and a 10⁶-number table is 8 MB as float64). One record, replaced on every upload.
 */
export interface StoredCustomData {
  X: Matrix;
  /** File name, or "pasted table". */
  name: string;
  header: string[] | null;
}

const DB = 'lae-explorer';
const STORE = 'custom-data';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available in this browser'));
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB failed to open'));
  });
}

function transact<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = run(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

export function saveCustomData(data: StoredCustomData): Promise<void> {
  const record = { rows: data.X.rows, cols: data.X.cols, data: data.X.data, name: data.name, header: data.header };
  return transact('readwrite', (s) => s.put(record, KEY)).then(() => undefined);
}

export async function loadCustomData(): Promise<StoredCustomData | null> {
  const record = (await transact('readonly', (s) => s.get(KEY))) as
    | { rows: number; cols: number; data: Float64Array; name: string; header: string[] | null }
    | undefined;
  if (!record || !(record.data instanceof Float64Array) || record.data.length !== record.rows * record.cols) return null;
  return { X: { rows: record.rows, cols: record.cols, data: record.data }, name: record.name, header: record.header };
}
