import sharp from "sharp";
import type { ImageInfo } from "./photos";

/** The longest side a stored photo keeps: enough to see a workshop's shelves, small on a phone's data. */
export const MAX_PHOTO_SIDE = 1600;
/**
 * The most pixels a photo may declare before it is decoded at all: a 108-megapixel phone camera
 * fits, a PNG claiming 100000 × 100000 (which would take 40 GB to decode) does not.
 */
export const MAX_PHOTO_PIXELS = 120_000_000;

export type ReencodedPhoto = { bytes: Uint8Array<ArrayBuffer>; info: ImageInfo };

/**
 * A photo as the server keeps it: decoded and drawn again as a JPEG, turned upright by its EXIF
 * orientation, at most MAX_PHOTO_SIDE on its longest side, with no metadata (a phone's EXIF GPS
 * position, its serial number and the time would otherwise be served to everyone who may see the
 * firm). Null when the bytes are not a picture that decodes, whatever their first bytes claim.
 */
export async function reencodePhoto(bytes: Uint8Array, declared: { width: number; height: number }): Promise<ReencodedPhoto | null> {
  if (declared.width * declared.height > MAX_PHOTO_PIXELS) return null;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), info: { mediaType: "image/jpeg", extension: "jpg", width: info.width, height: info.height } };
  } catch {
    return null;
  }
}
