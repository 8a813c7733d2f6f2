// jstat ships no types; these are the few functions the experiment's estimators use.
declare module "jstat" {
  const jstat: {
    studentt: { inv(p: number, df: number): number; cdf(x: number, df: number): number };
    normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
  };
  export default jstat;
}
