// The ranked list as the managers' page shows it: filters and the distribution chart. Pure.
import type { FirmScreening } from "./engine";

export interface ListFilters {
  readonly cohortId: string;
  readonly clusterId: string;
  readonly country: string;
  readonly sector: string;
}

export interface FirmPlace {
  readonly cohortId: string;
  readonly clusterId: string;
  readonly country: string;
  readonly sector: string;
}

export function readFilters(params: URLSearchParams): ListFilters {
  const get = (name: string) => (params.get(name) ?? "").trim().slice(0, 200);
  return { cohortId: get("cohort"), clusterId: get("cluster"), country: get("country"), sector: get("sector") };
}

export function matches(place: FirmPlace | undefined, f: ListFilters): boolean {
  if (!place) return false;
  return (
    (!f.cohortId || place.cohortId === f.cohortId) &&
    (!f.clusterId || place.clusterId === f.clusterId) &&
    (!f.country || place.country === f.country) &&
    (!f.sector || place.sector === f.sector)
  );
}

/** Counts of scores in ten bands of ten points (the last band holds 100), and the firms without a score. */
export function histogram(results: readonly Pick<FirmScreening, "total">[]): { bands: number[]; unscored: number } {
  const bands = new Array<number>(10).fill(0);
  let unscored = 0;
  for (const r of results) {
    if (r.total === null) unscored += 1;
    else bands[Math.min(9, Math.max(0, Math.floor(r.total / 10)))]! += 1;
  }
  return { bands, unscored };
}

export const PAGE_SIZE = 50;

export function pageOf<T>(rows: readonly T[], requested: string | null): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const asked = Number.parseInt(requested ?? "1", 10);
  const page = Number.isFinite(asked) ? Math.min(pages, Math.max(1, asked)) : 1;
  return { rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pages };
}
