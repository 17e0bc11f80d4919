// The training run's autosave in IndexedDB, written by the worker itself (no copy through the page):
// one record per slot with the checkpoint bytes, the step, the time, the data source and, for the
// user's own images, the files. The page's own run is the slot 'current-run'; every training
// <gan-demo> on a course page has a slot of its own, so that two of them never overwrite each other;
// and a worker claims its slot with a Web Lock, so that a second tab of the same page saves elsewhere.
const databaseName = 'ganvas';
const storeName = 'autosave';
export const pageSlot = 'current-run';
const maxTabs = 20;
// A worker that replaces a dead one may start before the browser has released the dead one's lock:
// the usual slot is waited for this long before another is taken.
const releaseWaitMs = 1500;

// Asks for a lock held until the worker ends; → whether it was granted (within `waitMs`, or at once).
function holdLock(name, waitMs) {
  return new Promise((resolve) => {
    const options = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    navigator.locks.request(name, options, (lock) => {
      resolve(Boolean(lock));
      return lock ? new Promise(() => {}) : undefined;
    }).catch(() => resolve(false));  // the wait timed out
  });
}

// Claims a slot for this worker's lifetime with the Web Locks API, so that two tabs (or two workers)
// never write one slot: `slot` itself when no other worker holds it, else `slot (tab 2)`, `(tab 3)`, ….
// → { slot, shared: whether another tab held the usual one }. Without Web Locks: `slot`, unclaimed.
export async function claimSlot(slot) {
  if (!self.navigator?.locks) return { slot, shared: false };
  for (let tab = 1; tab <= maxTabs; tab++) {
    const candidate = tab === 1 ? slot : `${slot} (tab ${tab})`;
    if (await holdLock(`ganvas-autosave:${candidate}`, tab === 1 ? releaseWaitMs : 0)) {
      return { slot: candidate, shared: tab > 1 };
    }
  }
  return { slot: `${slot} (${Date.now()})`, shared: true };  // very many tabs: one of its own, unclaimed
}

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
