import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { startOutbox } from "~/offline/outbox";
import { registerServiceWorker } from "~/offline/register";

/**
 * The page is already readable from the server's HTML. Before React takes over, load the
 * dictionary of the page's language (one small file, cached for good by its version); if that
 * fails (no network), the page simply stays the server's HTML, and every form still works.
 */
async function hydrate() {
  const root = document.documentElement;
  const language = root.lang || "en";
  const url = root.dataset.dictionary;
  if (!url) return;
  const response = await fetch(url);
  if (!response.ok) return;
  const translation = await response.json();
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    resources: { [language]: { translation } },
    interpolation: { escapeValue: false },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
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
