import { checklistItem } from "./checklist";
import { reencodePhoto } from "./photo-image.server";
import { MAX_PHOTO_BYTES, sniffImage } from "./photos";
import { type FieldErrors, MAX_PHOTOS, parseVisitForm, type VisitInput } from "./visit-form";
import { latestVisitDay, type PhotoUpload } from "./visits.server";

type FormContext = {
  programme: { startsOn: string };
  itemKeys: string[];
  previous: { actions: { id: string }[] } | null;
};

export type VisitSubmission =
  | { ok: true; value: VisitInput; photos: PhotoUpload[] }
  | { ok: false; errors: FieldErrors; fields: Record<string, string>; hadPhotos: boolean };

/**
 * The submitted form and its photos, checked: the fields by the pure rules, each photo by its
 * size (at most 10 MB) and by decoding it (JPEG, PNG or WebP), re-encoded without its metadata.
 * Nothing is written here.
 */
export async function readVisitSubmission(formData: FormData, form: FormContext, now = new Date()): Promise<VisitSubmission> {
  const parsed = parseVisitForm(formData.entries(), {
    items: form.itemKeys.map((key) => checklistItem(key)!),
    today: latestVisitDay(now),
    programmeStart: form.programme.startsOn,
    previousActionIds: form.previous?.actions.map((a) => a.id) ?? [],
  });
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const photos: PhotoUpload[] = [];
  let hadPhotos = false;
  for (let i = 0; i < MAX_PHOTOS; i++) {
    const file = formData.get(`photo.${i}`);
    if (!(file instanceof File) || file.size === 0) continue;
    hadPhotos = true;
    if (file.size > MAX_PHOTO_BYTES) {
      errors[`photo.${i}`] = ["coaching.errors.photoTooLarge"];
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const declared = sniffImage(bytes);
    const photo = declared ? await reencodePhoto(bytes, declared) : null;
    if (!photo) {
      errors[`photo.${i}`] = ["coaching.errors.photoNotImage"];
      continue;
    }
    const kind = parsed.ok ? parsed.value.photoKinds[i] : "before";
    if (!kind) {
      errors[`photoKind.${i}`] = ["coaching.errors.photoKind"];
      continue;
    }
    photos.push({ kind, ...photo });
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, fields: parsed.fields, hadPhotos };
  return { ok: true, value: parsed.value, photos };
}
