import { allItems, deleteItem, putItem } from "./idb";

/**
 * The outbox: form submissions made where the network is gone, kept in IndexedDB (files
 * included) and sent when it returns. The server upserts by the submission's clientId, so a
 * replay never duplicates and a lost answer never loses the work (app/offline/README.md).
 */
type Field = { name: string; value: string } | { name: string; blob: Blob; filename: string };

export type OutboxItem = {
  id: string;
  url: string;
  label: string;
  createdAt: number;
  fields: Field[];
  /** "waiting" until sent; "attention" when the server refused it (bad input, no longer allowed). */
  state: "waiting" | "attention";
  problem?: string;
};

export type OutboxSnapshot = { waiting: number; attention: OutboxItem[]; online: boolean; sending: boolean };

let snapshot: OutboxSnapshot = { waiting: 0, attention: [], online: true, sending: false };
const listeners = new Set<() => void>();

function publish(next: Partial<OutboxSnapshot>) {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSnapshot(): OutboxSnapshot {
  return snapshot;
}

async function refresh() {
  const items = await allItems<OutboxItem>();
  publish({ waiting: items.filter((i) => i.state === "waiting").length, attention: items.filter((i) => i.state === "attention") });
}

function toFields(formData: FormData): Field[] {
  const fields: Field[] = [];
  formData.forEach((value, name) => {
    if (typeof value === "string") fields.push({ name, value });
    else if (value.size > 0) fields.push({ name, blob: value, filename: value.name || "file" });
  });
  return fields;
}

function toFormData(fields: Field[]): FormData {
  const formData = new FormData();
  for (const field of fields) {
    if ("blob" in field) formData.append(field.name, field.blob, field.filename);
    else formData.append(field.name, field.value);
  }
  return formData;
}

/** Stores a submission for later; its clientId (or a new one) identifies it to the server. */
export async function queueSubmission(url: string, formData: FormData, label: string): Promise<string> {
  const id = String(formData.get("clientId") || crypto.randomUUID());
  if (!formData.get("clientId")) formData.set("clientId", id);
  await putItem<OutboxItem>({ id, url, label, createdAt: Date.now(), fields: toFields(formData), state: "waiting" });
  await refresh();
  return id;
}

function isNetworkFailure(error: unknown): boolean {
  return !navigator.onLine || error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message));
}

/**
 * For a route's clientAction: send to the server when possible; when the phone is offline or
 * the request dies on the way, keep it in the outbox and answer `{ queued: true }`.
 */
export async function submitOrQueue<T>({
  request,
  serverAction,
  label,
}: {
  request: Request;
  serverAction: () => Promise<T>;
  label: string;
}): Promise<T | { queued: true; clientId: string }> {
  const formData = await request.clone().formData();
  const url = new URL(request.url);
  const target = url.pathname + url.search;
  if (!navigator.onLine) return { queued: true, clientId: await queueSubmission(target, formData, label) };
  try {
    return await serverAction();
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    return { queued: true, clientId: await queueSubmission(target, formData, label) };
  }
}

let sending: Promise<void> | undefined;

/** Sends every waiting item, oldest first; stops at the first network failure. */
export function sendPending(): Promise<void> {
  sending ??= (async () => {
    publish({ sending: true });
    try {
      const items = (await allItems<OutboxItem>()).filter((i) => i.state === "waiting").sort((a, b) => a.createdAt - b.createdAt);
      for (const item of items) {
        let response: Response;
        try {
          response = await fetch(item.url, {
            method: "POST",
            body: toFormData(item.fields),
            headers: { "X-Kaizen-Outbox": "1" },
            credentials: "same-origin",
            // A redirect means "sign in first": never follow it and mistake the sign-in page for success.
            redirect: "manual",
          });
        } catch {
          break;
        }
        if (response.type === "opaqueredirect") {
          await putItem<OutboxItem>({ ...item, state: "attention", problem: "offline.problemSignIn" });
          continue;
        }
        if (response.status >= 500) break;
        const body = (await response.json().catch(() => null)) as { ok?: boolean; errors?: Record<string, string[] | null> } | null;
        if (response.ok && body?.ok === true) {
          await deleteItem(item.id);
        } else {
          // Only a JSON "ok" from the server removes an item: anything else is kept and shown.
          await putItem<OutboxItem>({ ...item, state: "attention", problem: problemOf(response.status, body ?? {}) });
        }
      }
    } finally {
      await refresh();
      publish({ sending: false });
      sending = undefined;
    }
  })();
  return sending;
}

function problemOf(status: number, body: { errors?: Record<string, string[] | null> }): string {
  if (status === 401) return "offline.problemSignIn";
  if (status === 403) return "offline.problemForbidden";
  const first = Object.values(body.errors ?? {}).find((messages) => messages?.length)?.[0];
  return first ?? "offline.problemRefused";
}

/** Gives up on an item the server refused, after the person has seen it. */
export async function discardItem(id: string): Promise<void> {
  await deleteItem(id);
  await refresh();
}

/** Asks the service worker to keep these pages (and their data) for offline use. */
export async function precachePages(urls: string[]): Promise<void> {
  const registration = await navigator.serviceWorker?.ready;
  registration?.active?.postMessage({ type: "precache", urls });
}

let started = false;

/** Starts the outbox on this page: counts what waits, sends it now, on reconnection and every 30 s. */
export function startOutbox(): void {
  if (started || typeof window === "undefined" || !("indexedDB" in window)) return;
  started = true;
  publish({ online: navigator.onLine });
  window.addEventListener("online", () => {
    publish({ online: true });
    void sendPending();
  });
  window.addEventListener("offline", () => publish({ online: false }));
  void refresh().then(() => (navigator.onLine ? sendPending() : undefined));
  setInterval(() => {
    if (navigator.onLine && snapshot.waiting > 0) void sendPending();
  }, 30_000);
}

/**
 * For `shouldRevalidate` of a route with an offline form (and the root): a submission kept on
 * the phone has not reached the server, so asking the server for fresh data would only fail.
 */
export function revalidateUnlessQueued({ actionResult, defaultShouldRevalidate }: { actionResult?: unknown; defaultShouldRevalidate: boolean }) {
  if (actionResult && typeof actionResult === "object" && "queued" in actionResult) return false;
  return defaultShouldRevalidate;
}
