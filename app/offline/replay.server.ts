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
