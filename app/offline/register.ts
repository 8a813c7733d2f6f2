/**
 * Registers the service worker (public/sw.js) and answers its questions. Called once from
 * entry.client after the page is interactive; production builds only, since in development
 * Vite serves modules that change on every edit.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type !== "report-resources") return;
    const urls = [
      location.href,
      ...performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(location.origin)),
    ];
    navigator.serviceWorker.controller?.postMessage({ type: "precache", urls });
  });
  const register = () => void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  // A page loaded just as the worker was being activated stays uncontrolled (its requests would
  // not be answered offline) until it asks the worker to take it over.
  void navigator.serviceWorker.ready.then((registration) => {
    if (!navigator.serviceWorker.controller) registration.active?.postMessage({ type: "claim" });
  });
  // The client entry arrives by dynamic import: the load event may have fired already.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** On sign-out, forget the pages this person opened (a shared phone is common). */
export function forgetCachedPages(): void {
  navigator.serviceWorker?.controller?.postMessage({ type: "forget-pages" });
}
