import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, HandleErrorFunction, RouterContextProvider } from "react-router";
import { isRouteErrorResponse, ServerRouter } from "react-router";
import { NONCE_HEADER, NonceProvider } from "~/http/nonce";
import { getLanguage } from "~/i18n/i18next.server";
import { isLanguage } from "~/i18n/languages";
import { TextsStoreProvider } from "~/i18n/react";
import { serverTextsStore } from "~/i18n/texts.server";
import { errorFields, log, requestIdOf } from "~/log.server";
import { startupWithRetry } from "~/startup.server";

// Importing the server build prepares the database first: no request is served before the
// migrations are in. A database that cannot be reached yet is tried again in the background.
await startupWithRetry();

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  entryContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || entryContext.isSpaMode ? "onAllReady" : "onShellReady";

    const nonce = request.headers.get(NONCE_HEADER) ?? undefined;
    // A page refused before the root loader ran (an oversized or cross-site form) is still shown
    // in the person's language, which the middleware has already found.
    const language = getLanguage(loadContext);
    const texts = isLanguage(language) ? { ...serverTextsStore, fallbackLanguage: language } : serverTextsStore;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <TextsStoreProvider store={texts}>
          <ServerRouter context={entryContext} url={request.url} nonce={nonce} />
        </TextsStoreProvider>
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render failed", { requestId: requestIdOf(request), ...errorFields(error) });
        },
      },
    );
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests and answers we chose (404, 403, 400) are not errors of the server.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  log.error("unhandled error", { requestId: requestIdOf(request), url: request.url, ...errorFields(error) });
};
