import { useState } from "react";
import { useTranslation } from "~/i18n/react";

const LONG_SIDE = 1280;
const MAX_BYTES = 200 * 1024;

/**
 * Makes a phone photo small before it is sent or queued: long side at most 1280 px, JPEG of at
 * most 200 KB (quality stepped down until it fits). Without JavaScript the original is sent and
 * the server's 10 MB limit applies.
 */
export async function shrinkPhoto(file: File): Promise<File> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  let blob: Blob | null = null;
  for (let attempt = 0, size = 1; attempt < 8; attempt++) {
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * size);
    canvas.height = Math.round(height * size);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.8, 0.7, 0.6, 0.5, 0.4]) {
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
      if (blob && blob.size <= MAX_BYTES) break;
    }
    if (blob && blob.size <= MAX_BYTES) break;
    size *= 0.8;
  }
  bitmap.close();
  if (!blob) return file;
  return new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" });
}

/** One photo slot: the camera, a before/after choice, and a preview once shrunk. */
export function PhotoInput({ index, defaultKind, error }: { index: number; defaultKind: "before" | "after"; error?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const id = `photo-${index}`;
  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file || !file.type.startsWith("image/")) return;
    setBusy(true);
    try {
      const small = await shrinkPhoto(file);
      const transfer = new DataTransfer();
      transfer.items.add(small);
      input.files = transfer.files;
      setPreview((old) => {
        if (old) URL.revokeObjectURL(old);
        return URL.createObjectURL(small);
      });
    } catch {
      // A format this browser cannot draw: the original goes, and the server judges it.
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="photo-slot">
      <div className="field">
        <label htmlFor={id}>{t("coaching.photoLabel", { number: index + 1 })}</label>
        <input
          id={id}
          name={`photo.${index}`}
          type="file"
          accept="image/*"
          capture="environment"
          onChange={onChange}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field__errors">
            {error}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("coaching.photoKind")}</label>
        <select id={`${id}-kind`} name={`photoKind.${index}`} defaultValue={defaultKind}>
          <option value="before">{t("coaching.before")}</option>
          <option value="after">{t("coaching.after")}</option>
        </select>
      </div>
      {busy ? <p role="status">{t("coaching.shrinking")}</p> : null}
      {preview ? <img src={preview} alt="" className="photo-slot__preview" /> : null}
    </div>
  );
}
