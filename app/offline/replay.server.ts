/**
 * Server side of the offline outbox (app/offline/README.md). A replayed submission is the same
 * form POST the page would have sent, marked with a header; it gets a JSON answer, not a page.
 */
export const OUTBOX_HEADER = "X-Kaizen-Outbox";

export function isOutboxReplay(request: Request): boolean {
  return request.headers.get(OUTBOX_HEADER) === "1";
}

export type OutboxReply = { ok: true; id?: string } | { ok: false; errors: Record<string, string[] | null | undefined> };

export function outboxReply(status: number, body: OutboxReply): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

type ActionArgs = { request: Request; context: unknown; params: unknown };

/**
 * Route middleware that answers outbox replays itself, with JSON, before any page is rendered
 * (an action's return value would be rendered into the page on a document POST). A redirect
 * (to sign in) becomes 401 so the outbox keeps the item; a thrown status keeps its status.
 *
 *   export const middleware = [outboxReplayMiddleware(action)];
 */
export function outboxReplayMiddleware<A extends ActionArgs>(action: (args: A) => Promise<unknown>) {
  return async (args: A, next: () => Promise<Response>): Promise<Response> => {
    if (args.request.method !== "POST" || !isOutboxReplay(args.request)) return next();
    try {
      const result = await action(args);
      if (result instanceof Response) return result;
      const init = dataInit(result);
      if (init) return outboxReply(init.status ?? 200, init.status && init.status >= 400 ? { ok: false, errors: {} } : { ok: true });
      return outboxReply(200, { ok: true });
    } catch (thrown) {
      if (thrown instanceof Response) {
        const status = thrown.status >= 300 && thrown.status < 400 ? 401 : thrown.status;
        return outboxReply(status, { ok: false, errors: {} });
      }
      const init = dataInit(thrown);
      if (init?.status) return outboxReply(init.status, { ok: false, errors: {} });
      throw thrown;
    }
  };
}

function dataInit(value: unknown): { status?: number } | null {
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    return (value as { init?: { status?: number } | null }).init ?? {};
  }
  return null;
}
