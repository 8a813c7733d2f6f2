// The one seeded source of random numbers: the same seed gives the same numbers, so a
// calibration's folds and bootstrap intervals, an experiment's assignment and its re-draws, and
// the synthetic test programmes are reproducible (the adoption form and the frozen assignment
// rely on it).

/** Small, fast, well-mixed 32-bit PRNG (mulberry32); for resampling, not for security. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
