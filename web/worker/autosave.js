// The training run's autosave in IndexedDB, written by the worker itself (no copy through the page):
// one record per slot with the checkpoint bytes, the step, the time, the data source and, for the
// user's own images, the files. The page's own run is the slot 'current-run'; every training
// <gan-demo> on a course page has a slot of its own, so that two of them never overwrite each other.
const databaseName = 'ganvas';
const storeName = 'autosave';
export const pageSlot = 'current-run';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transaction(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = action(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('autosave aborted'));
    });
  } finally {
    db.close();
  }
}

// record: { bytes: Uint8Array, step, epoch, savedAt, source, files?: [{ name, bytes }] }
export function writeAutosave(slot, record) {
  return transaction('readwrite', (store) => store.put(record, slot));
}

export function readAutosave(slot) {
  return transaction('readonly', (store) => store.get(slot));
}

export function deleteAutosave(slot) {
  return transaction('readwrite', (store) => store.delete(slot));
}
