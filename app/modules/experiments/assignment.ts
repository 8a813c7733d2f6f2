/**
 * Stratified random assignment of firms to the arms of an experiment. Pure: no database, no
 * framework. The same roster, strata and seed always give the same assignment, because every
 * random choice comes from a seeded generator keyed by the experiment's seed and the stratum.
 *
 * The rule (docs/decisions/0019-randomised-evaluation.md):
 * - each firm falls in a stratum (cluster, sector, size band and optionally the baseline practice
 *   band, as the manager chose); a stratum with fewer firms than arms is merged with the nearest
 *   one (see distance below; ties go to the larger), until none is too small;
 * - within a stratum the firms are put in a random order, and arm labels come from an endless
 *   stream of shuffled blocks (each arm repeated as often as its ratio): the i-th firm in the order
 *   takes the i-th label, so each stratum is split in the chosen ratios as closely as its size allows;
 * - a firm added after the freeze takes the next unused label of its stratum's stream: the same
 *   rule, continued, never a fresh draw.
 */
import { mulberry32 } from "../statistics/seeded-random";

export type Random = () => number;

/** The app's one seeded generator: the same seed always gives the same assignment. */
export const seededRandom: (seed: number) => Random = mulberry32;

/** FNV-1a over the text: turns (seed, stratum, purpose) into the seed of that stratum's generator. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0001")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

export const STRATIFIERS = ["cluster", "sector", "size", "practice"] as const;
export type Stratifier = (typeof STRATIFIERS)[number];

export const SIZE_BANDS = ["1-4", "5-9", "10+", "unknown"] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export function sizeBand(workers: number | null | undefined): SizeBand {
  if (workers === null || workers === undefined) return "unknown";
  if (workers < 5) return "1-4";
  if (workers < 10) return "5-9";
  return "10+";
}

export type RosterFirm = {
  readonly id: string;
  readonly cluster: string;
  readonly sector: string;
  readonly workers: number | null;
  /** Practice score at a first visit before training, 0-1, when there was one. */
  readonly practice: number | null;
};

export type ArmRatio = { readonly key: string; readonly ratio: number };

/** The parts of a stratum's name, in STRATIFIERS order, only for the stratifiers chosen. */
export type StratumParts = Partial<Record<Stratifier, string>>;

export function stratumKey(parts: StratumParts): string {
  const used = STRATIFIERS.filter((s) => parts[s] !== undefined).map((s) => `${s}=${parts[s]}`);
  return used.length === 0 ? "all" : used.join("|");
}

export function partsOf(key: string): StratumParts {
  if (key === "all") return {};
  return Object.fromEntries(key.split("|").map((p) => p.split("=") as [Stratifier, string]));
}

/** How strata were formed: what a late firm needs to fall in the same stratum by the same rule. */
export type StrataPlan = {
  readonly stratifiers: readonly Stratifier[];
  /** The median baseline practice score of the roster when the plan was made (practice band cut). */
  readonly practiceCut: number | null;
  /** Each stratum as first formed -> the stratum it belongs to after merging. */
  readonly mergedInto: Readonly<Record<string, string>>;
  /** The merges, in the order made, for the preview. */
  readonly merges: readonly { from: string; into: string; firms: number }[];
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function rawStratum(firm: RosterFirm, stratifiers: readonly Stratifier[], practiceCut: number | null): string {
  const parts: StratumParts = {};
  if (stratifiers.includes("cluster")) parts.cluster = firm.cluster;
  if (stratifiers.includes("sector")) parts.sector = firm.sector;
  if (stratifiers.includes("size")) parts.size = sizeBand(firm.workers);
  if (stratifiers.includes("practice")) {
    parts.practice = firm.practice === null || practiceCut === null ? "unknown" : firm.practice >= practiceCut ? "high" : "low";
  }
  return stratumKey(parts);
}

/**
 * How far apart two strata are: another cluster or sector counts 4, another practice band 1, and
 * size bands count by how many bands apart they are (unknown size: 2). So a stratum too small
 * joins firms of its own cluster and sector of the next size before firms of another cluster.
 */
const PART_WEIGHT: Record<Exclude<Stratifier, "size">, number> = { cluster: 4, sector: 4, practice: 1 };
function distance(a: string, b: string): number {
  const pa = partsOf(a);
  const pb = partsOf(b);
  let d = 0;
  for (const s of ["cluster", "sector", "practice"] as const) if (pa[s] !== pb[s]) d += PART_WEIGHT[s];
  if (pa.size !== pb.size) {
    const ia = SIZE_BANDS.indexOf(pa.size as SizeBand);
    const ib = SIZE_BANDS.indexOf(pb.size as SizeBand);
    d += pa.size === "unknown" || pb.size === "unknown" || ia < 0 || ib < 0 ? 2 : Math.abs(ia - ib);
  }
  return d;
}

/** Strata of the roster, merging any with fewer firms than `minSize` into its nearest neighbour. */
export function planStrata(roster: readonly RosterFirm[], stratifiers: readonly Stratifier[], minSize: number): StrataPlan {
  const practiceCut = stratifiers.includes("practice") ? median(roster.flatMap((f) => (f.practice === null ? [] : [f.practice]))) : null;
  const counts = new Map<string, number>();
  for (const f of roster) {
    const key = rawStratum(f, stratifiers, practiceCut);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const mergedInto: Record<string, string> = Object.fromEntries([...counts.keys()].map((k) => [k, k]));
  const merges: { from: string; into: string; firms: number }[] = [];
  for (;;) {
    const live = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const small = live[0];
    if (!small || live.length < 2 || small[1] >= minSize) break;
    let best: { key: string; d: number; n: number } | null = null;
    for (const [key, n] of live.slice(1)) {
      const d = distance(small[0], key);
      if (!best || d < best.d || (d === best.d && (n > best.n || (n === best.n && key < best.key)))) best = { key, d, n };
    }
    const into = best!.key;
    counts.set(into, counts.get(into)! + small[1]);
    counts.delete(small[0]);
    merges.push({ from: small[0], into, firms: small[1] });
    for (const [raw, now] of Object.entries(mergedInto)) if (now === small[0]) mergedInto[raw] = into;
  }
  return { stratifiers: [...stratifiers], practiceCut, mergedInto, merges };
}

/** The stratum a firm belongs to under a plan; a firm whose raw stratum is new joins the nearest one. */
export function stratumOf(firm: RosterFirm, plan: StrataPlan): string {
  const raw = rawStratum(firm, plan.stratifiers, plan.practiceCut);
  const known = plan.mergedInto[raw];
  if (known) return known;
  const finals = [...new Set(Object.values(plan.mergedInto))].sort();
  let best: { key: string; d: number } | null = null;
  for (const key of finals) {
    const d = distance(raw, key);
    if (!best || d < best.d) best = { key, d };
  }
  return best?.key ?? raw;
}

/** The first `count` labels of a stratum's stream of shuffled blocks (arm indices). */
export function armLabels(ratios: readonly number[], random: Random, count: number): number[] {
  const block: number[] = [];
  ratios.forEach((r, arm) => {
    for (let i = 0; i < r; i++) block.push(arm);
  });
  const labels: number[] = [];
  while (labels.length < count) labels.push(...shuffleInPlace([...block], random));
  labels.length = count;
  return labels;
}

export type Assignment = { firmId: string; arm: string; stratum: string; sequence: number };

/** Assigns every firm of the roster. Deterministic in (roster as a set, arms, stratifiers, seed). */
export function assign(roster: readonly RosterFirm[], arms: readonly ArmRatio[], stratifiers: readonly Stratifier[], seed: number): { plan: StrataPlan; assignments: Assignment[] } {
  const plan = planStrata(roster, stratifiers, arms.length);
  const byStratum = new Map<string, string[]>();
  for (const f of roster) {
    const s = stratumOf(f, plan);
    byStratum.set(s, [...(byStratum.get(s) ?? []), f.id]);
  }
  const ratios = arms.map((a) => a.ratio);
  const assignments: Assignment[] = [];
  for (const [stratum, ids] of [...byStratum.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const order = shuffleInPlace([...ids].sort(), seededRandom(hashSeed(seed, stratum, "order")));
    const labels = armLabels(ratios, seededRandom(hashSeed(seed, stratum, "labels")), order.length);
    order.forEach((firmId, i) => assignments.push({ firmId, arm: arms[labels[i]!]!.key, stratum, sequence: i }));
  }
  return { plan, assignments };
}

/**
 * Firms added after the freeze: each takes the next unused label of its stratum's stream, in the
 * order of their ids, so the result does not depend on when the button was pressed.
 */
export function assignLate(
  late: readonly RosterFirm[],
  arms: readonly ArmRatio[],
  plan: StrataPlan,
  seed: number,
  usedInStratum: ReadonlyMap<string, number>,
): Assignment[] {
  const ratios = arms.map((a) => a.ratio);
  const next = new Map(usedInStratum);
  const out: Assignment[] = [];
  for (const firm of [...late].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const stratum = stratumOf(firm, plan);
    const sequence = next.get(stratum) ?? 0;
    const labels = armLabels(ratios, seededRandom(hashSeed(seed, stratum, "labels")), sequence + 1);
    out.push({ firmId: firm.id, arm: arms[labels[sequence]!]!.key, stratum, sequence });
    next.set(stratum, sequence + 1);
  }
  return out;
}

/**
 * One re-draw for randomisation inference: the same rule (random order within stratum, shuffled
 * blocks of the ratios) on index lists, writing arm indices into `out`. Fast: no strings, no maps.
 */
export function redraw(strata: readonly (readonly number[])[], ratios: readonly number[], random: Random, out: Int32Array): void {
  for (const members of strata) {
    const order = shuffleInPlace([...members], random);
    const labels = armLabels(ratios, random, order.length);
    for (let i = 0; i < order.length; i++) out[order[i]!] = labels[i]!;
  }
}
