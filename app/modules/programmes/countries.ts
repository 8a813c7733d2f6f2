/** Countries where programmes run (ISO 3166-1 alpha-2); each has a name in every interface language. */
export const COUNTRIES = ["GH", "KE", "TZ", "ET", "VN"] as const;
export type Country = (typeof COUNTRIES)[number];

/** Sectors of the clusters and firms. */
export const SECTORS = ["metalwork", "garment", "shoes_leather", "other"] as const;
export type Sector = (typeof SECTORS)[number];
