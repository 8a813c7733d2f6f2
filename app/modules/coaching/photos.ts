/**
 * What an uploaded file really is, from its first bytes (never from its name or the browser's
 * claimed type), and its size in pixels. Pure: JPEG, PNG and WebP, the formats phones make.
 */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type ImageInfo = { mediaType: "image/jpeg" | "image/png" | "image/webp"; extension: "jpg" | "png" | "webp"; width: number; height: number };

export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: fixed signature, then the IHDR chunk with width and height.
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) {
    return valid({ mediaType: "image/png", extension: "png", width: view.getUint32(16), height: view.getUint32(20) });
  }
  // JPEG: SOI, then segments until a start-of-frame marker that carries the size.
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1]!;
      if (marker === 0xff) {
        offset += 1;
        continue;
      }
      const length = view.getUint16(offset + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) return valid({ mediaType: "image/jpeg", extension: "jpg", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) });
      offset += 2 + length;
    }
    return null;
  }
  // WebP: RIFF....WEBP and one of three chunk kinds.
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP" && bytes.length >= 30) {
    const chunk = ascii(bytes, 12, 16);
    if (chunk === "VP8 ") return valid({ mediaType: "image/webp", extension: "webp", width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff });
    if (chunk === "VP8L") {
      const b = view.getUint32(21, true);
      return valid({ mediaType: "image/webp", extension: "webp", width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 });
    }
    if (chunk === "VP8X") {
      const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
      const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
      return valid({ mediaType: "image/webp", extension: "webp", width, height });
    }
  }
  return null;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

function valid(info: ImageInfo): ImageInfo | null {
  return info.width > 0 && info.height > 0 ? info : null;
}
