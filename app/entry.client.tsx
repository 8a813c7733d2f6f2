import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { TextsStoreProvider } from "~/i18n/react";
import { loadClientTextsStore } from "~/i18n/texts.client";
import { startOutbox } from "~/offline/outbox";
import { registerServiceWorker } from "~/offline/register";

/**
 * The page is already readable from the server's HTML. Before React takes over, load the texts
 * this page shows in its language (one small file, preloaded by the HTML, cached for good by its
 * version); if that fails (no network), the page simply stays the server's HTML, and every form
 * still works.
 */
async function hydrate() {
  const texts = await loadClientTextsStore();
  startTransition(() => {
    hydrateRoot(
      document,
      <TextsStoreProvider store={texts}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </TextsStoreProvider>,
    );
  });
}

hydrate()
  .catch((error) => console.error("Kaizen LMS could not start its scripts", error))
  .finally(() => {
    // Work kept on this phone is sent from any page, and pages opened are kept for offline use.
    startOutbox();
    registerServiceWorker();
  });
