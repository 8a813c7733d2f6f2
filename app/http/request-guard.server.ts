import { data, type MiddlewareFunction } from "react-router";
import { isOutboxReplay, outboxReply } from "~/offline/replay.server";
import { checkBody, formatBytes, isCrossSite } from "./limits";

/**
 * The root's first check on every request a route answers (pages, their .data, resource routes
 * such as /language and /sign-out): a request that changes something must come from this site,
 * and its body must be declared and within the form's limit. Both are decided from headers
 * alone, before any action reads the body; the refusal is the error page in the person's
 * language (JSON for an outbox replay).
 */
export const requestGuardMiddleware: MiddlewareFunction<Response> = async (
  { request },
  next,
) => {
  const url = new URL(request.url);
  if (
    isCrossSite(
      request.method,
      request.url,
      request.headers.get("origin"),
      request.headers.get("sec-fetch-site"),
    )
  ) {
    if (isOutboxReplay(request))
      return outboxReply(403, {
        ok: false,
        errors: { form: ["limits.crossSiteTitle"] },
      });
    throw data({ reason: "crossSite" }, { status: 403 });
  }
  const body = checkBody(request.method, url.pathname, {
    contentLength: request.headers.get("content-length"),
    transferEncoding: request.headers.get("transfer-encoding"),
  });
  if (!body.ok) {
    // The body is never read: close the connection rather than keep receiving it.
    const headers = { Connection: "close" };
    if (isOutboxReplay(request)) {
      const response = outboxReply(body.status, {
        ok: false,
        errors: { form: ["limits.tooLargeTitle"] },
      });
      response.headers.set("Connection", "close");
      return response;
    }
    throw data(
      { reason: "tooLarge", limit: formatBytes(body.limit) },
      { status: body.status, headers },
    );
  }
  return next();
};
