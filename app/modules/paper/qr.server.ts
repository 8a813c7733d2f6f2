import QRCode from "qrcode";

/**
 * A QR code as an SVG data URL, drawn on the server so the printed sheet needs no script and no
 * network: the phone's camera reads it straight from the paper. Error correction "M" survives a
 * crease or a smudge on a cheap printout at the small size a slip allows.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The address a code opens: /join with the code filled in. */
export function joinUrl(origin: string, code: string): string {
  return `${origin}/join?code=${encodeURIComponent(code)}`;
}
