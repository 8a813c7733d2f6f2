/** A few promise helpers over IndexedDB: enough for one object store, no library needed. */
const DB_NAME = "kaizen-offline";
const STORE = "outbox";

let opening: Promise<IDBDatabase> | undefined;

export function openOutboxDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function putItem<T>(item: T): Promise<void> {
  const db = await openOutboxDb();
  await done(db.transaction(STORE, "readwrite").objectStore(STORE).put(item));
}

export async function deleteItem(id: string): Promise<void> {
  const db = await openOutboxDb();
  await done(db.transaction(STORE, "readwrite").objectStore(STORE).delete(id));
}

export async function allItems<T>(): Promise<T[]> {
  const db = await openOutboxDb();
  return done(db.transaction(STORE, "readonly").objectStore(STORE).getAll()) as Promise<T[]>;
}
