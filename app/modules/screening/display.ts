// How a percentile reads in words. A firm ahead of 99.5% of its group is not "ahead of 100%"
// (nobody is ahead of itself) and one at 0.4% is not "ahead of 0%": a percentile is shown whole
// unless rounding would reach either end, then with as many decimals as keep it off the ends.

/** Fraction digits (0-3) for showing a percentile without rounding it to 0 or 100. */
export function percentileDigits(percentile: number): number {
  for (let digits = 0; digits < 3; digits += 1) {
    const shown = Number(percentile.toFixed(digits));
    if (shown > 0 && shown < 100) return digits;
  }
  return 3;
}

/** The percentile as it will be shown: never 0 and never 100. */
export function shownPercentile(percentile: number): number {
  const digits = percentileDigits(percentile);
  const step = 10 ** -digits;
  return Math.min(100 - step, Math.max(step, Number(percentile.toFixed(digits))));
}
