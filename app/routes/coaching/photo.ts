import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { firmAccess, photoBytes, photoRecord } from "~/modules/coaching/visits.server";
import type { Route } from "./+types/photo";

/** A visit photo, only for people who may see that firm's coaching record. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const photo = await photoRecord(args.params.photoId);
  if (!photo) notFound();
  const access = await firmAccess(user, photo.visit.firmId);
  if (!access.ok || !access.programmeIds.includes(photo.visit.programmeId)) forbidden();
  const body = await photoBytes(photo);
  if (!body) notFound();
  return new Response(body, {
    headers: {
      "Content-Type": photo.mediaType,
      "Content-Length": String(body.byteLength),
      // Private: a shared phone or proxy must not hand one person's photos to another.
      "Cache-Control": "private, max-age=86400, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
